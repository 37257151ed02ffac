package dev.streamrules.job.kafka;

import dev.streamrules.job.sink.BoundedAlert;
import dev.streamrules.job.sink.JsonShrinker;
import dev.streamrules.job.sink.ShrinkCounters;
import dev.streamrules.udfs.alert.Alert;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Alerts on the correlation topic: keyed by {@code host.id} so one host's alerts stay ordered in one
 * partition (what correlating rule jobs key by), the value being the same JSON document as in
 * Elasticsearch, with the alert id and rule id as headers for consumers that filter without parsing.
 *
 * <p>Every value fits the producer's {@code max.request.size} ({@link BoundedAlert}): a larger alert
 * is shrunk, and one that cannot be becomes a compact dead letter on the dead-letter topic (same
 * transaction), so no alert can fail the writer. Counted in {@code alertsTruncated},
 * {@code alertsCompacted} and {@code alertsTooLarge}; every alert in {@code alerts} of its rule.
 */
public final class AlertRecordSerializer implements KafkaRecordSerializationSchema<Alert> {

    private static final long serialVersionUID = 1L;

    public static final String HEADER_ALERT_ID = "alert.id";
    public static final String HEADER_RULE_ID = "rule.id";

    /** Alerts per rule: metric {@code alerts} in group {@code rule_id} (one per deployed rule). */
    static final String METRIC_ALERTS = "alerts";

    static final String GROUP_RULE = "rule_id";

    private final String topic;
    private final String deadLetterTopic;
    private final KafkaRecordLimit limit;
    private transient ShrinkCounters shrunk;
    private transient MetricGroup metrics;
    private transient Map<String, Counter> perRule;

    public AlertRecordSerializer(String topic, String deadLetterTopic, KafkaRecordLimit limit) {
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.limit = limit;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        if (metrics != null) {
            return; // the Kafka writer opens its serializer twice: register the metrics once
        }
        metrics = context.getMetricGroup();
        perRule = new HashMap<>();
        shrunk = new ShrinkCounters(metrics);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders(List.of(
                new RecordHeader(HEADER_ALERT_ID, alert.getId().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(HEADER_RULE_ID, alert.getRuleId().getBytes(StandardCharsets.UTF_8))));
        byte[] key = alert.getHostId().getBytes(StandardCharsets.UTF_8);
        long budget = limit.valueBudget(key, headers);
        if (metrics != null) {
            perRule.computeIfAbsent(
                            alert.getRuleId(),
                            r -> metrics.addGroup(GROUP_RULE, r).counter(METRIC_ALERTS))
                    .inc();
        }
        BoundedAlert bounded = BoundedAlert.of(alert.getDocument(), budget);
        if (shrunk == null) {
            shrunk = new ShrinkCounters(); // used without open() (unit tests): count nowhere
        }
        shrunk.count(bounded.outcome());
        if (bounded.outcome() == BoundedAlert.Outcome.TOO_LARGE) {
            String letter = BoundedAlert.deadLetter(
                    alert, "the Kafka alerts topic " + topic, JsonShrinker.utf8Length(alert.getDocument()), budget);
            return new ProducerRecord<>(
                    deadLetterTopic,
                    null,
                    alert.getDetectedAtMillis(),
                    alert.getId().getBytes(StandardCharsets.UTF_8),
                    letter.getBytes(StandardCharsets.UTF_8),
                    headers);
        }
        return new ProducerRecord<>(
                topic,
                null,
                alert.getDetectedAtMillis(),
                key,
                bounded.document().getBytes(StandardCharsets.UTF_8),
                headers);
    }
}
