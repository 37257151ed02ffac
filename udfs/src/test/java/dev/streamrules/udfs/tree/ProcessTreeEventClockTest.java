package dev.streamrules.udfs.tree;

import static dev.streamrules.udfs.testing.EcsEventBuilder.end;
import static dev.streamrules.udfs.testing.EcsEventBuilder.exec;
import static dev.streamrules.udfs.testing.EcsEventBuilder.fork;
import static dev.streamrules.udfs.tree.Harnesses.drain;
import static dev.streamrules.udfs.tree.Harnesses.leaderName;
import static dev.streamrules.udfs.tree.Harnesses.nodes;
import static dev.streamrules.udfs.tree.Harnesses.processTree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import dev.streamrules.udfs.tree.Harnesses.Backend;
import dev.streamrules.udfs.tree.ProcessTreeSettings.Clock;
import java.time.Duration;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator on {@link Clock#EVENT_TIME}, what a replay runs: time is the newest record timestamp,
 * deadlines pass with the watermark, and the wall clock changes nothing. (The rules of waiting and
 * eviction themselves are {@link ProcessTreeOperatorTest}'s, on the wall clock.)
 */
class ProcessTreeEventClockTest {

    private static final String A = "host-a";
    private static final long T0 = 1_790_000_000_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h;

    private void open(ProcessTreeSettings.Builder settings) throws Exception {
        h = Harnesses.create(settings.clock(Clock.EVENT_TIME).build(), Backend.HEAP);
        h.open();
        h.setProcessingTime(0);
    }

    private void send(EcsEventBuilder e, long offset) throws Exception {
        h.processElement(e.event(), T0 + offset);
    }

    private void watermark(long offset) throws Exception {
        h.processWatermark(new Watermark(T0 + offset));
    }

    private static ProcessTreeSettings.Builder lingerTenSeconds() {
        return ProcessTreeSettings.builder()
                .endedLinger(Duration.ofSeconds(10))
                .sweepInterval(Duration.ofSeconds(1))
                .idleTtl(Duration.ofHours(1));
    }

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aWaitEndsWhenTheWatermarkPassesItsDeadlineNotOnTheWallClock() throws Exception {
        open(ProcessTreeSettings.builder());
        send(exec(A, "cat-1", "bash-1", "cat", "cat", "/proc/1/maps"), 1_000);
        h.setProcessingTime(3_600_000);
        watermark(2_999);
        assertThat(drain(h)).isEmpty();
        assertThat(h.numProcessingTimeTimers()).isZero();

        watermark(3_000);
        EcsEvent cat = drain(h).get(0);
        assertThat(processTree(cat).get("unresolved_reason").asText()).contains("bash-1");
        assertThat(processTree(cat).get("waited_ms").asLong()).isEqualTo(2_000);
    }

    @Test
    void aParentArrivingWithinTheWaitResolvesItsChild() throws Exception {
        open(ProcessTreeSettings.builder());
        send(exec(A, "cat-1", "bash-1", "cat", "cat", "/proc/1/maps"), 1_000);
        send(exec(A, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd"), 2_500);
        java.util.List<EcsEvent> out = drain(h);
        assertThat(out).extracting(Harnesses::leaderName).containsExactly("bash", "bash");
        assertThat(processTree(out.get(1)).get("waited_ms").asLong()).isEqualTo(1_500);
    }

    @Test
    void anEndedProcessLingersByEventTime() throws Exception {
        open(lingerTenSeconds());
        send(exec(A, "bash-1", null, "bash").ownEntryLeader("sshd"), 0);
        send(end(A, "bash-1"), 1_000);
        h.setProcessingTime(3_600_000);
        watermark(10_999);
        send(exec(A, "late-1", "bash-1", "cat"), 11_000); // a late child still resolves
        assertThat(leaderName(drain(h).get(2))).isEqualTo("bash");
        send(end(A, "late-1"), 11_000);

        watermark(12_000);
        assertThat(nodes(h, A)).containsOnlyKeys("late-1");
        watermark(22_000);
        assertThat(nodes(h, A)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void anEarlierTimestampNeverSetsTheClockBack() throws Exception {
        open(lingerTenSeconds());
        send(exec(A, "bash-1", null, "bash").ownEntryLeader("sshd"), 50_000);
        send(end(A, "bash-1"), 1_000); // out of order: it ended when the tree had reached 50 s
        watermark(59_999);
        assertThat(nodes(h, A)).containsOnlyKeys("bash-1");
        watermark(61_000);
        assertThat(nodes(h, A)).isEmpty();
    }

    /**
     * One watermark can pass a wait deadline and a later eviction together (a replay's periodic
     * watermark covers minutes of its events, the input's last one all of them); the tree must still
     * take them in time order, or the event would be released into a tree without its leader.
     */
    @Test
    void aWaitDueBeforeAnEvictionIsReleasedBeforeIt() throws Exception {
        open(lingerTenSeconds());
        send(exec(A, "bash-1", null, "bash").ownEntryLeader("sshd"), 0);
        send(end(A, "bash-1"), 2_000); // evicted at 12 s
        send(fork(A, "sub-1").name("bash").parent("bash-1"), 9_000);
        send(exec(A, "cat-1", "sub-1", "cat"), 9_500); // waits for sub-1's exec until 11.5 s
        drain(h);

        h.processWatermark(Watermark.MAX_WATERMARK);
        EcsEvent cat = drain(h).get(0);
        assertThat(leaderName(cat)).isEqualTo("bash");
        assertThat(processTree(cat).get("waited_ms").asLong()).isEqualTo(2_000);
    }

    @Test
    void theInputsLastWatermarkReleasesEveryWaitingEvent() throws Exception {
        open(ProcessTreeSettings.builder());
        send(exec(A, "c1", "sh-1", "cat"), 0);
        send(exec(A, "c2", "sh-2", "grep"), 500);
        h.processWatermark(Watermark.MAX_WATERMARK);
        assertThat(drain(h))
                .extracting(e -> processTree(e).get("waited_ms").asLong())
                .containsExactly(2_000L, 2_000L);
        h.endInput();
        assertThat(drain(h)).isEmpty();
    }
}
