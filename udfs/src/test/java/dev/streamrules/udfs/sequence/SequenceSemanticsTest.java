package dev.streamrules.udfs.sequence;

import static dev.streamrules.udfs.sequence.SequenceFixtures.any;
import static dev.streamrules.udfs.sequence.SequenceFixtures.ev;
import static dev.streamrules.udfs.sequence.SequenceFixtures.idAtMost;
import static dev.streamrules.udfs.sequence.SequenceFixtures.idIs;
import static dev.streamrules.udfs.sequence.SequenceFixtures.kind;
import static dev.streamrules.udfs.sequence.SequenceFixtures.missing;
import static dev.streamrules.udfs.sequence.SequenceFixtures.plan;
import static dev.streamrules.udfs.sequence.SequenceFixtures.run;
import static dev.streamrules.udfs.sequence.SequenceFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.sequence.SequenceFixtures.Ev;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sequence semantics table: each row is a query (built by hand), events (ids, times in ms, fields)
 * and the sequences Elasticsearch's EQL returns for them, as its matcher and docs define it. The same
 * rows are in docs/notes/sequences.md.
 *
 * <p>Over 300 lines on purpose: one table of cases, each a query, its events and the matches
 * Elasticsearch returns; split, the table would no longer read as the semantics it documents.
 */
class SequenceSemanticsTest {

