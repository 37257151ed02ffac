package dev.streamrules.udfs.sequence;

import static dev.streamrules.udfs.sequence.SequenceFixtures.ev;
import static dev.streamrules.udfs.sequence.SequenceFixtures.kind;
import static dev.streamrules.udfs.sequence.SequenceFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.sequence.SequenceFixtures.Ev;
import dev.streamrules.udfs.sequence.SequenceHarness.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sequences half matched, and events still waiting for the watermark, survive snapshot → restore on the
 * heap and on RocksDB, a change of the rule set, and a rescale from 2 to 3 subtasks.
 */
class SequenceRestoreTest {

    private static final KeyField USER = KeyField.required("user.name");

    private static SequencePlan abc(String ruleId) {
        return SequencePlan.builder(ruleId)
                .lookback(Duration.ofMinutes(9))
                .maxspan(Duration.ofSeconds(10))
                .step(step(kind("a"), USER))
                .step(step(kind("b"), USER))
                .step(step(kind("c"), USER))
                .build();
    }

    private static Ev user(Ev e, String user) {
        return e.with("user.name", user);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void halfMatchedSequencesAndWaitingEventsSurviveARestore(Backend backend) throws Exception {
        List<SequencePlan> plans = List.of(abc("r1"));
        OperatorSubtaskState snapshot;
        try (SequenceHarness s = SequenceHarness.open(plans, backend)) {
            s.send(user(ev(1, 1).kind("a"), "u"), user(ev(2, 2).kind("b"), "u")).watermark(5);
            s.send(user(ev(3, 8).kind("a"), "v")); // still waiting for the watermark
            assertThat(s.drain()).isEmpty();
            snapshot = s.snapshot();
        }
        try (SequenceHarness s = SequenceHarness.restore(plans, backend, snapshot)) {
            assertThat(s.operator().getKeyedStateBackend().getClass().getSimpleName())
                    .isEqualTo(backend == Backend.HEAP ? "HeapKeyedStateBackend" : "RocksDBKeyedStateBackend");
            s.send(
                    user(ev(4, 10).kind("c"), "u"),
                    user(ev(5, 12).kind("b"), "v"),
                    user(ev(6, 13).kind("c"), "v"));
            s.watermark(100);
            assertThat(s.drain()).containsExactly("1,2,4", "3,5,6");
            s.watermark(20_000);
            assertThat(s.isClean()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void removingOrAddingARuleKeepsTheOtherRulesState(Backend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (SequenceHarness s = SequenceHarness.open(List.of(abc("kept"), abc("removed")), backend)) {
            s.send(user(ev(1, 1).kind("a"), "u"), user(ev(2, 2).kind("b"), "u")).watermark(5);
            snapshot = s.snapshot();
        }
        try (SequenceHarness s = SequenceHarness.restore(List.of(abc("added"), abc("kept")), backend, snapshot)) {
            s.send(user(ev(3, 10).kind("c"), "u")).watermark(100);
            assertThat(s.h.extractOutputValues())
                    .extracting(m -> m.getRuleId() + ":" + SequenceFixtures.ids(m))
                    .containsExactly("kept:1,2,3");
            s.watermark(20_000);
            assertThat(s.isClean())
                    .as("the removed rule's state is cleared by its own timers")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRuleRevisedBetweenSavepointsStartsAfresh(Backend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (SequenceHarness s = SequenceHarness.open(List.of(abc("r1")), backend)) {
            s.send(user(ev(1, 1).kind("a"), "u"), user(ev(2, 2).kind("b"), "u")).watermark(5);
            snapshot = s.snapshot();
        }
        SequencePlan revised = SequencePlan.builder("r1")
                .lookback(Duration.ofMinutes(9))
                .maxspan(Duration.ofSeconds(10))
                .step(step(kind("a"), USER))
                .step(step(kind("b"), USER))
                .step(step(kind("c"), USER))
                .step(step(kind("d"), USER))
                .build();
        try (SequenceHarness s = SequenceHarness.restore(List.of(revised), backend, snapshot)) {
            s.send(user(ev(3, 10).kind("c"), "u"), user(ev(4, 11).kind("d"), "u"));
            s.send(
                    user(ev(5, 12).kind("a"), "u"),
                    user(ev(6, 13).kind("b"), "u"),
                    user(ev(7, 14).kind("c"), "u"),
                    user(ev(8, 15).kind("d"), "u"));
            s.watermark(100);
            assertThat(s.drain())
                    .as("the old plan's pending (a1, b2) is not continued")
                    .containsExactly("5,6,7,8");
            s.watermark(20_000);
            assertThat(s.isClean()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rescalingFromTwoToThreeKeepsEverySequence(Backend backend) throws Exception {
        List<SequencePlan> plans = List.of(abc("r1"));
        int users = 12;
        OperatorSubtaskState[] snapshots = new OperatorSubtaskState[2];
        for (int subtask = 0; subtask < 2; subtask++) {
            SequenceHarness s = new SequenceHarness(plans, backend, 2, subtask);
            try (s) {
                s.h.open();
                for (int i = 0; i < users; i++) {
                    s.sendOwned(
                            2,
                            subtask,
                            user(ev(i * 10 + 1, 1).kind("a"), "u" + i),
                            user(ev(i * 10 + 2, 2).kind("b"), "u" + i));
                }
                s.watermark(5);
                snapshots[subtask] = s.snapshot();
            }
        }
        OperatorSubtaskState merged = AbstractStreamOperatorTestHarness.repackageState(snapshots);

        List<String> found = new ArrayList<>();
        for (int subtask = 0; subtask < 3; subtask++) {
            try (SequenceHarness s = SequenceHarness.restore(
                    plans,
                    backend,
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            merged, SequenceHarness.MAX_PARALLELISM, 2, 3, subtask),
                    3,
                    subtask)) {
                for (int i = 0; i < users; i++) {
                    s.sendOwned(3, subtask, user(ev(i * 10 + 3, 3).kind("c"), "u" + i));
                }
                s.watermark(100);
                found.addAll(s.drain());
                s.watermark(20_000);
                assertThat(s.isClean()).isTrue();
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            expected.add((i * 10 + 1) + "," + (i * 10 + 2) + "," + (i * 10 + 3));
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }
}
