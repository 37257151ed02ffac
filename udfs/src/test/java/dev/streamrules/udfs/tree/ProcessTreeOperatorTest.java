package dev.streamrules.udfs.tree;

import static dev.streamrules.udfs.testing.EcsEventBuilder.end;
import static dev.streamrules.udfs.testing.EcsEventBuilder.exec;
import static dev.streamrules.udfs.testing.EcsEventBuilder.fork;
import static dev.streamrules.udfs.tree.Harnesses.drain;
import static dev.streamrules.udfs.tree.Harnesses.leaderName;
import static dev.streamrules.udfs.tree.Harnesses.nodes;
import static dev.streamrules.udfs.tree.Harnesses.only;
import static dev.streamrules.udfs.tree.Harnesses.processTree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import dev.streamrules.udfs.tree.Harnesses.Backend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator in a keyed harness on the heap backend: resolution, waiting, eviction, end of input. */
class ProcessTreeOperatorTest {

    private static final String A = "host-a";
    private static final String B = "host-b";

    private KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h;

    private void open(ProcessTreeSettings settings) throws Exception {
        h = Harnesses.create(settings, Backend.HEAP);
        h.open();
        h.setProcessingTime(0);
    }

    private void send(EcsEventBuilder e) throws Exception {
        h.processElement(e.event(), 7);
    }

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    /** sshd → bash (entry leader of an sshd session) → sh, on {@code host}. */
    private void session(String host) throws Exception {
        send(exec(host, "bash-1", "sshd-1", "bash", "-bash").ownEntryLeader("sshd"));
        send(exec(host, "sh-1", "bash-1", "sh", "sh", "-c", "cat /proc/1/maps"));
    }

    @Test
    void grandchildInheritsTheEntryLeaderAndTheRuleMatches() throws Exception {
        open(ProcessTreeSettings.defaults());
        session(A);
        EcsEvent raw = exec(A, "cat-1", "sh-1", "cat", "cat", "/proc/1/maps").event();
        assertThat(ProcMapsDiscoveryRule.RULE.matches(raw))
                .as("without the tree the rule cannot match")
                .isFalse();

        h.processElement(raw, 7);
        List<EcsEvent> out = drain(h);
        assertThat(out).hasSize(3);
        EcsEvent cat = only(out, "cat-1");
        assertThat(leaderName(cat)).isEqualTo("bash");
        assertThat(cat.first("process.entry_leader.entity_id")).isEqualTo("bash-1");
        assertThat(processTree(cat).at("/entry_leader/source").asText()).isEqualTo("state");
        assertThat(ProcMapsDiscoveryRule.RULE.matches(cat)).isTrue();

        EcsEvent sh = only(out, "sh-1");
        assertThat(leaderName(sh)).as("parent level").isEqualTo("bash");
        assertThat(processTree(only(out, "bash-1")).at("/entry_leader/source").asText())
                .isEqualTo("event");
    }

