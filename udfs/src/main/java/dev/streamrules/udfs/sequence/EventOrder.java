package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * Elasticsearch's sequence order: timestamp, then the tiebreaker (numbers by value, else text; a
 * missing tiebreaker sorts last, as in Elasticsearch's {@code Ordinal}), then arrival, which stands in
 * for Elasticsearch's implicit {@code _shard_doc} tiebreaker. Callers sort stably to keep arrival.
 */
public final class EventOrder {

    /** Orders inputs of the same timestamp; use a stable sort. */
    public static final Comparator<SequenceInput> AT_ONE_TIMESTAMP =
            (a, b) -> compareTiebreakers(a.getTiebreaker(), b.getTiebreaker());

    /** Full order over inputs; use a stable sort. */
    public static final Comparator<SequenceInput> ORDER =
            Comparator.comparingLong(SequenceInput::getTimestamp).thenComparing(AT_ONE_TIMESTAMP);

    private EventOrder() {}

    static int compareTiebreakers(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        Long x = asLong(a);
        Long y = asLong(b);
        if (x != null && y != null) {
            return Long.compare(x, y);
        }
        return a.compareTo(b);
    }

    private static Long asLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The event time in epoch milliseconds from the given field, or {@link EcsEvent#NO_TIMESTAMP}.
     * {@code @timestamp} is parsed already; an override may be ISO-8601 text or epoch milliseconds.
     */
    public static long timestamp(EcsEvent event, String field) {
        if (SequencePlan.DEFAULT_TIMESTAMP_FIELD.equals(field)) {
            return event.getTimestampMillis();
        }
        String value = event.first(field);
        if (value == null) {
            return EcsEvent.NO_TIMESTAMP;
        }
        Long millis = asLong(value);
        if (millis != null) {
            return millis;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            return EcsEvent.NO_TIMESTAMP;
        }
    }
}
