package dev.streamrules.udfs.sequence;

import static dev.streamrules.udfs.sequence.SequenceFixtures.ev;
import static dev.streamrules.udfs.sequence.SequenceFixtures.kind;
import static dev.streamrules.udfs.sequence.SequenceFixtures.plan;
import static dev.streamrules.udfs.sequence.SequenceFixtures.run;
import static dev.streamrules.udfs.sequence.SequenceFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.sequence.SequenceFixtures.Ev;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample semantics table: Elasticsearch's sample rules in their streaming form. */
class SampleMatcherTest {

    private static final KeyField USER = KeyField.required("user.name");

    private static final EventCondition IS_A = kind("a");
    private static final EventCondition A_OR_B = e -> "a".equals(e.first("kind")) || "b".equals(e.first("kind"));

    private static SampleMatcher sample(Duration lookback, EventCondition... steps) {
        SequencePlan.Builder b = plan().lookback(lookback);
        for (EventCondition c : steps) {
            b.step(step(c, USER));
        }
        return new SampleMatcher(b.build());
    }

    static Stream<Arguments> table() {
        Duration nine = Duration.ofMinutes(9);
        return Stream.of(
                row(
                        "order does not matter: b before a still samples, events in step order",
                        sample(nine, kind("a"), kind("b")),
                        List.of("2,1"),
                        ev(1, 1).kind("b").with("user.name", "u"),
                        ev(2, 2).kind("a").with("user.name", "u")),
                row(
                        "keys never mix",
                        sample(nine, kind("a"), kind("b")),
                        List.of(),
                        ev(1, 1).kind("a").with("user.name", "u"),
                        ev(2, 2).kind("b").with("user.name", "v")),
                row(
                        "one event cannot fill two steps",
                        sample(nine, IS_A, A_OR_B),
                        List.of(),
                        ev(1, 1).kind("a").with("user.name", "u")),
                row(
                        "two different events are chosen by backtracking",
                        sample(nine, A_OR_B, IS_A),
                        List.of("2,1"),
                        ev(1, 1).kind("a").with("user.name", "u"),
                        ev(2, 2).kind("b").with("user.name", "u")),
                row(
                        "after a sample the key starts over: a new sample needs new events",
                        sample(nine, kind("a"), kind("b")),
                        List.of("1,2", "4,3"),
                        ev(1, 1).kind("a").with("user.name", "u"),
                        ev(2, 2).kind("b").with("user.name", "u"),
                        ev(3, 3).kind("b").with("user.name", "u"),
                        ev(4, 4).kind("a").with("user.name", "u")),
                row(
                        "candidates older than the look-back are gone",
                        sample(Duration.ofMillis(100), kind("a"), kind("b")),
                        List.of(),
                        ev(1, 0).kind("a").with("user.name", "u"),
                        ev(2, 101).kind("b").with("user.name", "u")),
                row(
                        "a missing key never joins",
                        sample(nine, kind("a"), kind("b")),
                        List.of(),
                        ev(1, 1).kind("a"),
                        ev(2, 2).kind("b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void samplesAsElasticsearchFindsThem(String rule, SampleMatcher matcher, List<String> expected, Ev[] events) {
        assertThat(run(matcher, events)).isEqualTo(expected);
    }

    @Test
    void samplesHaveNoUntilOrMissingSteps() {
        assertThatThrownBy(() -> new SampleMatcher(plan().step(step(kind("a")))
                        .step(step(kind("b")))
                        .until(step(kind("u")))
                        .build()))
                .hasMessageContaining("neither until nor missing");
    }

    private static Arguments row(String rule, SampleMatcher matcher, List<String> expected, Ev... events) {
        return Arguments.of(rule, matcher, expected, events);
    }
}
