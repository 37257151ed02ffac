package dev.streamrules.job.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The job's whole configuration, typed and validated in one place. Values come from
 * {@code --key value} flags and, optionally, a properties file named by {@code --config}; flags win.
 */
public final class JobConfig {

    public static final Option<String> CONFIG_FILE = Option.string("config", null,
            "properties file with the same keys as the flags (flags override it)");
    public static final Option<String> INPUT = Option.string("input", null,
            "replay mode: NDJSON file of ECS events to run the rule over (bounded; the job ends when it is read)");
    public static final Option<String> OUTPUT = Option.string("output", "-",
            "replay mode: where alerts go, one JSON document per line; - for stdout");
    public static final Option<String> DEAD_LETTER = Option.string("dead-letter", null,
            "replay mode: file for dead letters (unparseable records, with line and reason); default: counted only");
    public static final Option<Integer> PARALLELISM = Option.integer("parallelism", null,
            "job parallelism (default: the cluster's, or the number of cores locally)");
    public static final Option<Duration> MAX_EVENT_AGE = Option.duration("max-event-age", null,
            "set aside events whose @timestamp is older than this (e.g. 9m, the rule's look-back); default: evaluate all");
    public static final Option<Boolean> HELP = Option.bool("help", false, "print this help");

    public static final List<Option<?>> OPTIONS = List.of(CONFIG_FILE, INPUT, OUTPUT, DEAD_LETTER, PARALLELISM,
            MAX_EVENT_AGE, HELP);

    private final Map<String, String> raw;

    private JobConfig(Map<String, String> raw) {
        this.raw = raw;
    }

    /** Parses flags (and the {@code --config} file they name) and validates every value. */
    public static JobConfig fromArgs(String... args) {
        Map<String, String> flags = parseFlags(args);
        Map<String, String> merged = new LinkedHashMap<>();
        String file = flags.get(CONFIG_FILE.key());
        if (file != null) {
            merged.putAll(readFile(Path.of(file)));
        }
        merged.putAll(flags);
        JobConfig config = new JobConfig(merged);
        config.validate();
        return config;
    }

    public <T> T get(Option<T> option) {
        String text = raw.get(option.key());
        return text == null ? option.defaultValue() : option.parse(text);
    }

    public boolean isSet(Option<?> option) {
        return raw.containsKey(option.key());
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

    private void validate() {
        List<String> problems = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (OPTIONS.stream().noneMatch(o -> o.key().equals(key))) {
                problems.add("unknown option --" + key);
            }
        }
        for (Option<?> option : OPTIONS) {
            try {
                get(option);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        Integer parallelism = valueOrNull(PARALLELISM);
        if (parallelism != null && parallelism < 1) {
            problems.add("--parallelism must be at least 1, was " + parallelism);
        }
        Duration age = valueOrNull(MAX_EVENT_AGE);
        if (age != null && (age.isNegative() || age.isZero())) {
            problems.add("--max-event-age must be positive, was " + age);
        }
        String input = valueOrNull(INPUT);
        if (input == null && !Boolean.TRUE.equals(valueOrNull(HELP))) {
            problems.add("--input is required (the NDJSON file to replay)");
        } else if (input != null && !Files.isReadable(Path.of(input))) {
            problems.add("--input " + input + ": no such readable file");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }

    /** The value, or null when it does not parse (already reported by {@link #validate()}). */
    private <T> T valueOrNull(Option<T> option) {
        try {
            return get(option);
        } catch (ConfigException e) {
            return null;
        }
    }

    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("expected --option, got \"" + arg + "\"");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (key.equals(HELP.key())) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("--" + key + " needs a value");
            }
            if (flags.put(key, value) != null) {
                throw new ConfigException("--" + key + " given twice");
            }
        }
        return flags;
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("--config " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }

    /** Usage text generated from the option constants, so it cannot drift from the code. */
    public static String usage() {
        StringBuilder sb = new StringBuilder("Options (--key value or --key=value):\n");
        for (Option<?> o : OPTIONS) {
            sb.append(String.format("  --%-16s %s%s%n", o.key(), o.description(),
                    o.defaultValue() == null || o == HELP ? "" : " [default: " + o.defaultValue() + "]"));
        }
        return sb.toString();
    }
}
