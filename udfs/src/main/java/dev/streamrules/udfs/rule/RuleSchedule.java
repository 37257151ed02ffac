package dev.streamrules.udfs.rule;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When Kibana would run a rule and how far back it would look: {@code interval} ({@code 5m}),
 * {@code from} as date math ({@code now-9m}) and {@code max_signals}. The texts are kept as written so
 * alerts show them unchanged.
 */
public final class RuleSchedule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Kibana's defaults for a rule that does not say. */
    public static final RuleSchedule KIBANA_DEFAULT = new RuleSchedule("5m", "now-6m", 100);

    // detection-rules' INTERVAL_PATTERN; `from` is Kibana date math relative to now.
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)([smhd])");
    private static final Pattern FROM = Pattern.compile("now-(\\d+)([smhd])");

    private final String interval;
    private final String from;
    private final int maxSignals;

    private RuleSchedule(String interval, String from, int maxSignals) {
        this.interval = interval;
        this.from = from;
        this.maxSignals = maxSignals;
    }

    /**
     * Checks each part and names the first that is wrong.
     *
     * @throws IllegalArgumentException with a message naming the rule-file key
     */
    public static RuleSchedule of(String interval, String from, int maxSignals) {
        if (interval == null || parse(INTERVAL, interval) == null) {
            throw new IllegalArgumentException(
                    "interval must be a whole number of s, m, h or d such as \"5m\", was " + quoted(interval));
        }
        if (from == null || parse(FROM, from) == null) {
            throw new IllegalArgumentException("from must be date math such as \"now-9m\", was " + quoted(from));
        }
        if (maxSignals < 1) {
            throw new IllegalArgumentException("max_signals must be at least 1, was " + maxSignals);
        }
        return new RuleSchedule(interval, from, maxSignals);
    }

    /** From durations, written back as Kibana would ({@code 5m}, {@code now-9m}). */
    public static RuleSchedule of(Duration interval, Duration lookback, int maxSignals) {
        return of(text(interval), "now-" + text(lookback), maxSignals);
    }

    /** The interval as written, e.g. {@code 5m}. */
    public String interval() {
        return interval;
    }

    /** The look-back start as written, e.g. {@code now-9m}. */
    public String from() {
        return from;
    }

    public int maxSignals() {
        return maxSignals;
    }

    public Duration intervalDuration() {
        return parse(INTERVAL, interval);
    }

    /** How far back {@link #from()} reaches from now. */
    public Duration lookback() {
        return parse(FROM, from);
    }

    private static Duration parse(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (n <= 0) {
            return null;
        }
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String text(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            return String.valueOf(d);
        }
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSchedule r
                && interval.equals(r.interval)
                && from.equals(r.from)
                && maxSignals == r.maxSignals;
    }

    @Override
    public int hashCode() {
        return Objects.hash(interval, from, maxSignals);
    }

    @Override
    public String toString() {
        return "every " + interval + " from " + from + ", at most " + maxSignals;
    }
}
