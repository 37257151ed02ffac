package dev.streamrules.job.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Stream mode: the checks before the job starts (what they may create is in the Kafka and Elasticsearch options). */
public final class PreflightOptions {

    public static final ConfigOption<Boolean> ENABLED = ConfigOptions.key("preflight")
            .booleanType()
            .defaultValue(true)
            .withDescription("stream mode: check Kafka, topics, Elasticsearch, the index template and secret files"
                    + " before starting");

    public static final ConfigOption<Duration> TIMEOUT = ConfigOptions.key("preflight.timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("stream mode: how long each preflight check waits for Kafka or Elasticsearch to answer");

    public static final List<ConfigOption<?>> ALL = List.of(ENABLED, TIMEOUT);

    private PreflightOptions() {}
}
