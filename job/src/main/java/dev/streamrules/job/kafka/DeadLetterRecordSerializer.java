package dev.streamrules.job.kafka;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.streamrules.job.sink.JsonShrinker;
import dev.streamrules.udfs.ecs.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead letters as JSON, keyed by where they came from (topic/partition@offset or file:line). A letter
 * over the producer's {@code max.request.size} is shrunk ({@link JsonShrinker}, flag
 * {@code original_truncated}) and counted in {@code deadLettersTruncated}: the coordinates always fit.
 * Every letter is counted in {@code deadLetters}, by reason ({@link DeadLetterReasons}).
 */
public final class DeadLetterRecordSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    static final String METRIC_TRUNCATED = "deadLettersTruncated";

    private final String topic;
    private final KafkaRecordLimit limit;
    private transient Counter truncated;
    private transient DeadLetterReasons reasons;

    public DeadLetterRecordSerializer(String topic, KafkaRecordLimit limit) {
        this.topic = topic;
        this.limit = limit;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        if (reasons != null) {
            return; // the Kafka writer opens its serializer twice: register the metrics once
        }
        truncated = context.getMetricGroup().counter(METRIC_TRUNCATED);
        reasons = new DeadLetterReasons(context.getMetricGroup());
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        if (reasons != null) {
            reasons.count(letter.getReason());
        }
        byte[] key = letter.origin().getBytes(StandardCharsets.UTF_8);
        String json = letter.toJson();
        long budget = limit.valueBudget(key, new RecordHeaders());
        if (JsonShrinker.utf8Length(json) > budget) {
            if (truncated == null) {
                truncated = new SimpleCounter();
            }
            truncated.inc();
            // A letter is flat and its coordinates are short: cutting its long strings always fits.
            String shrunk = JsonShrinker.shrink(json, budget, "original_truncated");
            json = shrunk != null
                    ? shrunk
                    : "{\"origin\":" + TextNode.valueOf(letter.origin()) + ",\"original_truncated\":true}";
        }
        return new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
    }
}