    /** An event without a host has no tree to join: it passes unchanged and leaves no state behind. */
    @Test
    void eventsWithoutAHostPassUnchangedAndKeepNoState() throws Exception {
        open(ProcessTreeSettings.defaults());
        EcsEvent shell = exec(A, "bash-1", "sshd-1", "bash", "-bash")
                .ownEntryLeader("sshd")
                .remove("host.id")
                .event();
        EcsEvent child = exec(A, "cat-1", "bash-1", "cat", "cat", "/proc/1/maps")
                .remove("host.id")
                .event();
        assertThat(child.hasHost()).isFalse();

        h.processElement(shell, 7);
        h.processElement(child, 8);

        assertThat(drain(h)).containsExactly(shell, child);
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void outputKeepsTheRecordTimestamp() throws Exception {
        open(ProcessTreeSettings.defaults());
        send(exec(A, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd"));
        assertThat(h.extractOutputStreamRecords())
                .singleElement()
                .satisfies(r -> assertThat(r.getTimestamp()).isEqualTo(7));
    }

    @Test
    void forkThenExecOfTheSameEntityId() throws Exception {
        open(ProcessTreeSettings.defaults());
        send(exec(A, "bash-1", "sshd-1", "bash", "-bash").ownEntryLeader("sshd"));
        send(fork(A, "c-1")
                .name("bash")
                .args("-bash")
                .parent("bash-1")
                .timestamp(Instant.parse("2024-05-01T11:00:00Z")));
        send(exec(A, "c-1")
                .name("cat")
                .executable("/usr/bin/cat")
                .args("cat", "/proc/9/maps")
                .timestamp(Instant.parse("2024-05-01T11:00:01Z")));

        EcsEvent exec = drain(h).get(2);
        assertThat(exec.first("event.action")).isEqualTo("exec");
        assertThat(leaderName(exec)).isEqualTo("bash");
        assertThat(exec.first("process.parent.name")).as("filled from the tree").isEqualTo("bash");
        assertThat(ProcMapsDiscoveryRule.RULE.matches(exec)).isTrue();
        assertThat(nodes(h, A).get("c-1").name()).isEqualTo("cat");
        assertThat(nodes(h, A).get("c-1").args()).containsExactly("cat", "/proc/9/maps");
    }

    @Test
    void sameEntityIdOnTwoHostsNeverMixes() throws Exception {
        open(ProcessTreeSettings.defaults());
        send(exec(A, "lead", "sshd-1", "bash").ownEntryLeader("sshd"));
        send(exec(B, "lead", "init-1", "containerd").ownEntryLeader("init"));
        send(exec(A, "child", "lead", "cat"));
        send(exec(B, "child", "lead", "cat"));
        send(exec(B, "only-on-b", "x-1", "cat"));
        send(exec(A, "orphan", "x-1", "cat"));

        List<EcsEvent> out = drain(h);
        assertThat(out).hasSize(4);
        assertThat(out.stream()
                        .filter(e -> "child".equals(e.first("process.entity_id")))
                        .map(e -> e.getHostId() + "=" + leaderName(e)))
                .containsExactlyInAnyOrder("host-a=bash", "host-b=containerd");
        assertThat(nodes(h, A)).containsKeys("lead", "child", "orphan").doesNotContainKey("only-on-b");
        assertThat(out).noneMatch(e -> e.first("process.entity_id").matches("orphan|only-on-b"));
        assertThat(nodes(h, B).get("x-1").ownEvent()).isFalse();
    }

    @Test
    void childArrivingBeforeItsParentIsReleasedWhenTheParentArrives() throws Exception {
        open(ProcessTreeSettings.defaults());
        send(exec(A, "cat-1", "bash-1", "cat", "cat", "/proc/1/maps"));
        assertThat(drain(h)).isEmpty();
        assertThat(h.numProcessingTimeTimers()).isEqualTo(2); // wait deadline + sweep

        h.setProcessingTime(1_200);
        send(exec(A, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd"));
        List<EcsEvent> out = drain(h);
        assertThat(out).extracting(e -> e.first("process.entity_id")).containsExactly("bash-1", "cat-1");
        EcsEvent cat = out.get(1);
        assertThat(leaderName(cat)).isEqualTo("bash");
        assertThat(processTree(cat).get("waited_ms").asLong()).isEqualTo(1_200);
        assertThat(ProcMapsDiscoveryRule.RULE.matches(cat)).isTrue();

        h.setProcessingTime(5_000); // the old deadline passes: nothing left to release
        assertThat(drain(h)).isEmpty();
    }

    @Test
    void waitingFollowsTheChainUpward() throws Exception {
        open(ProcessTreeSettings.defaults());
        send(exec(A, "cat-1", "sh-1", "cat"));
        h.setProcessingTime(500);
        send(exec(A, "sh-1", "bash-1", "sh")); // the parent, itself still without a known leader
        assertThat(drain(h)).isEmpty();
        h.setProcessingTime(1_000);
        send(exec(A, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd"));
        List<EcsEvent> out = drain(h);
        assertThat(out)
                .extracting(e -> e.first("process.entity_id"))
                .containsExactlyInAnyOrder("bash-1", "sh-1", "cat-1");
        assertThat(out).allSatisfy(e -> assertThat(leaderName(e)).isEqualTo("bash"));
    }

    @Test
    void childIsReleasedByTheTimerWhenTheParentNeverComes() throws Exception {
        open(ProcessTreeSettings.defaults());
        send(exec(A, "cat-1", "bash-1", "cat", "cat", "/proc/1/maps"));
        h.setProcessingTime(1_999);
        assertThat(drain(h)).isEmpty();

        h.setProcessingTime(2_000);
        EcsEvent cat = drain(h).get(0);
        assertThat(cat.has("process.entry_leader.name")).isFalse();
        assertThat(processTree(cat).get("unresolved_reason").asText()).contains("bash-1");
        assertThat(processTree(cat).get("waited_ms").asLong()).isEqualTo(2_000);
        assertThat(ProcMapsDiscoveryRule.RULE.matches(cat)).isFalse();

        // the missing parent is settled: its next child does not wait again
        send(exec(A, "cat-2", "bash-1", "cat"));
        assertThat(drain(h)).hasSize(1);
    }

    @Test
    void fullWaitingBufferEvaluatesAtOnce() throws Exception {
        open(ProcessTreeSettings.builder().maxWaitingPerHost(2).build());
        send(exec(A, "c1", "p1", "cat"));
        send(exec(A, "c2", "p2", "cat"));
        send(exec(A, "c3", "p3", "cat"));
        assertThat(drain(h)).extracting(e -> e.first("process.entity_id")).containsExactly("c3");
        send(exec(B, "c4", "p4", "cat")); // another host has its own buffer
        assertThat(drain(h)).isEmpty();
        h.endInput();
        assertThat(drain(h)).extracting(e -> e.first("process.entity_id")).containsExactlyInAnyOrder("c1", "c2", "c4");
    }

    @Test
    void endOfInputFlushesEveryWaitingEvent() throws Exception {
        open(ProcessTreeSettings.defaults());
        send(exec(A, "bash-1", "sshd-1", "bash").ownEntryLeader("sshd"));
        send(exec(A, "c1", "sh-1", "cat"));
        send(exec(A, "c2", "sh-1", "grep"));
        send(exec(B, "c3", "sh-9", "cat"));
        assertThat(drain(h)).hasSize(1);

        h.endInput();
        List<EcsEvent> out = drain(h);
        assertThat(out).extracting(e -> e.first("process.entity_id")).containsExactlyInAnyOrder("c1", "c2", "c3");
        assertThat(out)
                .allSatisfy(
                        e -> assertThat(processTree(e).has("unresolved_reason")).isTrue());
        assertThat(h.numProcessingTimeTimers()).as("only sweep timers are left").isEqualTo(2);
        assertThat(Harnesses.keysWithState(h)).isEqualTo(2);
        h.setProcessingTime(10_000);
        assertThat(drain(h)).isEmpty();
    }

    @Test
    void endedTreeIsEvictedAfterItsLingerAndLeavesNoState() throws Exception {
        open(ProcessTreeSettings.builder()
                .endedLinger(Duration.ofSeconds(10))
                .sweepInterval(Duration.ofSeconds(1))
                .idleTtl(Duration.ofHours(1))
                .build());
        send(exec(A, "bash-1", null, "bash").ownEntryLeader("sshd"));
        send(exec(A, "cat-1", "bash-1", "cat"));
        h.setProcessingTime(1_000);
        send(end(A, "cat-1"));
        send(end(A, "bash-1"));
        assertThat(h.numKeyedStateEntries()).isPositive();

        h.setProcessingTime(10_999);
        send(exec(A, "late-1", "bash-1", "cat")); // a late child still resolves
        assertThat(leaderName(drain(h).get(4))).isEqualTo("bash");
        send(end(A, "late-1"));

        h.setProcessingTime(12_000);
        assertThat(nodes(h, A)).containsOnlyKeys("late-1");
        h.setProcessingTime(22_000);
        assertThat(nodes(h, A)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void capEvictsEndedProcessesFirst() throws Exception {
        open(ProcessTreeSettings.builder().maxProcessesPerHost(3).build());
        String[] steps = {"a", "b", "end a", "c", "d"};
        for (int t = 0; t < steps.length; t++) {
            h.setProcessingTime(t);
            send(steps[t].startsWith("end ") ? end(A, steps[t].substring(4)) : exec(A, steps[t], null, steps[t]));
        }
        assertThat(nodes(h, A)).containsOnlyKeys("b", "c", "d");
        h.setProcessingTime(10);
        send(exec(A, "e", null, "e"));
        assertThat(nodes(h, A)).as("then the least recently used").containsOnlyKeys("c", "d", "e");
    }

    @Test
    void idleTtlExpiresTreesThatNeverEnd() throws Exception {
        open(ProcessTreeSettings.builder()
                .idleTtl(Duration.ofSeconds(64))
                .sweepInterval(Duration.ofSeconds(1))
                .build());
        session(A);
        send(exec(B, "x-1", null, "x"));
        h.setProcessingTime(40_000);
        send(exec(A, "cat-1", "sh-1", "cat")); // keeps sh, bash and sshd: cat is below them
        h.setProcessingTime(65_000);
        assertThat(nodes(h, B)).isEmpty();
        assertThat(nodes(h, A)).containsOnlyKeys("sshd-1", "bash-1", "sh-1", "cat-1");

        h.setProcessingTime(105_000);
        assertThat(nodes(h, A)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
    }
}
