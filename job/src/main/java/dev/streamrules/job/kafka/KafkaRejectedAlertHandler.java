package dev.streamrules.job.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.job.sink.JsonShrinker;
import dev.streamrules.job.sink.elasticsearch.RejectedAlert;
import dev.streamrules.job.sink.elasticsearch.RejectedAlertHandler;
import dev.streamrules.udfs.ecs.DeadLetterJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Alerts Elasticsearch refused for good (mapping errors) go to the dead-letter topic with the
 * server's reason, keyed by alert id, as {@link DeadLetterJson} letters of kind {@code alert}. Idempotent producer, acks=all, and the send is awaited: a
 * rejected alert is not forgotten. (At least once: a replay after a failure may report it again,
 * with the same key, which consumers can use to de-duplicate.)
 *
 * <p>A letter never exceeds the producer's {@code max.request.size}: the original document is cut
 * ({@link JsonShrinker}, {@code original_truncated: true}); the alert id keeps the reference. Should
 * the broker still refuse that one record (e.g. a topic's smaller {@code max.message.bytes}), a
 * letter without the original is sent instead of failing the writer.
 */
public final class KafkaRejectedAlertHandler implements RejectedAlertHandler {

    private static final long serialVersionUID = 1L;

    private final Properties producerConfig;
    private final String topic;
    private transient KafkaProducer<byte[], byte[]> producer;

    public KafkaRejectedAlertHandler(Properties producerConfig, String topic) {
        this.producerConfig = producerConfig;
        this.topic = topic;
    }

    @Override
    public void open(Context context) {
        Properties props = new Properties();
        props.putAll(producerConfig);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(props);
    }

    @Override
    public void onRejected(RejectedAlert alert) throws Exception {
        Consumer<ObjectNode> coordinates = node -> {
            node.put("alert_id", alert.id());
            node.put("index", alert.index());
            node.put("status", alert.status());
            node.put("error_type", alert.errorType());
        };
        String reason = "rejected by Elasticsearch: " + alert.reason();
        byte[] key = alert.id() == null ? null : alert.id().getBytes(StandardCharsets.UTF_8);
        String withoutOriginal = DeadLetterJson.write(DeadLetterJson.KIND_ALERT, coordinates, reason, "", true);
        String letter = DeadLetterJson.write(DeadLetterJson.KIND_ALERT, coordinates, reason, alert.document(), false);
        long budget = KafkaRecordLimit.of(producerConfig).valueBudget(key, List.of());
        String bounded = JsonShrinker.shrink(letter, budget, "original_truncated");
        try {
            send(key, bounded != null ? bounded : withoutOriginal);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException)) {
                throw e;
            }
            send(key, withoutOriginal);
        }
    }

    private void send(byte[] key, String value) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
