package dev.streamrules.job.config;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Replay mode: the file read and where alerts and dead letters go. */
public final class ReplayOptions {

    public static final ConfigOption<String> INPUT = ConfigOptions.key("input")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "replay mode: NDJSON file of ECS events to run the rule over (bounded; the job ends when it is read)");

    public static final ConfigOption<String> OUTPUT = ConfigOptions.key("output")
            .stringType()
            .defaultValue("-")
            .withDescription("replay mode: where alerts go, one JSON document per line; - for stdout");

    public static final ConfigOption<String> DEAD_LETTER = ConfigOptions.key("dead-letter")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "replay mode: file for dead letters (unparseable records, with line and reason); default: counted only");

    public static final List<ConfigOption<?>> ALL = List.of(INPUT, OUTPUT, DEAD_LETTER);

    private ReplayOptions() {}
}
