package dev.streamrules.udfs.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The values a {@link CommandLine} read, layered (flags, then the config file, then the cluster's
 * configuration, then defaults) and typed by Flink's {@link Configuration}. Unknown options and
 * values that do not read as their type are in {@link #problems()}, one line each.
 */
public final class Settings {

    private final Map<String, String> raw;
    private final Configuration values = new Configuration();
    private final List<String> problems;

    @SuppressWarnings("unchecked")
    Settings(
            Map<String, ConfigOption<?>> options,
            Map<String, String> raw,
            Map<String, List<String>> repeated,
            List<String> problems) {
        this.raw = Collections.unmodifiableMap(raw);
        this.problems = new ArrayList<>(problems);
        raw.forEach((k, v) -> values.setString(k, v));
        repeated.forEach((k, list) -> values.set((ConfigOption<List<String>>) options.get(k), List.copyOf(list)));
        for (ConfigOption<?> option : options.values()) {
            try {
                values.get(option);
            } catch (IllegalArgumentException e) {
                this.problems.add(unreadable(option));
            }
        }
    }

    /** The value, else the default (null when there is none); throws when it does not read as its type. */
    public <T> T get(ConfigOption<T> option) {
        try {
            return values.get(option);
        } catch (IllegalArgumentException e) {
            throw new CommandLineException(unreadable(option));
        }
    }

    /** As {@link #get}, but null for a value that does not read (it is in {@link #problems()} already). */
    public <T> T getOrNull(ConfigOption<T> option) {
        try {
            return values.get(option);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when a flag, the config file or the cluster configuration gave the option a value. */
    public boolean isSet(ConfigOption<?> option) {
        return raw.containsKey(option.key());
    }

    /** A repeatable option's values in the order given; empty when it is not set. */
    public List<String> values(ConfigOption<List<String>> option) {
        List<String> list = getOrNull(option);
        if (list == null) {
            return List.of();
        }
        return list.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A comma-separated option as a list, blanks dropped. */
    public List<String> list(ConfigOption<String> option) {
        String value = getOrNull(option);
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** All keys starting with {@code prefix}, prefix removed (pass-through client properties). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Unknown options and unreadable values, one line each, in the order found. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /**
     * Throws one {@link CommandLineException} listing {@link #problems()} and then {@code more} (the
     * program's own checks), one a line; returns when there are none.
     */
    public void requireNoProblems(List<String> more) {
        List<String> all = new ArrayList<>(problems);
        all.addAll(more);
        if (!all.isEmpty()) {
            throw new CommandLineException(String.join("\n", all));
        }
    }

    private String unreadable(ConfigOption<?> option) {
        return "--" + option.key() + ": expected " + OptionTypes.expected(option) + ", got \"" + raw.get(option.key())
                + "\"";
    }
}
