package dev.streamrules.tools.sim;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO-8601 UTC text at a fixed precision, so every line is as long as its neighbours and sorts as text. */
final class Timestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timestamps() {}

    /** e.g. {@code 2026-11-01T00:00:01.000012345Z}, the precision Elastic Defend reports. */
    static String nanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long fraction = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        return whole(seconds) + "." + pad(fraction, 9) + "Z";
    }

    /** e.g. {@code 2026-11-01T00:00:02.345Z}, the precision of {@code event.ingested}. */
    static String millis(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long fraction = Math.floorMod(epochNanos, NANOS_PER_SECOND) / 1_000_000L;
        return whole(seconds) + "." + pad(fraction, 3) + "Z";
    }

    private static String whole(long epochSeconds) {
        return SECONDS.format(LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC));
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(width - digits.length()) + digits;
    }
}
