package dev.streamrules.job.kafka;

import dev.streamrules.udfs.alert.Alert;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Alerts on the correlation topic: keyed by {@code host.id} so one host's alerts stay ordered in one
 * partition (what correlating rule jobs key by), the value being the same JSON document as in
 * Elasticsearch, with the alert id and rule id as headers for consumers that filter without parsing.
 */
public final class AlertRecordSerializer implements KafkaRecordSerializationSchema<Alert> {

    private static final long serialVersionUID = 1L;

    public static final String HEADER_ALERT_ID = "alert.id";
    public static final String HEADER_RULE_ID = "rule.id";

    private final String topic;

    public AlertRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders(List.of(
                new RecordHeader(HEADER_ALERT_ID, alert.getId().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(HEADER_RULE_ID, alert.getRuleId().getBytes(StandardCharsets.UTF_8))));
        return new ProducerRecord<>(topic, null, alert.getDetectedAtMillis(),
                alert.getHostId().getBytes(StandardCharsets.UTF_8),
                alert.getDocument().getBytes(StandardCharsets.UTF_8), headers);
    }
}
