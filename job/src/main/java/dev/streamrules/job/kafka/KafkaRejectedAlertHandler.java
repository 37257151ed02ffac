package dev.streamrules.job.kafka;

import dev.streamrules.job.sink.elasticsearch.RejectedAlert;
import dev.streamrules.job.sink.elasticsearch.RejectedAlertHandler;
import dev.streamrules.udfs.ecs.DeadLetterJson;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Alerts Elasticsearch refused for good (mapping errors) go to the dead-letter topic with the
 * server's reason, keyed by alert id, as {@link DeadLetterJson} letters of kind {@code alert}. Idempotent producer, acks=all, and the send is awaited: a
 * rejected alert is not forgotten. (At least once: a replay after a failure may report it again,
 * with the same key, which consumers can use to de-duplicate.)
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
        // The whole document: its size is already bounded by the sink's maximum record size.
        String letter = DeadLetterJson.write(DeadLetterJson.KIND_ALERT, node -> {
            node.put("alert_id", alert.id());
            node.put("index", alert.index());
            node.put("status", alert.status());
            node.put("error_type", alert.errorType());
        }, "rejected by Elasticsearch: " + alert.reason(), alert.document(), false);
        producer.send(new ProducerRecord<>(topic, alert.id().getBytes(StandardCharsets.UTF_8),
                letter.getBytes(StandardCharsets.UTF_8))).get();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
