package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.tools.demo.AlertGroups;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sequence rule on the real cluster (the cluster jar over REST, real Kafka and Elasticsearch) across a
 * {@code kill -9} of the TaskManager: the first steps of every attack are sent and checkpointed before
 * the kill, the last steps after it, so each attack is half matched in state when the TaskManager dies.
 * Every attack gives exactly one alert group (a shell and one building block per event) in
 * Elasticsearch and on the read_committed alerts topic; the near misses (shell outside maxspan, shell
 * of another parent, python ended before the shell) give none.
 *
 * <p>The rule is the project's {@code python_one_liner_started_interactive_shell}: {@code sequence by
 * host.id with maxspan=30s [python -c] by process.entity_id [sh -i] by process.parent.entity_id until
 * [end] by process.entity_id}.
 */
class SequenceEndToEndITCase {

    private static final String RULE_ID = "8898aba2-5493-4569-90f1-f839be4e07b6";
    private static final Path SEQUENCE_RULES =
            Path.of("").toAbsolutePath().getParent().resolve("deploy/rules/sequences");
    private static final int PARTITIONS = 2;
    private static final int ATTACKS = 12;

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final FlinkSessionCluster FLINK = new FlinkSessionCluster();

    /** Event time of the run: the events are stamped from here, whatever the wall clock does. */
    private final Instant t0 = Instant.now().minusSeconds(600);

    @Test
    void halfMatchedSequencesSurviveATaskManagerKillAndAlertExactlyOnce() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(PARTITIONS, true);
        // Every partition gets events and ticks: none may be declared idle and let the other's watermark
        // overtake its events (as a slow restart could), hence the long idleness.
        String job = run.withArgs(
                        "--rules",
                        SEQUENCE_RULES.toString(),
                        "--watermark.out-of-orderness",
                        "1s",
                        "--watermark.idleness",
                        "10m")
                .submit("rocksdb");
        try {
            List<String> expected = new ArrayList<>();
            List<ProducerRecord<byte[], byte[]>> firstSteps = new ArrayList<>();
            List<ProducerRecord<byte[], byte[]>> lastSteps = new ArrayList<>();
            for (int i = 0; i < ATTACKS; i++) {
                String host = "host-" + i;
                firstSteps.add(record(run, host, python(host, "py-" + i, i, 0)));
                lastSteps.add(record(run, host, shell(host, "sh-" + i, "py-" + i, i, 10)));
                expected.add("SEQ " + RULE_ID + " py-" + i + ",sh-" + i);
            }
            // Near misses, each on its own host: the shell 31 s after python (maxspan 30 s), a shell whose
            // parent is another process, python ended before its shell (until).
            firstSteps.add(record(run, "late", python("late", "py-late", 0, 0)));
            lastSteps.add(record(run, "late", shell("late", "sh-late", "py-late", 0, 31)));
            firstSteps.add(record(run, "other", python("other", "py-other", 0, 0)));
            lastSteps.add(record(run, "other", shell("other", "sh-other", "someone-else", 0, 10)));
            firstSteps.add(record(run, "ended", python("ended", "py-ended", 0, 0)));
            firstSteps.add(record(run, "ended", end("ended", "py-ended-end", "py-ended", 5)));
            lastSteps.add(record(run, "ended", shell("ended", "sh-ended", "py-ended", 0, 10)));

            run.awaitCheckpoint(job, 1);
            // First steps, then a tick past them on every partition: the watermark moves beyond the first
            // steps, so they sit in the matcher's state as pending sequences, not only in Kafka.
            produce(firstSteps);
            produce(ticks(run, 6));
            long afterFirstSteps = run.latestCheckpoint(job);
            run.awaitCheckpoint(job, afterFirstSteps + 2);

            FLINK.killTaskManager();
            FLINK.startTaskManager();
            produce(lastSteps);
            // Far ahead on every partition: the watermark passes every last step, so the sequences complete.
            produce(ticks(run, 120));

            run.await(
                    "every alert group in Elasticsearch and on the alerts topic",
                    Duration.ofMinutes(2),
                    () -> run.alertsInElasticsearch() >= 3L * ATTACKS
                            && run.readCommitted(run.alerts).size() >= 3 * ATTACKS,
                    job);
            // Two more checkpoints: a late duplicate or a near miss would show by then.
            run.awaitCheckpoint(job, run.latestCheckpoint(job) + 2);

            assertThat(FLINK.rest().restoredCheckpoint(job))
                    .as("job restored from a checkpoint")
                    .isPresent();
            for (List<JsonNode> documents : List.of(ES.documents(run.index), run.readCommitted(run.alerts))) {
                AlertGroups groups = AlertGroups.of(documents);
                assertThat(groups.shellLines()).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(groups.blockMembers()).isEqualTo(groups.shellMembers());
                assertThat(groups.singleEventIds()).isEmpty();
                assertThat(documents)
                        .extracting(d -> d.at("/kibana/alert/uuid").asText())
                        .doesNotHaveDuplicates()
                        .hasSize(3 * ATTACKS);
            }
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    /** {@code python3 -c ...} exec of {@code entityId} on {@code host}, {@code second} s into attack {@code i}. */
    private String python(String host, String entityId, int i, int second) {
        return EcsEventBuilder.exec(host, entityId, "sshd-" + host, "python3", "python3", "-c", "import pty")
                .eventId(entityId)
                .timestamp(at(i, second))
                .json();
    }

    private String shell(String host, String entityId, String parentId, int i, int second) {
        return EcsEventBuilder.exec(host, entityId, parentId, "sh", "sh", "-i")
                .eventId(entityId)
                .timestamp(at(i, second))
                .json();
    }

    private String end(String host, String eventId, String entityId, int second) {
        return EcsEventBuilder.end(host, entityId)
                .eventId(eventId)
                .timestamp(at(0, second))
                .json();
    }

    /** Attack {@code i} starts {@code i} ms after t0. */
    private Instant at(int i, int second) {
        return t0.plusMillis(i).plusSeconds(second);
    }

    /** An event no rule matches, {@code seconds} after t0, on every partition: moves event time forward. */
    private List<ProducerRecord<byte[], byte[]>> ticks(StreamJobRun run, int seconds) {
        List<ProducerRecord<byte[], byte[]>> ticks = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            String json = EcsEventBuilder.fork("tick", "tick-" + seconds + "-" + p)
                    .eventId("tick-" + seconds + "-" + p)
                    .timestamp(t0.plusSeconds(seconds))
                    .json();
            ticks.add(new ProducerRecord<>(run.events, p, null, json.getBytes(StandardCharsets.UTF_8)));
        }
        return ticks;
    }

    private static ProducerRecord<byte[], byte[]> record(StreamJobRun run, String host, String json) {
        return new ProducerRecord<>(
                run.events, host.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    private static void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }
}