    private static final KeyField USER = KeyField.required("user.name");
    private static final KeyField OPTIONAL_USER = KeyField.optional("user.name");
    private static final KeyField HOST = KeyField.required("host.id");
    private static final KeyField ENTITY = KeyField.required("process.entity_id");
    private static final KeyField PARENT = KeyField.required("process.parent.entity_id");

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        "[id < 5] [id == 5] over ids 1..5: a newer first step replaces the pending one",
                        plan().step(step(idAtMost(4))).step(step(idIs(5))).build(),
                        List.of("4,5"),
                        ids(1, 2, 3, 4, 5)),
                row(
                        "[id <= 3] [true] [true] over 1..5: an event advances several sequences and starts one",
                        plan().step(step(idAtMost(3)))
                                .step(step(any()))
                                .step(step(any()))
                                .build(),
                        List.of("1,2,3", "2,3,4", "3,4,5"),
                        ids(1, 2, 3, 4, 5)),
                row(
                        "runs=3 of true over 1..5 is three stages",
                        plan().step(step(any()), 3).build(),
                        List.of("1,2,3", "2,3,4", "3,4,5"),
                        ids(1, 2, 3, 4, 5)),
                row(
                        "[a] with runs=2 [b]: the latest pair before b",
                        plan().step(step(kind("a")), 2).step(step(kind("b"))).build(),
                        List.of("2,3,4"),
                        ev(1, 1).kind("a"),
                        ev(2, 2).kind("a"),
                        ev(3, 3).kind("a"),
                        ev(4, 4).kind("b")),
                row(
                        "by user: keys never mix",
                        plan().step(step(kind("a"), USER))
                                .step(step(kind("b"), USER))
                                .build(),
                        List.of("2,3"),
                        ev(1, 1).kind("a").with("user.name", "u1"),
                        ev(2, 2).kind("a").with("user.name", "u2"),
                        ev(3, 3).kind("b").with("user.name", "u2")),
                row(
                        "a missing required key never joins, not even with another missing one",
                        plan().step(step(kind("a"), USER))
                                .step(step(kind("b"), USER))
                                .build(),
                        List.of(),
                        ev(1, 1).kind("a"),
                        ev(2, 2).kind("b")),
                row(
                        "events without host.id join by user (the job keys them by the rule's keys, not by host)",
                        plan().step(step(kind("a"), USER))
                                .step(step(kind("b"), USER))
                                .build(),
                        List.of("1,2"),
                        ev(1, 1).kind("a").with("user.name", "u1").without("host.id"),
                        ev(2, 2).kind("b").with("user.name", "u1").without("host.id")),
                row(
                        "by host.id: events without host.id never join (a missing required key)",
                        plan().step(step(kind("a"), HOST))
                                .step(step(kind("b"), HOST))
                                .build(),
                        List.of(),
                        ev(1, 1).kind("a").without("host.id"),
                        ev(2, 2).kind("b").without("host.id")),
                row(
                        "a missing optional key ?user joins as null",
                        plan().step(step(kind("a"), OPTIONAL_USER))
                                .step(step(kind("b"), OPTIONAL_USER))
                                .build(),
                        List.of("1,2"),
                        ev(1, 1).kind("a"),
                        ev(2, 2).kind("b")),
                row(
                        "a null optional key does not join a present one",
                        plan().step(step(kind("a"), OPTIONAL_USER))
                                .step(step(kind("b"), OPTIONAL_USER))
                                .build(),
                        List.of(),
                        ev(1, 1).kind("a").with("user.name", "u1"),
                        ev(2, 2).kind("b")),
                row(
                        "per-step keys with different names join by position (parent exec -> child exec)",
                        plan().step(step(kind("a"), ENTITY))
                                .step(step(kind("b"), PARENT))
                                .build(),
                        List.of("1,3"),
                        ev(1, 1).kind("a").with("process.entity_id", "p1"),
                        ev(2, 2).kind("b").with("process.parent.entity_id", "p9"),
                        ev(3, 3).kind("b").with("process.parent.entity_id", "p1")),
                row(
                        "maxspan is inclusive: exactly maxspan after the first event still matches",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .build(),
                        List.of("1,2"),
                        ev(1, 0).kind("a"),
                        ev(2, 10).kind("b")),
                row(
                        "maxspan: one millisecond more and the sequence is dropped",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .build(),
                        List.of(),
                        ev(1, 0).kind("a"),
                        ev(2, 11).kind("b")),
                row(
                        "maxspan: the hit takes the latest pending sequence, an older one is gone",
                        plan().maxspan(Duration.ofMillis(5))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .build(),
                        List.of("2,3"),
                        ev(1, 0).kind("a"),
                        ev(2, 7).kind("a"),
                        ev(3, 10).kind("b")),
                row(
                        "maxspan bounds first to last, not step to step",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .step(step(kind("c")))
                                .build(),
                        List.of(),
                        ev(1, 0).kind("a"),
                        ev(2, 6).kind("b"),
                        ev(3, 12).kind("c")),
                row(
                        "until discards the key's pending sequences",
                        plan().step(step(kind("a"), USER))
                                .step(step(kind("b"), USER))
                                .until(step(kind("u"), USER))
                                .build(),
                        List.of("4,5"),
                        ev(1, 1).kind("a").with("user.name", "x"),
                        ev(2, 2).kind("u").with("user.name", "x"),
                        ev(3, 3).kind("b").with("user.name", "x"),
                        ev(4, 4).kind("a").with("user.name", "x"),
                        ev(5, 5).kind("b").with("user.name", "x")),
                row(
                        "until of another key changes nothing",
                        plan().step(step(kind("a"), USER))
                                .step(step(kind("b"), USER))
                                .until(step(kind("u"), USER))
                                .build(),
                        List.of("1,3"),
                        ev(1, 1).kind("a").with("user.name", "x"),
                        ev(2, 2).kind("u").with("user.name", "y"),
                        ev(3, 3).kind("b").with("user.name", "x")),
                row(
                        "an event matching the first step and until starts nothing (until is inclusive)",
                        plan().step(step(kind("a")))
                                .step(step(kind("b")))
                                .until(step(e -> e.has("stop")))
                                .build(),
                        List.of(),
                        ev(1, 1).kind("a").with("stop", true),
                        ev(2, 2).kind("b")),
                row(
                        "an event matching the last step and until still completes",
                        plan().step(step(kind("a")))
                                .step(step(kind("b")))
                                .until(step(e -> e.has("stop")))
                                .build(),
                        List.of("1,2"),
                        ev(1, 1).kind("a"),
                        ev(2, 2).kind("b").with("stop", true)),
                row(
                        "missing event in the gap discards the sequence",
                        gapPlan(),
                        List.of(),
                        ev(1, 1).kind("a"),
                        ev(2, 2).kind("x"),
                        ev(3, 3).kind("b")),
                row(
                        "missing event: none in the gap, the sequence returns without it",
                        gapPlan(),
                        List.of("1,3"),
                        ev(1, 1).kind("a"),
                        ev(3, 3).kind("b"),
                        ev(4, 4).kind("x")),
                row(
                        "missing event: the gap is open, by timestamp (same millisecond as the next step is outside)",
                        gapPlan(),
                        List.of("1,3"),
                        ev(1, 1).kind("a"),
                        ev(2, 3).kind("x"),
                        ev(3, 3).kind("b")),
                row(
                        "missing event: a discarded sequence still takes its place (no older one steps in)",
                        gapPlan(),
                        List.of(),
                        ev(1, 1).kind("a"),
                        ev(2, 2).kind("x"),
                        ev(3, 3).kind("b"),
                        ev(4, 4).kind("b")),
                row(
                        "missing event of another key does not count",
                        plan().maxspan(Duration.ofSeconds(1))
                                .step(step(kind("a"), USER))
                                .step(missing(kind("x"), USER))
                                .step(step(kind("b"), USER))
                                .build(),
                        List.of("1,3"),
                        ev(1, 1).kind("a").with("user.name", "u"),
                        ev(2, 2).kind("x").with("user.name", "other"),
                        ev(3, 3).kind("b").with("user.name", "u")),
                row(
                        "leading missing event within maxspan of the last step discards",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(missing(kind("x")))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .build(),
                        List.of(),
                        ev(1, 1).kind("x"),
                        ev(2, 5).kind("a"),
                        ev(3, 8).kind("b")),
                row(
                        "leading missing event more than maxspan before the last step does not",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(missing(kind("x")))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .build(),
                        List.of("2,3"),
                        ev(1, 1).kind("x"),
                        ev(2, 5).kind("a"),
                        ev(3, 12).kind("b")),
                row(
                        "leading missing event at the first step's millisecond is not before it",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(missing(kind("x")))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .build(),
                        List.of("2,3"),
                        ev(1, 5).kind("x"),
                        ev(2, 5).kind("a"),
                        ev(3, 8).kind("b")),
                row(
                        "trailing missing event within maxspan of the first step discards",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .step(missing(kind("x")))
                                .build(),
                        List.of(),
                        ev(1, 1).kind("a"),
                        ev(2, 3).kind("b"),
                        ev(3, 11).kind("x")),
                row(
                        "trailing missing event later than maxspan does not",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .step(missing(kind("x")))
                                .build(),
                        List.of("1,2"),
                        ev(1, 1).kind("a"),
                        ev(2, 3).kind("b"),
                        ev(3, 12).kind("x")),
                row(
                        "leading and trailing missing: discarded only when both exist within maxspan of each other",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(missing(kind("x")))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .step(missing(kind("y")))
                                .build(),
                        List.of("2,3"),
                        ev(1, 1).kind("x"),
                        ev(2, 2).kind("a"),
                        ev(3, 3).kind("b")),
                row(
                        "leading and trailing missing both present and close: discarded",
                        plan().maxspan(Duration.ofMillis(10))
                                .step(missing(kind("x")))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .step(missing(kind("y")))
                                .build(),
                        List.of(),
                        ev(1, 1).kind("x"),
                        ev(2, 2).kind("a"),
                        ev(3, 3).kind("b"),
                        ev(4, 5).kind("y")),
                row(
                        "same @timestamp: the tiebreaker event.sequence orders (numerically)",
                        plan().step(step(kind("a"))).step(step(kind("b"))).build(),
                        List.of("2,1"),
                        ev(1, 5).kind("b").with("event.sequence", 10),
                        ev(2, 5).kind("a").with("event.sequence", 9)),
                row(
                        "same @timestamp and tiebreaker order against arrival",
                        plan().step(step(kind("a"))).step(step(kind("b"))).build(),
                        List.of(),
                        ev(1, 5).kind("a").with("event.sequence", 2),
                        ev(2, 5).kind("b").with("event.sequence", 1)),
                row(
                        "same @timestamp, no tiebreaker value: arrival order (Elasticsearch: _shard_doc)",
                        plan().step(step(kind("a"))).step(step(kind("b"))).build(),
                        List.of("1,2"),
                        ev(1, 5).kind("a"),
                        ev(2, 5).kind("b")),
                row(
                        "a missing tiebreaker sorts after a present one",
                        plan().step(step(kind("a"))).step(step(kind("b"))).build(),
                        List.of("2,1"),
                        ev(1, 5).kind("b"),
                        ev(2, 5).kind("a").with("event.sequence", 1)),
                row(
                        "timestamp_override orders by the given field",
                        plan().timestampField("event.ingested")
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .build(),
                        List.of("2,1"),
                        ev(1, 1).kind("b").with("event.ingested", "2024-05-01T12:00:09Z"),
                        ev(2, 2).kind("a").with("event.ingested", "2024-05-01T12:00:08Z")),
                row(
                        "out-of-order arrival is sorted by timestamp first",
                        plan().step(step(kind("a"))).step(step(kind("b"))).build(),
                        List.of("2,1"),
                        ev(1, 9).kind("b"),
                        ev(2, 3).kind("a")),
                row(
                        "no maxspan: the rule's look-back bounds the span",
                        plan().lookback(Duration.ofMillis(100))
                                .step(step(kind("a")))
                                .step(step(kind("b")))
                                .build(),
                        List.of(),
                        ev(1, 0).kind("a"),
                        ev(2, 101).kind("b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void matchesWhatElasticsearchReturns(String rule, SequencePlan plan, List<String> expected, Ev[] events) {
        assertThat(run(plan, events)).isEqualTo(expected);
    }

    /** {@code sequence with maxspan=1s [a] ![x] [b]} */
    private static SequencePlan gapPlan() {
        return plan().maxspan(Duration.ofSeconds(1))
                .step(step(kind("a")))
                .step(missing(kind("x")))
                .step(step(kind("b")))
                .build();
    }

    private static Arguments row(String rule, SequencePlan plan, List<String> expected, Ev... events) {
        return Arguments.of(rule, plan, expected, events);
    }

    private static Ev[] ids(int... ids) {
        Ev[] events = new Ev[ids.length];
        for (int i = 0; i < ids.length; i++) {
            events[i] = ev(ids[i], ids[i]);
        }
        return events;
    }
}
