package dev.streamrules.tools.sim;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO-8601 UTC text at a fixed precision, so every line is as long as its neighbours and sorts as text. */
final class Timestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_LENGTH = "uuuu-MM-ddTHH:mm:ss".length();

    private Timestamps() {}

    /** e.g. {@code 2026-11-01T00:00:01.000012345Z}, the precision Elastic Defend reports. */
    static String nanos(long epochNanos) {
        return text(epochNanos, 9, 1);
    }

    /** e.g. {@code 2026-11-01T00:00:02.345Z}, the precision of {@code event.ingested}. */
    static String millis(long epochNanos) {
        return text(epochNanos, 3, 1_000_000L);
    }

    /**
     * Digits written by hand: a simulator writes four timestamps per event, and a formatter per
     * timestamp was a sixth of the live tool's time (the tool's CPU is taken from the stack it loads).
     */
    private static String text(long epochNanos, int digits, long unit) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long fraction = Math.floorMod(epochNanos, NANOS_PER_SECOND) / unit;
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return SECONDS.format(time) + "." + pad(fraction, digits) + "Z";
        }
        char[] out = new char[SECONDS_LENGTH + digits + 2];
        put(out, 0, time.getYear(), 4);
        out[4] = '-';
        put(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, time.getHour(), 2);
        out[13] = ':';
        put(out, 14, time.getMinute(), 2);
        out[16] = ':';
        put(out, 17, time.getSecond(), 2);
        out[SECONDS_LENGTH] = '.';
        put(out, SECONDS_LENGTH + 1, fraction, digits);
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    /** {@code value} as exactly {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] out, int at, long value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(width - digits.length()) + digits;
    }
}
