package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Events and hand-built step conditions for the sequence tests (the EQL compiler is not needed to test
 * the matcher), and a driver that feeds a plan the way the operator does: in sequence order, advancing
 * event time after each timestamp.
 */
final class SequenceFixtures {

    static final String RULE = "rule-seq";
    static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

    private SequenceFixtures() {}

    /** An event with {@code id} (also its {@code event.id}) at {@code T0 + millis}, on host h1. */
    static Ev ev(int id, long millis) {
        return new Ev(id, millis);
    }

    static final class Ev {
        private final EcsEventBuilder doc = EcsEventBuilder.of(EcsEventBuilder.JSON.createObjectNode());
        private final int line;

        private Ev(int id, long millis) {
            this.line = id;
            doc.timestamp(Instant.ofEpochMilli(T0 + millis))
                    .set("host.id", "h1")
                    .eventId("e" + id)
                    .set("event.category", EcsEventBuilder.array("process"))
                    .set("id", id);
        }

        /** The step a condition from {@link #kind} picks it for. */
        Ev kind(String kind) {
            return with("kind", kind);
        }

        Ev with(String path, Object value) {
            doc.set(path, value);
            return this;
        }

        Ev without(String path) {
            doc.remove(path);
            return this;
        }

        EcsEvent event() {
            return doc.event(line);
        }
    }

    static EventCondition kind(String kind) {
        return e -> kind.equals(e.first("kind"));
    }

    static EventCondition idAtMost(long max) {
        return e -> Long.parseLong(e.first("id")) <= max;
    }

    static EventCondition idIs(long id) {
        return e -> Long.parseLong(e.first("id")) == id;
    }

    static EventCondition any() {
        return e -> true;
    }

    static SequenceStep step(EventCondition condition, KeyField... keys) {
        return new SequenceStep(condition, List.of(keys), false);
    }

    static SequenceStep missing(EventCondition condition, KeyField... keys) {
        return new SequenceStep(condition, List.of(keys), true);
    }

    static SequencePlan.Builder plan() {
        return SequencePlan.builder(RULE).lookback(Duration.ofMinutes(9));
    }

    /**
     * Runs the plan over the events as the operator would (stable sort by timestamp and tiebreaker,
     * event time advanced after each timestamp, then to the end of time) and returns each match as its
     * event ids, e.g. {@code "1,2,3"}, in the order they were found.
     */
    static List<String> run(SequencePlan plan, Ev... events) {
        return run(new SequenceMatcher(plan), events);
    }

    /** As {@link #run(SequencePlan, Ev...)}, for any matcher (samples too). */
    static <S> List<String> run(KeyedMatcher<S> matcher, Ev... events) {
        SequenceRouter router = new SequenceRouter(matcher.plan());
        List<SequenceInput> inputs = new ArrayList<>();
        for (Ev e : events) {
            inputs.addAll(router.route(e.event()));
        }
        inputs.sort(EventOrder.ORDER);
        Map<Long, List<SequenceInput>> byTime = inputs.stream()
                .collect(Collectors.groupingBy(SequenceInput::getTimestamp, TreeMap::new, Collectors.toList()));
        Map<String, S> states = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        for (Map.Entry<Long, List<SequenceInput>> bucket : byTime.entrySet()) {
            for (SequenceInput in : bucket.getValue()) {
                S state = states.computeIfAbsent(in.getJoinKey(), k -> matcher.emptyState());
                matcher.onEvent(state, in, m -> found.add(ids(m)));
            }
            advanceAll(matcher, states, bucket.getKey(), found);
        }
        advanceAll(matcher, states, Long.MAX_VALUE, found);
        return found;
    }

    private static <S> void advanceAll(KeyedMatcher<S> matcher, Map<String, S> states, long time, List<String> found) {
        states.forEach((key, state) -> matcher.advanceTo(state, time, key, m -> found.add(ids(m))));
        states.values().removeIf(matcher::isEmpty);
    }

    static String ids(SequenceMatch m) {
        return Arrays.stream(m.getEvents()).map(e -> e.first("id")).collect(Collectors.joining(","));
    }
}
