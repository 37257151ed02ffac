package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.tools.sim.FleetSimulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
            List<String> malformed = List.of("not json", "{\"event\":{\"id\":\"dup\",\"id\":\"dup\"}}", "[1,2]");
            run.sendRaw(malformed);
            List<String> expected = run.send(fleet(11, 3000), Duration.ZERO);
            run.assertDeliveredExactlyOnce(expected);
            List<JsonNode> dead = run.readCommitted(run.deadLetters);
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

    /**
     * Kill -9 of the TaskManager after the Nth completed checkpoint, while events keep coming. One
     * point is enough here: RepeatedCrashesEndToEndITCase kills it five times over one run.
     */
    @ParameterizedTest(name = "TaskManager killed after checkpoint {0}")
    @ValueSource(ints = {3})
    void survivesATaskManagerKilledMidStream(int afterCheckpoint) throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(PARTITIONS, true);
        String job = run.submit("rocksdb");
        try {
            CompletableFuture<List<String>> produced = CompletableFuture.supplyAsync(
                    () -> run.send(fleet(100 + afterCheckpoint, 4000), Duration.ofSeconds(20)));
            run.awaitCheckpoint(job, afterCheckpoint);
            FLINK.killTaskManager();
            FLINK.startTaskManager();
            List<String> expected = produced.get(3, TimeUnit.MINUTES);
            run.assertDeliveredExactlyOnce(expected);
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
                    CompletableFuture.supplyAsync(() -> run.send(fleet(7, 4000), Duration.ofSeconds(30)));
            run.awaitCheckpoint(job, 1);
            ES.stop();
            Thread.sleep(20_000);
            ES.start();
            List<String> expected = produced.get(3, TimeUnit.MINUTES);
            run.assertDeliveredExactlyOnce(expected);
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
            List<String> expected = run.send(fleet(23, 2000), Duration.ZERO);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            List<JsonNode> dead = run.readCommitted(run.deadLetters);
            // Rejections are reported at once; the alerts topic shows alerts when a checkpoint commits.
            while ((dead.size() < expected.size()
                            || run.readCommitted(run.alerts).size() < expected.size())
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
                dead = run.readCommitted(run.deadLetters);
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
            assertThat(run.readCommitted(run.alerts)).hasSize(expected.size());
        } finally {
            FLINK.rest().cancel(job);
        }
    }
}
