package dev.streamrules.job.kafka;

import dev.streamrules.udfs.ecs.DeadLetter;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Dead letters as JSON, keyed by where they came from (topic/partition@offset or file:line). */
public final class DeadLetterRecordSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, letter.origin().getBytes(StandardCharsets.UTF_8),
                letter.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
