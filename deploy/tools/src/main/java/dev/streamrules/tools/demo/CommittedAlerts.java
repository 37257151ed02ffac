package dev.streamrules.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The job's alerts topic as a downstream consumer sees it: {@code isolation.level=read_committed},
 * from the beginning, every record tallied by its source event id. Alerts of open transactions
 * become visible when the job's next checkpoint commits them.
 */
final class CommittedAlerts implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AlertTally tally = new AlertTally();
    private long records;
    private long unreadable;

    CommittedAlerts(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("alerts topic " + topic + " does not exist");
        }
        for (PartitionInfo p : infos) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads whatever is committed and not yet read, for at most {@code budget}. */
    void catchUp(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        do {
            var batch = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                records++;
                try {
                    JsonNode alert = JSON.readTree(r.value());
                    JsonNode kibana = alert.path("kibana").path("alert");
                    String uuid = kibana.path("uuid").asText(r.topic() + "/" + r.partition() + "@" + r.offset());
                    // Two records with the same alert id are a duplicate too: key the document by offset.
                    tally.add(kibana.path("original_event").path("id").asText(null), uuid + "#" + r.partition() + "@" + r.offset());
                } catch (IOException e) {
                    unreadable++;
                }
            }
            if (batch.isEmpty()) {
                return;
            }
        } while (System.nanoTime() < deadline);
    }

    AlertTally tally() {
        return tally;
    }

    long records() {
        return records;
    }

    long unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
