package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.job.Streams;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.job.preflight.Preflight;
import dev.streamrules.job.stream.StreamRun;
import dev.streamrules.job.testing.MiniClusterWithMetrics;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 1, at job level: the production stream job (Kafka in; Elasticsearch, the alerts topic
 * and the dead-letter topic out; restarts allowed as in production) on a MiniCluster, fed random ECS
 * documents ({@link RandomEcsDocuments}) with seed-rule attacks planted among them. Whatever the
 * documents, every record read is either an event or a dead letter, the job never restarts, and every
 * planted attack alerts exactly once. The seed is printed; {@code -Dproperty.seed=N} replays a run.
 */
class RandomEventsPropertyITCase {

    private static final int DOCUMENTS = 300;

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final MiniClusterWithMetrics CLUSTER = new MiniClusterWithMetrics();

    @TempDir
    Path checkpoints;

    @Test
    void everyRecordIsAnEventOrADeadLetterNoRestartAndEveryPlantedAttackAlertsOnce() throws Exception {
        long seed = Long.getLong("property.seed", System.nanoTime());
        System.out.println("RandomEventsPropertyITCase seed=" + seed + " (replay: -Dproperty.seed=" + seed + ")");
        RandomEcsDocuments docs = RandomEcsDocuments.generate(seed, DOCUMENTS);
        StreamJobRun run = new StreamJobRun(KAFKA, ES, null).createTopics(2, true);
        List<String> args = new ArrayList<>(run.args("hashmap"));
        args.addAll(List.of("--checkpoint.dir", checkpoints.toUri().toString()));
        JobConfig config = JobConfig.fromArgs(args.toArray(new String[0]));
        assertThat(new Preflight(config).run()).as("preflight problems").isEmpty();

        JobClient client = new StreamRun(config, List.of(ProcMapsDiscoveryRule.RULE))
                .environment()
                .executeAsync("random documents, seed " + seed);
        JobID job = client.getJobID();
        try {
            run.send(docs.records, Duration.ZERO, new AtomicLong());
            awaitRead(job, docs.records.size(), seed);

            long read = CLUSTER.counter(job, Streams.RECORDS_READ);
            long valid = CLUSTER.counter(job, Streams.RECORDS_VALID);
            long dead = CLUSTER.counter(job, Streams.RECORDS_DEAD);
            assertThat(read).as("seed %d: read", seed).isEqualTo(docs.records.size());
            assertThat(valid + dead)
                    .as("seed %d: valid + dead letters = read", seed)
                    .isEqualTo(read);
            assertThat(dead)
                    .as("seed %d: at least the records that cannot be events", seed)
                    .isGreaterThanOrEqualTo(docs.certainlyDead.size());

            run.assertDeliveredExactlyOnce(docs.attacks);
            List<JsonNode> letters = run.readCommitted(run.deadLetters).stream()
                    .filter(d -> "event".equals(d.path("kind").asText()))
                    .toList();
            assertThat(letters)
                    .as("seed %d: one dead letter on the topic per dead-lettered record", seed)
                    .extracting(d -> d.path("partition").asText() + "@"
                            + d.path("offset").asText())
                    .doesNotHaveDuplicates()
                    .hasSize((int) dead);
            assertThat(CLUSTER.gauge(job, "numRestarts"))
                    .as("seed %d: restarts", seed)
                    .isZero();
        } finally {
            client.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static void awaitRead(JobID job, long n, long seed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!CLUSTER.registered(job, Streams.RECORDS_READ) || CLUSTER.counter(job, Streams.RECORDS_READ) < n) {
            assertThat(System.nanoTime())
                    .as("seed %d: %d records read", seed, n)
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
