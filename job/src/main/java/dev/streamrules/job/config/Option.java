package dev.streamrules.job.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * One typed, documented configuration option: its flag name, how text becomes a value, and the
 * default. Declared as constants in {@link JobConfig}, so a key cannot be misspelt twice.
 */
public final class Option<T> {

    private final String key;
    private final String description;
    private final T defaultValue;
    private final Function<String, T> parser;

    private Option(String key, String description, T defaultValue, Function<String, T> parser) {
        this.key = key;
        this.description = description;
        this.defaultValue = defaultValue;
        this.parser = parser;
    }

    public static Option<String> string(String key, String defaultValue, String description) {
        return new Option<>(key, description, defaultValue, Function.identity());
    }

    public static Option<Integer> integer(String key, Integer defaultValue, String description) {
        return new Option<>(key, description, defaultValue, Option::parseInt);
    }

    public static Option<Duration> duration(String key, Duration defaultValue, String description) {
        return new Option<>(key, description, defaultValue, Option::parseDuration);
    }

    public static Option<Boolean> bool(String key, Boolean defaultValue, String description) {
        return new Option<>(key, description, defaultValue, Option::parseBool);
    }

    T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ConfigException("--" + key + ": " + e.getMessage());
        }
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public T defaultValue() {
        return defaultValue;
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got \"" + s + "\"");
        }
    }

    private static Boolean parseBool(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "1":
                return true;
            case "false":
            case "no":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException("expected true or false, got \"" + s + "\"");
        }
    }

    /** Accepts {@code 500ms}, {@code 10s}, {@code 9m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT9M}). */
    static Duration parseDuration(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 10s, 9m, 2h, got \"" + s + "\"");
        }
        long n = Long.parseLong(t.substring(0, i));
        switch (t.substring(i).trim()) {
            case "ms":
                return Duration.ofMillis(n);
            case "":
            case "s":
                return Duration.ofSeconds(n);
            case "m":
            case "min":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                throw new IllegalArgumentException("unknown duration unit in \"" + s + "\" (use ms, s, m, h, d)");
        }
    }
}
