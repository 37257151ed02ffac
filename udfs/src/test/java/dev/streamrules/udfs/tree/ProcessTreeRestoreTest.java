package dev.streamrules.udfs.tree;

import static dev.streamrules.udfs.testing.EcsEventBuilder.end;
import static dev.streamrules.udfs.testing.EcsEventBuilder.exec;
import static dev.streamrules.udfs.tree.Harnesses.drain;
import static dev.streamrules.udfs.tree.Harnesses.keysWithState;
import static dev.streamrules.udfs.tree.Harnesses.leaderName;
import static dev.streamrules.udfs.tree.Harnesses.nodes;
import static dev.streamrules.udfs.tree.Harnesses.only;
import static dev.streamrules.udfs.tree.Harnesses.processTree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.tree.Harnesses.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * State survives snapshot → restore, on the heap and on RocksDB: the trees, the waiting events and
 * their timers, and the eviction timers; and a rescale from 2 to 3 subtasks keeps every host's tree.
 */
class ProcessTreeRestoreTest {

    private static final ProcessTreeSettings SETTINGS = ProcessTreeSettings.builder()
            .endedLinger(Duration.ofSeconds(10))
            .sweepInterval(Duration.ofSeconds(1))
            .build();

    private static KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> restored(
            Backend backend, OperatorSubtaskState snapshot) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h = Harnesses.create(SETTINGS, backend);
        h.initializeState(snapshot);
        h.open();
        return h;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void treesAndWaitingEventsSurviveARestore(Backend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h =
                Harnesses.create(SETTINGS, backend)) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(
                    exec("host-a", "bash-1", "sshd-1", "bash")
                            .ownEntryLeader("sshd")
                            .event(),
                    1);
            h.processElement(exec("host-a", "sh-1", "bash-1", "sh").event(), 2);
            h.processElement(
                    exec("host-b", "bash-1", "init-1", "zsh")
                            .ownEntryLeader("terminal")
                            .event(),
                    3);
            h.processElement(exec("host-a", "waits-for-arrival", "vim-1", "cat").event(), 4);
            h.processElement(
                    exec("host-b", "waits-for-timeout", "gone-1", "cat").event(), 5);
            assertThat(drain(h)).hasSize(3);
            assertThat(Harnesses.operator(h).trackedProcesses()).isEqualTo(9);
            assertThat(Harnesses.operator(h).waitingEvents()).isEqualTo(2);
            snapshot = h.snapshot(1, 100);
        }

        try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h = restored(backend, snapshot)) {
            h.setProcessingTime(500);
            assertThat(Harnesses.backendType(h))
                    .isEqualTo(backend == Backend.HEAP ? "HeapKeyedStateBackend" : "RocksDBKeyedStateBackend");
            assertThat(nodes(h, "host-a")).containsKeys("bash-1", "sh-1", "vim-1", "waits-for-arrival");
            assertThat(nodes(h, "host-a").get("bash-1").isEntryLeader()).isTrue();
            assertThat(Harnesses.operator(h).trackedProcesses())
                    .as("gauge recounted from state")
                    .isEqualTo(9);
            assertThat(Harnesses.operator(h).waitingEvents()).isEqualTo(2);

            h.processElement(
                    exec("host-a", "cat-1", "sh-1", "cat", "cat", "/proc/1/maps")
                            .event(),
                    6);
            h.processElement(exec("host-b", "cat-1", "bash-1", "cat").event(), 7);
            h.processElement(exec("host-a", "vim-1", "sh-1", "vim").event(), 8);
            List<EcsEvent> out = drain(h);
            assertThat(out)
                    .extracting(e -> e.getHostId() + "/" + e.first("process.entity_id") + "=" + leaderName(e))
                    .containsExactly(
                            "host-a/cat-1=bash",
                            "host-b/cat-1=zsh",
                            "host-a/vim-1=bash",
                            "host-a/waits-for-arrival=bash");

            h.setProcessingTime(2_000); // the restored wait timer fires
            EcsEvent timedOut = only(drain(h), "waits-for-timeout");
            assertThat(processTree(timedOut).get("waited_ms").asLong()).isEqualTo(2_000);
            assertThat(processTree(timedOut).has("entry_leader")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void evictionTimersSurviveARestoreAndLeaveNoState(Backend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h =
                Harnesses.create(SETTINGS, backend)) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(
                    exec("host-a", "bash-1", null, "bash")
                            .ownEntryLeader("sshd")
                            .event(),
                    1);
            h.processElement(exec("host-a", "cat-1", "bash-1", "cat").event(), 2);
            h.processElement(end("host-a", "cat-1").event(), 3);
            h.processElement(end("host-a", "bash-1").event(), 4);
            assertThat(keysWithState(h)).isEqualTo(1);
            snapshot = h.snapshot(1, 100);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h = restored(backend, snapshot)) {
            h.setProcessingTime(5_000);
            assertThat(nodes(h, "host-a")).hasSize(2);
            h.setProcessingTime(11_000);
            assertThat(nodes(h, "host-a")).isEmpty();
            assertThat(keysWithState(h)).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(Harnesses.operator(h).trackedProcesses()).isZero();
            if (backend == Backend.HEAP) {
                assertThat(h.numKeyedStateEntries()).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rescalingFromTwoToThreeKeepsEveryHostsTree(Backend backend) throws Exception {
        int hosts = 12;
        OperatorSubtaskState[] snapshots = new OperatorSubtaskState[2];
        for (int subtask = 0; subtask < 2; subtask++) {
            try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h =
                    Harnesses.create(SETTINGS, backend, 2, subtask)) {
                h.open();
                for (int i = 0; i < hosts; i++) {
                    String host = "host-" + i;
                    if (subtaskOf(host, 2) == subtask) {
                        h.processElement(
                                exec(host, "lead", "sshd-1", "shell" + i)
                                        .ownEntryLeader("sshd")
                                        .event(),
                                1);
                        h.processElement(exec(host, "sh", "lead", "sh").event(), 2);
                    }
                }
                snapshots[subtask] = h.snapshot(1, 100);
            }
        }
        OperatorSubtaskState merged = AbstractStreamOperatorTestHarness.repackageState(snapshots);

        List<String> resolved = new ArrayList<>();
        for (int subtask = 0; subtask < 3; subtask++) {
            try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h =
                    Harnesses.create(SETTINGS, backend, 3, subtask)) {
                h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(
                        merged, Harnesses.MAX_PARALLELISM, 2, 3, subtask));
                h.open();
                for (int i = 0; i < hosts; i++) {
                    String host = "host-" + i;
                    if (subtaskOf(host, 3) == subtask) {
                        Map<String, ProcessNode> tree = nodes(h, host);
                        assertThat(tree).as(host).containsKeys("lead", "sh", "sshd-1");
                        h.processElement(exec(host, "cat", "sh", "cat").event(), 3);
                    }
                }
                for (EcsEvent e : drain(h)) {
                    resolved.add(e.getHostId() + "=" + leaderName(e));
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            expected.add("host-" + i + "=shell" + i);
        }
        assertThat(resolved).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static int subtaskOf(String host, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(host, Harnesses.MAX_PARALLELISM, parallelism);
    }
}
