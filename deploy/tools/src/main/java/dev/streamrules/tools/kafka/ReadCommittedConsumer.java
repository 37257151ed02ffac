package dev.streamrules.tools.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic as a downstream consumer of the job's transactional outputs sees it:
 * {@code isolation.level=read_committed}, every partition from the beginning, no group, no commits.
 * Records of open transactions stay invisible until the job's checkpoint commits them. The one such
 * consumer of the project: the live tool's alerts-topic check and the end-to-end tests use it.
 */
public final class ReadCommittedConsumer implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    /** Fails when the topic does not exist (within 30 s). */
    public ReadCommittedConsumer(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        for (PartitionInfo p : infos) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every committed record of {@code topic}, read to the end as of now (at most {@code timeout}). */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic, Duration timeout) {
        try (ReadCommittedConsumer consumer = new ReadCommittedConsumer(bootstrapServers, topic)) {
            return consumer.readToEnd(timeout);
        }
    }

    /**
     * Reads until every partition's position reaches its end offset as of this call (for read_committed:
     * the last stable offset), or {@code timeout} passes.
     */
    public List<ConsumerRecord<byte[], byte[]>> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    /** Reads what is committed and not yet read, until a poll returns nothing or {@code budget} passes. */
    public List<ConsumerRecord<byte[], byte[]>> catchUp(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        do {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
            batch.forEach(out::add);
            if (batch.isEmpty()) {
                break;
            }
        } while (System.nanoTime() < deadline);
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
