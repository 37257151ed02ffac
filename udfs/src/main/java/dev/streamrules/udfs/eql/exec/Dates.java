package dev.streamrules.udfs.eql.exec;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date text as Elasticsearch's default date format reads it ({@code strict_date_optional_time||epoch_millis}):
 * ISO-8601 with optional parts and zone (UTC when absent), or a number of epoch milliseconds. A range
 * bound that leaves parts out is rounded the way Elasticsearch's date math parser does: down for
 * {@code >=} and {@code <}, up (to the last nanosecond the text covers) for {@code >} and {@code <=},
 * so {@code @timestamp <= "2024-01-01"} includes the whole day.
 */
public final class Dates {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?)?)?)?"
                    + "(Z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d+");

    private Dates() {}

    /** Epoch nanoseconds, or {@code null} when the text is not a date. */
    public static Long parse(String text, boolean roundUp) {
        if (text == null) {
            return null;
        }
        Matcher m = ISO.matcher(text);
        if (m.matches() && (m.group(2) != null || text.length() == 4)) {
            try {
                int year = Integer.parseInt(m.group(1));
                int month = m.group(2) != null ? Integer.parseInt(m.group(2)) : roundUp ? 12 : 1;
                LocalDate day = LocalDate.of(year, month, 1);
                int dayOfMonth = m.group(3) != null ? Integer.parseInt(m.group(3)) : roundUp ? day.lengthOfMonth() : 1;
                int hour = part(m.group(4), roundUp ? 23 : 0);
                int minute = part(m.group(5), roundUp ? 59 : 0);
                int second = part(m.group(6), roundUp ? 59 : 0);
                int nanos = m.group(7) != null
                        ? Integer.parseInt((m.group(7) + "00000000").substring(0, 9))
                        : roundUp ? 999_999_999 : 0;
                LocalDateTime local = LocalDateTime.of(year, month, dayOfMonth, hour, minute, second, nanos);
                ZoneOffset zone =
                        m.group(8) == null || m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
                long seconds = local.toEpochSecond(zone);
                return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
            } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
                return null;
            }
        }
        if (EPOCH_MILLIS.matcher(text).matches()) {
            try {
                return Math.multiplyExact(Long.parseLong(text), 1_000_000L);
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static int part(String digits, int whenAbsent) {
        return digits == null ? whenAbsent : Integer.parseInt(digits);
    }

    /** Milliseconds precision, as a {@code date} (not {@code date_nanos}) field keeps it. */
    public static long truncateToMillis(long nanos) {
        return nanos - Math.floorMod(nanos, 1_000_000L);
    }
}
