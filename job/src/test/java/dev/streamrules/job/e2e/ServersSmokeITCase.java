package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.JobJars;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.tools.kafka.ReadCommittedConsumer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three real servers the end-to-end tests run against, started side by side: a transactional
 * record through Kafka read with read_committed, a document through Elasticsearch, and a job on the
 * Flink session cluster surviving the {@code kill -9} of its TaskManager.
 */
class ServersSmokeITCase {

    private static KafkaBroker kafka;
    private static ElasticsearchNode elasticsearch;
    private static FlinkSessionCluster flink;

    @BeforeAll
    static void startServers() {
        CompletableFuture<KafkaBroker> k = CompletableFuture.supplyAsync(KafkaBroker::launch);
        CompletableFuture<ElasticsearchNode> e = CompletableFuture.supplyAsync(ElasticsearchNode::launch);
        CompletableFuture<FlinkSessionCluster> f = CompletableFuture.supplyAsync(FlinkSessionCluster::launch);
        // Keep what started, so that @AfterAll stops it even when another one failed.
        kafka = k.exceptionally(x -> null).join();
        elasticsearch = e.exceptionally(x -> null).join();
        flink = f.exceptionally(x -> null).join();
        CompletableFuture.allOf(k, e, f).join();
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[] {flink, elasticsearch, kafka}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // the next one still gets stopped
            }
        }
    }

    @Test
    void kafkaDeliversACommittedTransactionToReadCommittedConsumers() {
        kafka.createTopic("smoke", 2);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "smoke-producer",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                900_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("smoke", 0, "host-1", "hello"));
            producer.commitTransaction();
        }

        // The commit markers reach the partitions after commitTransaction() returns: poll until they do.
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (ReadCommittedConsumer consumer = new ReadCommittedConsumer(kafka.bootstrapServers(), "smoke")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                received.addAll(consumer.catchUp(Duration.ofMillis(500)));
            }
        }
        assertThat(received).singleElement().satisfies(record -> {
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("host-1");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("hello");
        });
    }

    @Test
    void elasticsearchIndexesAndCountsADocument() {
        assertThat(elasticsearch.count("smoke")).isZero();
        elasticsearch.index("smoke", "doc-1", "{\"host\":{\"id\":\"host-1\"},\"event\":{\"kind\":\"signal\"}}");
        assertThat(elasticsearch.count("smoke")).isEqualTo(1);
        assertThat(elasticsearch.documents("smoke"))
                .singleElement()
                .satisfies(
                        doc -> assertThat(doc.path("host").path("id").asText()).isEqualTo("host-1"));
    }

    @Test
    void flinkJobSurvivesTheKillOfItsTaskManager(@TempDir Path tmp) {
        assertThat(flink.rest().overview().path("taskmanagers").asInt()).isEqualTo(1);
        String jobId = flink.rest().submit(JobJars.jarOf(CountingJob.class, tmp), 2, List.of());
        flink.rest().awaitJobStatus(jobId, Duration.ofSeconds(30), "RUNNING");
        awaitCondition(
                Duration.ofSeconds(30),
                () -> flink.rest().latestCompletedCheckpoint(jobId).isPresent(),
                "a completed checkpoint");

        assertThat(flink.killTaskManager()).isEqualTo(1);
        flink.startTaskManager();
        assertThat(flink.rest().registeredTaskManagers()).contains("tm-2");

        awaitCondition(
                Duration.ofSeconds(45),
                () -> flink.rest().restoredCheckpoint(jobId).isPresent()
                        && "RUNNING".equals(flink.rest().jobStatus(jobId)),
                "the job running again, restored from a checkpoint");
        flink.rest().cancel(jobId);
        assertThat(flink.rest().jobStatus(jobId)).isEqualTo("CANCELED");
    }

    private static void awaitCondition(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
