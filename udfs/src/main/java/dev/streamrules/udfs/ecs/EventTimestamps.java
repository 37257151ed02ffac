package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code @timestamp} values to epoch millis: an ISO-8601 instant (any precision, any offset) or an
 * integer number of epoch millis; anything else is {@link EcsEvent#NO_TIMESTAMP}.
 *
 * <p>Sensors write {@code 2024-05-01T12:00:00.123456Z}; that shape is decoded by hand because
 * {@link Instant#parse} costs about a microsecond, a noticeable share of parsing a whole event.
 * Every other shape goes to {@link Instant#parse}, which stays the definition of what is accepted.
 */
public final class EventTimestamps {

    private static final long[] SCALE = {
        0, 100_000_000L, 10_000_000L, 1_000_000L, 100_000L, 10_000L, 1_000L, 100L, 10L, 1L
    };

    private EventTimestamps() {}

    /** The timestamp of the value the parser is on ({@code token} is its current token). */
    static long read(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parse(p.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue().longValue()
                    : p.getLongValue();
        }
        return EcsEvent.NO_TIMESTAMP;
    }

    /** Epoch millis of an ISO-8601 instant, or {@link EcsEvent#NO_TIMESTAMP}. */
    public static long parse(String text) {
        long fast = parseUtc(text);
        if (fast != EcsEvent.NO_TIMESTAMP) {
            return fast;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return EcsEvent.NO_TIMESTAMP;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in its plain range, else NO_TIMESTAMP. */
    static long parseUtc(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(n - 1) != 'Z'
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return EcsEvent.NO_TIMESTAMP;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > daysIn(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return EcsEvent.NO_TIMESTAMP;
        }
        long nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return EcsEvent.NO_TIMESTAMP;
            }
            int f = digits(s, 20, fraction);
            if (f < 0) {
                return EcsEvent.NO_TIMESTAMP;
            }
            nanos = f * SCALE[fraction];
        }
        long days = epochDay(year, month, day);
        return (days * 86_400L + hour * 3_600L + minute * 60L + second) * 1_000L + nanos / 1_000_000L;
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@code LocalDate.toEpochDay}). */
    private static long epochDay(long year, int month, int day) {
        long total = 365 * year;
        if (year >= 0) {
            total += (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        } else {
            total -= year / -4 - year / -100 + year / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
                total--;
            }
        }
        return total - 719_528L;
    }
}
