package dev.streamrules.job.kafka;

import dev.streamrules.job.config.JobConfig;
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
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Kafka source and sinks of the stream mode, built from the validated configuration. */
public final class KafkaConnectors {

    private KafkaConnectors() {}

    /** Pass-through client properties ({@code kafka.properties.*}), e.g. security settings. */
    static Properties clientProperties(JobConfig config) {
        Properties props = new Properties();
        props.putAll(config.withPrefix(JobConfig.KAFKA_PROPERTIES_PREFIX));
        return props;
    }

    /** Client properties plus the bootstrap servers, for plain producers. */
    public static Properties producerProperties(JobConfig config) {
        Properties props = clientProperties(config);
        props.setProperty("bootstrap.servers", config.get(JobConfig.KAFKA_BOOTSTRAP));
        return props;
    }

    public static KafkaSource<RawRecord> source(JobConfig config) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.get(JobConfig.KAFKA_BOOTSTRAP))
                .setGroupId(config.get(JobConfig.KAFKA_GROUP_ID))
                .setStartingOffsets(startingOffsets(config.get(JobConfig.KAFKA_STARTING_OFFSETS)))
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(clientProperties(config))
                // Offsets live in Flink's checkpoints; committing them back is for lag monitoring only.
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.isSet(JobConfig.KAFKA_TOPIC_PATTERN)) {
            builder.setTopicPattern(Pattern.compile(config.get(JobConfig.KAFKA_TOPIC_PATTERN)));
        } else {
            builder.setTopics(config.list(JobConfig.KAFKA_TOPICS));
        }
        return builder.build();
    }

    static OffsetsInitializer startingOffsets(String choice) {
        switch (choice) {
            case "committed-earliest":
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case "committed-latest":
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST);
            case "earliest":
                return OffsetsInitializer.earliest();
            case "latest":
                return OffsetsInitializer.latest();
            default:
                throw new IllegalArgumentException("unknown starting offsets " + choice);
        }
    }

    /** Alerts for correlation: exactly once, in transactions committed with each checkpoint. */
    public static KafkaSink<Alert> alertSink(JobConfig config) {
        return exactlyOnce(
                config,
                new AlertRecordSerializer(
                        config.get(JobConfig.KAFKA_ALERTS_TOPIC),
                        config.get(JobConfig.KAFKA_DEAD_LETTER_TOPIC),
                        recordLimit(config)),
                "alerts");
    }

    /** Dead letters, exactly once too: a replay after a failure must not report a bad record twice. */
    public static KafkaSink<DeadLetter> deadLetterSink(JobConfig config) {
        return exactlyOnce(
                config,
                new DeadLetterRecordSerializer(config.get(JobConfig.KAFKA_DEAD_LETTER_TOPIC), recordLimit(config)),
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
                String.valueOf(config.get(JobConfig.KAFKA_TRANSACTION_TIMEOUT).toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(JobConfig.KAFKA_BOOTSTRAP))
                .setKafkaProducerConfig(props)
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                // Two sinks of one job must not share transactional ids, or they fence each other.
                .setTransactionalIdPrefix(config.get(JobConfig.KAFKA_TRANSACTIONAL_ID_PREFIX) + "-" + suffix)
                .build();
    }
}
