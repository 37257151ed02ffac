package dev.streamrules.job.kafka;

import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.config.KafkaOptions;
import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.ecs.RawRecord;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;

/** Kafka source and sinks of the stream mode, built from the validated configuration. */
public final class KafkaConnectors {

    private KafkaConnectors() {}

    /** Pass-through client properties ({@code kafka.properties.*}), e.g. security settings. */
    static Properties clientProperties(JobConfig config) {
        Properties props = new Properties();
        props.putAll(config.withPrefix(KafkaOptions.PROPERTIES_PREFIX));
        return props;
    }

    /** Client properties plus the bootstrap servers, for plain producers. */
    public static Properties producerProperties(JobConfig config) {
        Properties props = clientProperties(config);
        props.setProperty("bootstrap.servers", config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        return props;
    }

    public static KafkaSource<RawRecord> source(JobConfig config) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setGroupId(config.get(KafkaOptions.GROUP_ID))
                .setStartingOffsets(config.get(KafkaOptions.STARTING_OFFSETS).initializer())
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(clientProperties(config))
                // Offsets live in Flink's checkpoints; committing them back is for lag monitoring only.
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.isSet(KafkaOptions.TOPIC_PATTERN)) {
            builder.setTopicPattern(Pattern.compile(config.get(KafkaOptions.TOPIC_PATTERN)));
        } else {
            builder.setTopics(config.list(KafkaOptions.TOPICS));
        }
        return builder.build();
    }

    /** Alerts for correlation: exactly once, in transactions committed with each checkpoint. */
    public static KafkaSink<Alert> alertSink(JobConfig config) {
        return exactlyOnce(
                config,
                new AlertRecordSerializer(
                        config.get(KafkaOptions.ALERTS_TOPIC),
                        config.get(KafkaOptions.DEAD_LETTER_TOPIC),
                        recordLimit(config)),
                "alerts");
    }

    /** Dead letters, exactly once too: a replay after a failure must not report a bad record twice. */
    public static KafkaSink<DeadLetter> deadLetterSink(JobConfig config) {
        return exactlyOnce(
                config,
                new DeadLetterRecordSerializer(config.get(KafkaOptions.DEAD_LETTER_TOPIC), recordLimit(config)),
                "dead-letters");
    }

    /** The producers' record size limit: {@code --kafka.properties.max.request.size}, else Kafka's default. */
    public static KafkaRecordLimit recordLimit(JobConfig config) {
        return KafkaRecordLimit.of(clientProperties(config));
    }

    private static <T> KafkaSink<T> exactlyOnce(
            JobConfig config, KafkaRecordSerializationSchema<T> schema, String suffix) {
        Properties props = clientProperties(config);
        props.setProperty(
                "transaction.timeout.ms",
                String.valueOf(config.get(KafkaOptions.TRANSACTION_TIMEOUT).toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setKafkaProducerConfig(props)
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                // Two sinks of one job must not share transactional ids, or they fence each other.
                .setTransactionalIdPrefix(config.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX) + "-" + suffix)
                .build();
    }
}
