package dev.streamrules.job.config;

import dev.streamrules.udfs.cli.CommandLine;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** What the job runs and how: mode, parallelism, the configuration file, help. */
public final class JobOptions {

    /** {@code replay}: a file, bounded; {@code stream}: Kafka in, Elasticsearch and Kafka out. */
    public enum Mode {
        REPLAY,
        STREAM;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final ConfigOption<String> CONFIG_FILE = ConfigOptions.key("config")
            .stringType()
            .noDefaultValue()
            .withDescription("properties file with the same keys as the flags (flags override it)");

    public static final ConfigOption<Mode> MODE = ConfigOptions.key("mode")
            .enumType(Mode.class)
            .noDefaultValue()
            .withDescription(
                    "replay (a file, bounded) or stream (Kafka in; Elasticsearch and Kafka out); default: replay when --input is given, else stream");

    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("parallelism")
            .intType()
            .noDefaultValue()
            .withDescription("job parallelism (default: the cluster's, or the number of cores locally)");

    public static final ConfigOption<Duration> MAX_EVENT_AGE = ConfigOptions.key("max-event-age")
            .durationType()
            .noDefaultValue()
            .withDescription(
                    "set aside events whose @timestamp is older than this (e.g. 9m, the rule's look-back); default: evaluate all");

    public static final ConfigOption<Boolean> HELP = CommandLine.HELP;

    public static final List<ConfigOption<?>> ALL = List.of(CONFIG_FILE, MODE, PARALLELISM, MAX_EVENT_AGE, HELP);

    private JobOptions() {}
}
