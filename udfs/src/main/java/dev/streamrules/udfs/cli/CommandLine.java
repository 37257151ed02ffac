package dev.streamrules.udfs.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The command line of one program, declared on Flink {@link ConfigOption}s: which options exist (in
 * sections, for {@code --help}), which are switches ({@code --help}: no value), which may be repeated,
 * which key prefixes are passed through unchecked, and optionally a {@code --config} properties file
 * and a key prefix under which the cluster's Flink configuration may set the same options.
 *
 * <p>Values are taken from, highest first: {@code --key value} or {@code --key=value} flags; the
 * properties file named by the config-file option; {@code <prefix><key>} in the cluster's Flink
 * configuration; the option's default. {@link #parse} throws {@link CommandLineException} for a command
 * line it cannot read at all; unknown options and unreadable values are collected in
 * {@link Settings#problems()}, so that the program's own validation can add its findings and report
 * everything at once.
 */
public final class CommandLine {

    /** {@code --help} (or {@code -h}), the same in every program: declare it as a switch. */
    public static final ConfigOption<Boolean> HELP =
            ConfigOptions.key("help").booleanType().defaultValue(false).withDescription("print this help");

    /** A bare number: a duration without unit. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final List<Section> sections;
    private final Map<String, ConfigOption<?>> options;
    private final Set<String> switches;
    private final Set<String> repeatable;
    private final Map<String, String> passThrough;
    private final ConfigOption<String> configFile;
    private final String clusterPrefix;

    private CommandLine(Builder b) {
        this.sections = List.copyOf(b.sections);
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.switches = Set.copyOf(b.switches);
        this.repeatable = Set.copyOf(b.repeatable);
        this.passThrough = Collections.unmodifiableMap(new LinkedHashMap<>(b.passThrough));
        this.configFile = b.configFile;
        this.clusterPrefix = b.clusterPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every declared option, in declaration order. */
    public List<ConfigOption<?>> options() {
        return List.copyOf(options.values());
    }

    /** Reads flags and the config file they name; no cluster configuration. */
    public Settings parse(String... args) {
        return parse(Map.of(), args);
    }

    /** Reads flags, the config file they name, and the {@code <prefix>*} keys of {@code cluster}. */
    public Settings parse(ReadableConfig cluster, String... args) {
        return parse(cluster.toMap(), args);
    }

    /** See {@link #parse(ReadableConfig, String...)}; {@code cluster} is a Flink configuration as a map. */
    public Settings parse(Map<String, String> cluster, String... args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> merged = new LinkedHashMap<>();
        if (clusterPrefix != null) {
            cluster.forEach((key, value) -> {
                if (key.startsWith(clusterPrefix)) {
                    String name = key.substring(clusterPrefix.length());
                    put(merged, name, value, problems, key + " in the cluster configuration");
                }
            });
        }
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        readFlags(args, flags, repeated);
        String file = configFile == null ? null : flags.get(configFile.key());
        if (file != null) {
            readFile(Path.of(file)).forEach((k, v) -> put(merged, k, v, problems, k + " in --config " + file));
        }
        flags.forEach((k, v) -> put(merged, k, v, problems, "--" + k));
        return new Settings(options, merged, repeated, problems);
    }

    /** {@code --help}: every option with its description and default, generated from the declarations. */
    public String usage() {
        return UsageText.of(sections, switches, passThrough, configFile, clusterPrefix);
    }

    private void put(Map<String, String> merged, String key, String value, List<String> problems, String where) {
        ConfigOption<?> option = options.get(key);
        if (!isKnown(key)) {
            problems.add("unknown option " + where + " (see --help)");
            return;
        }
        String v = value.trim();
        // Our command lines have always read a bare number of a duration as seconds (Flink: milliseconds).
        if (option != null
                && OptionTypes.isDuration(option)
                && DIGITS.matcher(v).matches()) {
            v = v + "s";
        }
        merged.put(key, v);
    }

    private boolean isKnown(String key) {
        return options.containsKey(key) || passThrough.keySet().stream().anyMatch(key::startsWith);
    }

    private void readFlags(String[] args, Map<String, String> flags, Map<String, List<String>> repeated) {
        for (int i = 0; i < args.length; i++) {
            String arg = "-h".equals(args[i]) ? "--help" : args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new CommandLineException("expected an option such as --" + firstKey() + ", got \"" + arg + "\"");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (switches.contains(key)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else if (isKnown(key)) {
                throw new CommandLineException("--" + key + " needs a value");
            } else {
                throw new CommandLineException("unknown option --" + key + " (see --help)");
            }
            if (repeatable.contains(key)) {
                repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(value.trim());
                flags.put(key, value);
            } else if (flags.put(key, value) != null) {
                throw new CommandLineException("--" + key + " given more than once");
            }
        }
    }

    private String firstKey() {
        return options.isEmpty() ? "help" : options.keySet().iterator().next();
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new CommandLineException("--config " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }

    /** A titled group of options in {@code --help}. */
    record Section(String title, List<ConfigOption<?>> options) {}

    /** Declares a command line; see {@link CommandLine}. */
    public static final class Builder {
        private final List<Section> sections = new ArrayList<>();
        private final Map<String, ConfigOption<?>> options = new LinkedHashMap<>();
        private final Set<String> switches = new LinkedHashSet<>();
        private final Set<String> repeatable = new LinkedHashSet<>();
        private final Map<String, String> passThrough = new LinkedHashMap<>();
        private ConfigOption<String> configFile;
        private String clusterPrefix;

        private Builder() {}

        /** Options listed under {@code title} in {@code --help} ({@code null}: no title). */
        public Builder section(String title, List<? extends ConfigOption<?>> sectionOptions) {
            sections.add(new Section(title, List.copyOf(sectionOptions)));
            for (ConfigOption<?> o : sectionOptions) {
                if (options.put(o.key(), o) != null) {
                    throw new IllegalArgumentException("option " + o.key() + " declared twice");
                }
            }
            return this;
        }

        /** Flags that take no value: {@code --help} means {@code --help=true}. */
        @SafeVarargs
        public final Builder switches(ConfigOption<Boolean>... flags) {
            for (ConfigOption<Boolean> o : flags) {
                switches.add(o.key());
            }
            return this;
        }

        /** Flags that may be given several times; read them with {@link Settings#values}. */
        @SafeVarargs
        public final Builder repeatable(ConfigOption<List<String>>... flags) {
            for (ConfigOption<List<String>> o : flags) {
                repeatable.add(o.key());
            }
            return this;
        }

        /** Keys under {@code prefix} are accepted unchecked and read with {@link Settings#withPrefix}. */
        public Builder passThrough(String prefix, String description) {
            passThrough.put(prefix, description);
            return this;
        }

        /** The option naming a properties file with the same keys as the flags (flags win). */
        public Builder configFile(ConfigOption<String> option) {
            this.configFile = option;
            return this;
        }

        /** The prefix under which the cluster's Flink configuration may set the options (e.g. {@code streamrules.}). */
        public Builder clusterPrefix(String prefix) {
            this.clusterPrefix = prefix;
            return this;
        }

        public CommandLine build() {
            for (String key : switches) {
                if (!options.containsKey(key)) {
                    throw new IllegalArgumentException("switch " + key + " is not in a section");
                }
            }
            for (String key : repeatable) {
                if (!options.containsKey(key)) {
                    throw new IllegalArgumentException("repeatable option " + key + " is not in a section");
                }
            }
            if (configFile != null && !options.containsKey(configFile.key())) {
                throw new IllegalArgumentException("config-file option " + configFile.key() + " is not in a section");
            }
            return new CommandLine(this);
        }
    }
}
