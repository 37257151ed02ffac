package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.tools.kafka.ReadCommittedConsumer;
import dev.streamrules.tools.sim.FleetSimulator;
import dev.streamrules.tools.sim.SimulatedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster jar on a real Flink session cluster, between a real Kafka broker and a real
 * Elasticsearch node: the expected alerts (the simulator's ground truth) arrive in Elasticsearch and
 * on the read_committed alerts topic exactly once, also when a TaskManager is killed mid-stream or
 * Elasticsearch goes away for 20 seconds.
 */
class StreamEndToEndITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 3;

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final FlinkSessionCluster FLINK = new FlinkSessionCluster();

    private static FleetSimulator fleet(long seed, long events) {
        return FleetSimulator.builder()
                .hosts(12)
                .events(events)
                .seed(seed)
                .attackRate(0.05)
                .nearMissRate(0.05)
                .build();
    }

    @Test
    void deliversExactlyTheExpectedAlertsToElasticsearchAndTheAlertsTopic() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(PARTITIONS, true);
        String job = run.submit("rocksdb");
        try {
            List<String> malformed = List.of("not json", "{\"event\":{\"id\":\"no-host\"}}", "[1,2]");
            produceRaw(run.events, malformed);
            List<String> expected = produce(run.events, fleet(11, 3000), Duration.ZERO);
            assertDeliveredExactlyOnce(run, expected);
            List<JsonNode> dead = readCommitted(run.deadLetters);
            assertThat(dead)
                    .extracting(d -> d.path("original").asText())
                    .containsExactlyInAnyOrderElementsOf(malformed);
            assertThat(dead).allSatisfy(d -> {
                assertThat(d.path("topic").asText()).isEqualTo(run.events);
                assertThat(d.path("kind").asText()).isEqualTo("event");
                assertThat(d.has("partition") && d.has("offset") && d.has("reason"))
                        .isTrue();
            });
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    /** Kill -9 of the TaskManager after the Nth completed checkpoint, while events keep coming. */
    @ParameterizedTest(name = "TaskManager killed after checkpoint {0}")
    @ValueSource(ints = {1, 3, 6})
    void survivesATaskManagerKilledMidStream(int afterCheckpoint) throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(PARTITIONS, true);
        String job = run.submit("rocksdb");
        try {
            CompletableFuture<List<String>> produced = CompletableFuture.supplyAsync(
                    () -> produce(run.events, fleet(100 + afterCheckpoint, 4000), Duration.ofSeconds(20)));
            awaitCheckpoint(job, afterCheckpoint);
            FLINK.killTaskManager();
            FLINK.startTaskManager();
            List<String> expected = produced.get(3, TimeUnit.MINUTES);
            assertDeliveredExactlyOnce(run, expected);
            assertThat(FLINK.rest().restoredCheckpoint(job))
                    .as("job restored from a checkpoint")
                    .isPresent();
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    @Test
    void losesAndDuplicatesNothingWhileElasticsearchIsDownFor20Seconds() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(PARTITIONS, true);
        String job = run.submit("rocksdb");
        try {
            CompletableFuture<List<String>> produced =
                    CompletableFuture.supplyAsync(() -> produce(run.events, fleet(7, 4000), Duration.ofSeconds(30)));
            awaitCheckpoint(job, 1);
            ES.stop();
            Thread.sleep(20_000);
            ES.start();
            List<String> expected = produced.get(3, TimeUnit.MINUTES);
            assertDeliveredExactlyOnce(run, expected);
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    /** An index whose mapping refuses every alert: each goes to the dead-letter topic with the reason. */
    @Test
    void alertsElasticsearchRejectsGoToTheDeadLetterTopicWithTheServersReason() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(PARTITIONS, true);
        ES.request(
                "PUT",
                "/" + run.index,
                "{\"mappings\":{\"properties\":{\"host\":{\"properties\":{\"name\":{\"type\":\"integer\"}}}}}}");
        String job = run.submit("rocksdb");
        try {
            List<String> expected = produce(run.events, fleet(23, 2000), Duration.ZERO);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            List<JsonNode> dead = readCommitted(run.deadLetters);
            // Rejections are reported at once; the alerts topic shows alerts when a checkpoint commits.
            while ((dead.size() < expected.size() || readCommitted(run.alerts).size() < expected.size())
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
                dead = readCommitted(run.deadLetters);
            }
            assertThat(dead)
                    .extracting(d -> JSON.readTree(d.path("original").asText())
                            .path("kibana")
                            .path("alert")
                            .path("original_event")
                            .path("id")
                            .asText())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(dead).allSatisfy(d -> {
                assertThat(d.path("kind").asText()).isEqualTo("alert");
                assertThat(d.path("status").asInt()).isEqualTo(400);
                assertThat(d.path("reason").asText())
                        .startsWith("rejected by Elasticsearch")
                        .contains("host.name");
            });
            assertThat(ES.count(run.index)).isZero();
            assertThat(readCommitted(run.alerts)).hasSize(expected.size());
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    private static void awaitCheckpoint(String job, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (FLINK.rest().latestCompletedCheckpoint(job).orElse(0) < n) {
            assertThat(System.nanoTime())
                    .as("checkpoint %d of job %s: %s", n, job, FLINK.rest().exceptions(job))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void produceRaw(String topic, List<String> values) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** Sends the fleet's events keyed by host, spread over {@code over}; returns the expected alert event ids. */
    private static List<String> produce(String topic, FleetSimulator fleet, Duration over) {
        Properties props = producerProperties();
        List<SimulatedEvent> events = fleet.stream().collect(Collectors.toList());
        long pauseNanos = over.toNanos() / Math.max(1, events.size());
        List<String> expected = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i++) {
                SimulatedEvent e = events.get(i);
                producer.send(new ProducerRecord<>(topic, e.hostId().getBytes(StandardCharsets.UTF_8), e.jsonBytes()));
                if (e.expectedAlert()) {
                    expected.add(e.eventId());
                }
                long due = start + pauseNanos * i;
                while (pauseNanos > 0 && System.nanoTime() < due) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(ie);
                    }
                }
            }
            producer.flush();
        }
        assertThat(expected).as("the fleet plants attacks").isNotEmpty();
        return expected;
    }

    /**
     * Waits until Elasticsearch and the alerts topic hold as many alerts as expected, then two more
     * checkpoint intervals (a late duplicate would show), and compares the exact sets.
     */
    private static void assertDeliveredExactlyOnce(StreamJobRun run, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (countOrMinusOne(run.index) < expected.size()
                || readCommitted(run.alerts).size() < expected.size()) {
            assertThat(System.nanoTime())
                    .as(
                            "alerts did not all arrive: es=%d kafka=%d expected=%d",
                            countOrMinusOne(run.index),
                            readCommitted(run.alerts).size(),
                            expected.size())
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
        Thread.sleep(StreamJobRun.CHECKPOINT_INTERVAL.multipliedBy(2).toMillis());

        List<JsonNode> docs = ES.documents(run.index);
        assertThat(docs)
                .extracting(d -> d.path("kibana")
                        .path("alert")
                        .path("original_event")
                        .path("id")
                        .asText())
                .containsExactlyInAnyOrderElementsOf(expected);
        List<JsonNode> onTopic = readCommitted(run.alerts);
        assertThat(onTopic)
                .extracting(d -> d.path("kibana")
                        .path("alert")
                        .path("original_event")
                        .path("id")
                        .asText())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(onTopic)
                .extracting(d -> d.path("kibana").path("alert").path("uuid").asText())
                .doesNotHaveDuplicates();
    }

    /** A just-created index answers 503 until its shard is allocated: that is "not yet", not a failure. */
    private static long countOrMinusOne(String index) {
        try {
            return ES.count(index);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static List<JsonNode> readCommitted(String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                ReadCommittedConsumer.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(20))) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }
}
