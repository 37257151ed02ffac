package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.job.sink.AttackEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10 on a real cluster (the cluster jar submitted over REST, real Kafka and Elasticsearch): a
 * valid attack event whose alert exceeds Kafka's 1 MiB cannot stop detection; a missing dead-letter
 * topic is refused before the job starts, with the reason in the REST answer and the JobManager log;
 * an Elasticsearch outage does not stop checkpoints nor the Kafka alerts topic.
 */
class HardeningEndToEndITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final FlinkSessionCluster FLINK = new FlinkSessionCluster();

    @Test
    void thePoisonPillOfIssue10IsAlertedShrunkAndTheAttackBehindItToo() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(2, true);
        String job = run.submit("hashmap");
        try {
            run.sendRaw(List.of(
                    AttackEvents.ofSize("host-p", "evt-poison", AttackEvents.POISON_PILL_BYTES),
                    AttackEvents.ofSize("host-q", "evt-after", 1500)));

            run.await(
                    "both alerts in Elasticsearch and on the alerts topic",
                    Duration.ofMinutes(2),
                    () -> run.alertsInElasticsearch() == 2
                            && run.readCommitted(run.alerts).size() == 2,
                    job);

            // Elasticsearch takes up to 5 MiB per alert: whole there; shrunk below 1 MiB on the topic.
            assertThat(byEvent(ES.documents(run.index)))
                    .containsOnlyKeys("evt-poison", "evt-after")
                    .allSatisfy((event, alert) -> assertThat(truncated(alert)).isFalse());
            Map<String, JsonNode> onTopic = byEvent(run.readCommitted(run.alerts));
            assertThat(onTopic).containsOnlyKeys("evt-poison", "evt-after");
            assertThat(truncated(onTopic.get("evt-poison"))).isTrue();
            assertThat(truncated(onTopic.get("evt-after"))).isFalse();
            assertThat(FLINK.rest().jobStatus(job)).isEqualTo("RUNNING");
            assertThat(FLINK.rest().exceptions(job)).as("the job never failed").contains("\"entries\":[]");
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    @Test
    void aMissingDeadLetterTopicIsRefusedOverRestWithTheReasonInTheAnswerAndTheLog() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(2, false);
        String expected = "--kafka.dead-letter-topic: topic " + run.deadLetters + " does not exist";

        assertThatThrownBy(() -> run.submit("hashmap"))
                .hasMessageContaining(expected)
                .hasMessageContaining("fix: create it, correct the name, or pass --kafka.create-topics true");
        try (Stream<Path> logs = Files.list(FLINK.logDir())) {
            assertThat(logs.filter(f -> f.getFileName().toString().contains("jobmanager")
                                    || f.getFileName().toString().contains("standalonesession"))
                            .anyMatch(f -> contains(f, expected)))
                    .as("the JobManager log names the problem")
                    .isTrue();
        }
    }

    @Test
    void checkpointsAndTheAlertsTopicKeepCommittingWhileElasticsearchIsDown() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(2, true);
        String job = run.submit("hashmap");
        try {
            run.await("a first checkpoint", Duration.ofMinutes(1), () -> run.latestCheckpoint(job) >= 1, job);
            List<String> before = attacks("before", 20);
            run.sendRaw(before);
            run.await("alerts before the outage", Duration.ofMinutes(1), () -> run.alertsInElasticsearch() == 20, job);

            ES.stop();
            long checkpointAtStop = run.latestCheckpoint(job);
            run.sendRaw(attacks("during", 40));
            run.await(
                    "the alerts topic commits during the outage",
                    Duration.ofSeconds(90),
                    () -> run.readCommitted(run.alerts).size() == 60
                            && run.latestCheckpoint(job) >= checkpointAtStop + 3,
                    job);
            assertThat(ES.isRunning()).isFalse();

            ES.start();
            run.await("Elasticsearch catches up", Duration.ofMinutes(2), () -> run.alertsInElasticsearch() == 60, job);
            Thread.sleep(StreamJobRun.CHECKPOINT_INTERVAL.multipliedBy(2).toMillis());
            for (List<JsonNode> alerts : List.of(ES.documents(run.index), run.readCommitted(run.alerts))) {
                assertThat(alerts)
                        .extracting(a -> a.at("/kibana/alert/ancestors/0/id").asText())
                        .doesNotHaveDuplicates()
                        .hasSize(60);
            }
            assertThat(MetricNameCollisions.count(FLINK.logDir()))
                    .as("name collisions of the job's own metrics")
                    .isZero();
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    private static Map<String, JsonNode> byEvent(List<JsonNode> alerts) {
        return alerts.stream()
                .collect(Collectors.toMap(
                        a -> a.at("/kibana/alert/ancestors/0/id").asText(), a -> a));
    }

    private static boolean truncated(JsonNode alert) {
        return alert.at("/kibana/alert/original_truncated").asBoolean(false);
    }

    private static List<String> attacks(String prefix, int n) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(AttackEvents.ofSize("host-" + (i % 7), prefix + "-" + i, 1500));
        }
        return events;
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
