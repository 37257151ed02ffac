package dev.streamrules.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.sink.AttackEvents;
import dev.streamrules.job.sink.JsonShrinker;
import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every record the Kafka serializers produce passes the producer's own size check (the estimate
 * {@code KafkaProducer} compares with {@code max.request.size} before it throws
 * {@code RecordTooLargeException}), whatever the alert or dead letter.
 */
class BoundedKafkaRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KafkaRecordLimit DEFAULT_LIMIT = KafkaRecordLimit.of(Map.of());

    private static Alert alert(int eventBytes) {
        String event = AttackEvents.ofSize("host-1", "evt-" + eventBytes, eventBytes);
        return new AlertBuilder(ProcMapsDiscoveryRule.RULE)
                .build(
                        new EcsEventParser()
                                .parse(RawRecord.kafka("events", 0, 7, event.getBytes(StandardCharsets.UTF_8)))
                                .event(),
                        1L);
    }

    private static int producerEstimate(ProducerRecord<byte[], byte[]> record) {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                record.key(),
                record.value(),
                record.headers().toArray());
    }

    @ParameterizedTest(name = "event of {0} bytes")
    @ValueSource(ints = {2_000, 1_000_000, AttackEvents.POISON_PILL_BYTES, 1_048_000})
    void alertRecordsFitTheDefaultMaxRequestSize(int eventBytes) throws Exception {
        Alert alert = alert(eventBytes);
        ProducerRecord<byte[], byte[]> record =
                new AlertRecordSerializer("alerts", "dead", DEFAULT_LIMIT).serialize(alert, null, null);

        assertThat(producerEstimate(record)).isLessThanOrEqualTo(KafkaRecordLimit.DEFAULT_MAX_REQUEST_SIZE);
        assertThat(record.topic()).isEqualTo("alerts");
        JsonNode doc = JSON.readTree(record.value());
        assertThat(doc.at("/kibana/alert/uuid").asText()).isEqualTo(alert.getId());
        boolean shrunk = alert.getDocument().length() > record.value().length;
        assertThat(doc.at("/kibana/alert/original_truncated").asBoolean()).isEqualTo(shrunk);
    }

    @Test
    void theLimitFollowsTheConfiguredMaxRequestSize() {
        KafkaRecordLimit limit = KafkaRecordLimit.of(Map.of("max.request.size", "20000"));
        ProducerRecord<byte[], byte[]> record =
                new AlertRecordSerializer("alerts", "dead", limit).serialize(alert(100_000), null, null);
        assertThat(producerEstimate(record)).isLessThanOrEqualTo(20_000);
    }

    @Test
    void anAlertThatCannotBeMadeToFitBecomesACompactDeadLetterOnTheDeadLetterTopic() throws Exception {
        KafkaRecordLimit tiny = new KafkaRecordLimit(700);
        Alert alert = alert(5_000);
        ProducerRecord<byte[], byte[]> record =
                new AlertRecordSerializer("alerts", "dead", tiny).serialize(alert, null, null);

        assertThat(record.topic()).isEqualTo("dead");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alert.getId());
        JsonNode letter = JSON.readTree(record.value());
        assertThat(letter.path("alert_id").asText()).isEqualTo(alert.getId());
        assertThat(letter.path("reason").asText()).contains("does not fit the Kafka alerts topic alerts");
    }

    @Test
    void deadLettersFitToo() throws Exception {
        DeadLetter letter = new DeadLetter("events", 0, 9, "reason " + "r".repeat(2_000_000), "original", false);
        ProducerRecord<byte[], byte[]> record =
                new DeadLetterRecordSerializer("dead", DEFAULT_LIMIT).serialize(letter, null, null);

        assertThat(producerEstimate(record)).isLessThanOrEqualTo(KafkaRecordLimit.DEFAULT_MAX_REQUEST_SIZE);
        JsonNode json = JSON.readTree(record.value());
        assertThat(json.path("original_truncated").asBoolean()).isTrue();
        assertThat(json.path("offset").asLong()).isEqualTo(9);
        assertThat(json.path("reason").asText()).startsWith("reason rrr").endsWith(JsonShrinker.MARKER);
    }
}
