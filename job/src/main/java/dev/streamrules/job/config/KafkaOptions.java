package dev.streamrules.job.config;

import dev.streamrules.job.kafka.StartingOffsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Stream mode: the Kafka source (with its watermarks), the alerts and dead-letter topics. */
public final class KafkaOptions {

    /** Prefix of Kafka client properties passed through unchanged, e.g. {@code kafka.properties.security.protocol}. */
    public static final String PROPERTIES_PREFIX = "kafka.properties.";

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap-servers")
            .stringType()
            .defaultValue("127.0.0.1:9092")
            .withDescription("stream mode: Kafka bootstrap servers");

    public static final ConfigOption<String> TOPICS = ConfigOptions.key("kafka.topics")
            .stringType()
            .defaultValue("endpoint-events")
            .withDescription("stream mode: comma-separated topics of ECS endpoint events");

    public static final ConfigOption<String> TOPIC_PATTERN = ConfigOptions.key("kafka.topic-pattern")
            .stringType()
            .noDefaultValue()
            .withDescription("stream mode: regular expression of event topics (instead of --kafka.topics)");

    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("kafka.group-id")
            .stringType()
            .defaultValue("streamrules-procmaps")
            .withDescription("stream mode: consumer group id");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = ConfigOptions.key("kafka.starting-offsets")
            .enumType(StartingOffsets.class)
            .defaultValue(StartingOffsets.COMMITTED_EARLIEST)
            .withDescription("stream mode: where a new job starts reading: committed-earliest, committed-latest,"
                    + " earliest or latest (a restore from a checkpoint or savepoint always resumes from its offsets)");

    public static final ConfigOption<String> ALERTS_TOPIC = ConfigOptions.key("kafka.alerts-topic")
            .stringType()
            .defaultValue("streamrules-alerts")
            .withDescription("stream mode: topic alerts are written to, exactly once"
                    + " (consumers must read with isolation.level=read_committed)");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC = ConfigOptions.key("kafka.dead-letter-topic")
            .stringType()
            .defaultValue("streamrules-dead-letters")
            .withDescription(
                    "stream mode: topic for dead letters (malformed records with reason and source coordinates)");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key(
                    "kafka.transactional-id-prefix")
            .stringType()
            .defaultValue("streamrules-procmaps")
            .withDescription("stream mode: transactional id prefix of the exactly-once producers;"
                    + " unique per job, stable across restarts");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("kafka.transaction-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(15))
            .withDescription("stream mode: producer transaction timeout; above checkpoint interval plus recovery"
                    + " time, at most the broker's transaction.max.timeout.ms");

    public static final ConfigOption<Boolean> CREATE_TOPICS = ConfigOptions.key("kafka.create-topics")
            .booleanType()
            .defaultValue(false)
            .withDescription("stream mode: preflight creates missing event, alerts and dead-letter topics"
                    + " instead of refusing to start");

    public static final ConfigOption<Integer> CREATE_TOPICS_PARTITIONS = ConfigOptions.key(
                    "kafka.create-topics.partitions")
            .intType()
            .defaultValue(3)
            .withDescription("stream mode: partitions of topics created by --kafka.create-topics");

    public static final ConfigOption<Duration> WATERMARK_OUT_OF_ORDERNESS = ConfigOptions.key(
                    "watermark.out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription(
                    "how late an event's @timestamp may be behind the newest seen: in stream mode on its partition;"
                            + " in replay mode by the event-time process tree");

    public static final ConfigOption<Duration> WATERMARK_IDLENESS = ConfigOptions.key("watermark.idleness")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("stream mode: a partition silent this long no longer holds back event time");

    public static final List<ConfigOption<?>> ALL = List.of(
            BOOTSTRAP_SERVERS,
            TOPICS,
            TOPIC_PATTERN,
            GROUP_ID,
            STARTING_OFFSETS,
            ALERTS_TOPIC,
            DEAD_LETTER_TOPIC,
            TRANSACTIONAL_ID_PREFIX,
            TRANSACTION_TIMEOUT,
            CREATE_TOPICS,
            CREATE_TOPICS_PARTITIONS,
            WATERMARK_OUT_OF_ORDERNESS,
            WATERMARK_IDLENESS);

    private KafkaOptions() {}
}
