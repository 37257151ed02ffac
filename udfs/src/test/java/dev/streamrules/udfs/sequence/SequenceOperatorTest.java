package dev.streamrules.udfs.sequence;

import static dev.streamrules.udfs.sequence.SequenceFixtures.ev;
import static dev.streamrules.udfs.sequence.SequenceFixtures.kind;
import static dev.streamrules.udfs.sequence.SequenceFixtures.missing;
import static dev.streamrules.udfs.sequence.SequenceFixtures.plan;
import static dev.streamrules.udfs.sequence.SequenceFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.sequence.SequenceHarness.Backend;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The operator in event time: ordering by watermark, late events, state bounded and cleaned up. */
class SequenceOperatorTest {

    static final KeyField USER = KeyField.required("user.name");

    static SequencePlan abByUser(String ruleId, long maxspanMillis) {
        return SequencePlan.builder(ruleId)
                .lookback(Duration.ofMinutes(9))
                .maxspan(Duration.ofMillis(maxspanMillis))
                .step(step(kind("a"), USER))
                .step(step(kind("b"), USER))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void outOfOrderInputInsideTheBoundIsSortedBeforeMatching(Backend backend) throws Exception {
        try (SequenceHarness s = SequenceHarness.open(List.of(abByUser("r1", 1_000)), backend)) {
            s.send(
                    ev(2, 50).kind("b").with("user.name", "u"),
                    ev(1, 20).kind("a").with("user.name", "u"));
            assertThat(s.drain()).as("nothing before the watermark passes").isEmpty();
            s.watermark(49);
            assertThat(s.drain()).as("b still waits").isEmpty();
            s.watermark(50);
            assertThat(s.drain()).containsExactly("1,2");
            assertThat(s.late()).isEmpty();
            s.watermark(2_000);
            assertThat(s.isClean()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsBehindTheWatermarkAreCountedAndDeadLettered(Backend backend) throws Exception {
        try (SequenceHarness s = SequenceHarness.open(List.of(abByUser("r1", 1_000)), backend)) {
            s.send(ev(1, 20).kind("a").with("user.name", "u")).watermark(100);
            s.send(
                    ev(2, 100).kind("b").with("user.name", "u"),
                    ev(3, 60).kind("b").with("user.name", "u"));
            s.watermark(5_000);
            assertThat(s.drain()).as("late events never match").isEmpty();
            assertThat(s.operator().lateEvents()).isEqualTo(2);
            List<DeadLetter> late = s.late();
            assertThat(late).extracting(DeadLetter::getReason).containsExactly("late event", "late event");
            assertThat(late).extracting(DeadLetter::origin).containsExactly("events.ndjson:2", "events.ndjson:3");
            assertThat(late.get(0).getOriginal()).contains("\"e2\"");
            assertThat(s.isClean()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStepWaitsAtMostMaxspanAndLeavesNoState(Backend backend) throws Exception {
        try (SequenceHarness s = SequenceHarness.open(List.of(abByUser("r1", 1_000)), backend)) {
            s.send(ev(1, 0).kind("a").with("user.name", "u"), ev(2, 5).kind("a").with("user.name", "v"));
            s.watermark(10);
            assertThat(s.h.numEventTimeTimers()).as("deadline timers").isPositive();
            s.watermark(1_004);
            assertThat(s.isClean()).as("u's sequence expired, v's not yet").isFalse();
            s.watermark(1_005);
            assertThat(s.isClean()).isTrue();
            s.send(ev(3, 1_006).kind("b").with("user.name", "v")).watermark(1_010);
            assertThat(s.drain()).isEmpty();
            assertThat(s.isClean()).isTrue();
        }
    }

    @Test
    void withoutMaxspanTheLookbackBoundsState() throws Exception {
        SequencePlan plan = plan().lookback(Duration.ofSeconds(60))
                .step(step(kind("a")))
                .step(step(kind("b")))
                .build();
        try (SequenceHarness s = SequenceHarness.open(List.of(plan), Backend.HEAP)) {
            s.send(ev(1, 0).kind("a")).watermark(59_999);
            assertThat(s.isClean()).isFalse();
            s.watermark(60_000);
            assertThat(s.isClean()).isTrue();
        }
    }

    @Test
    void aTrailingMissingStepHoldsTheMatchUntilMaxspanHasPassed() throws Exception {
        SequencePlan plan = plan().maxspan(Duration.ofMillis(100))
                .step(step(kind("a")))
                .step(step(kind("b")))
                .step(missing(kind("x")))
                .build();
        try (SequenceHarness s = SequenceHarness.open(List.of(plan), Backend.HEAP)) {
            s.send(ev(1, 0).kind("a"), ev(2, 10).kind("b")).watermark(99);
            assertThat(s.drain()).isEmpty();
            s.watermark(100);
            assertThat(s.drain()).containsExactly("1,2");
            assertThat(s.isClean()).isTrue();
        }
    }

    @Test
    void eventsWithoutHostIdJoinByTheirOwnKeys() throws Exception {
        try (SequenceHarness s = SequenceHarness.open(List.of(abByUser("r1", 1_000)), Backend.HEAP)) {
            List<SequenceInput> routed = s.routed(ev(1, 0).kind("a").with("user.name", "u"));
            assertThat(routed).extracting(SequenceInput::getPartitionKey).containsExactly("1:u");
        }
    }

    @Test
    void hostJoinedRulesAreKeyedByHost() throws Exception {
        KeyField host = KeyField.required("host.id");
        SequencePlan plan = plan().step(step(kind("a"), host, USER))
                .step(step(kind("b"), host, USER))
                .build();
        try (SequenceHarness s = SequenceHarness.open(List.of(plan), Backend.HEAP)) {
            List<SequenceInput> routed = s.routed(ev(1, 0).kind("a").with("user.name", "u"));
            assertThat(routed).extracting(SequenceInput::getPartitionKey).containsExactly("h1");
            assertThat(routed).extracting(SequenceInput::getJoinKey).containsExactly("2:h11:u");
        }
    }

    @Test
    void rulesInOneOperatorKeepTheirOwnState() throws Exception {
        SequencePlan shortSpan = abByUser("r-short", 10);
        SequencePlan longSpan = abByUser("r-long", 1_000);
        try (SequenceHarness s = SequenceHarness.open(List.of(shortSpan, longSpan), Backend.HEAP)) {
            s.send(
                    ev(1, 0).kind("a").with("user.name", "u"),
                    ev(2, 50).kind("b").with("user.name", "u"));
            s.watermark(100);
            assertThat(s.h.extractOutputValues())
                    .extracting(SequenceMatch::getRuleId)
                    .containsExactly("r-long");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void samplesAndSequencesShareTheOperatorAndSurviveARestore(Backend backend) throws Exception {
        SequencePlan samplePlan =
                plan().step(step(kind("b"), USER)).step(step(kind("a"), USER)).build();
        List<KeyedMatcher<?>> rules =
                List.of(new SampleMatcher(samplePlan), new SequenceMatcher(abByUser("r2", 1_000)));
        OperatorSubtaskState snapshot;
        try (SequenceHarness s = SequenceHarness.of(rules, backend)) {
            s.h.open();
            s.send(ev(1, 10).kind("a").with("user.name", "u")).watermark(20);
            snapshot = s.snapshot();
        }
        try (SequenceHarness s = SequenceHarness.of(rules, backend)) {
            s.h.initializeState(snapshot);
            s.h.open();
            s.send(ev(2, 30).kind("b").with("user.name", "u")).watermark(40);
            assertThat(s.h.extractOutputValues())
                    .extracting(m -> m.getRuleId() + ":" + SequenceFixtures.ids(m))
                    .containsExactlyInAnyOrder(SequenceFixtures.RULE + ":2,1", "r2:1,2");
            s.watermark(10 * 60_000);
            assertThat(s.isClean()).isTrue();
        }
    }
}
