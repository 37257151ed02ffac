package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, item 4: one run of 200,000 events through five {@code kill -9}s of the TaskManager and one
 * of the JobManager. The cluster has no high availability (it needs ZooKeeper or Kubernetes), so the
 * JobManager's crash takes the job with it: the JobManager is started again and the job resubmitted
 * from its newest retained checkpoint, as an operator would. Every expected alert arrives exactly once
 * in Elasticsearch and on the read_committed alerts topic, every malformed record exactly once on the
 * dead-letter topic. The cluster runs Flink's changelog state backend, as the local stack does: every
 * restore replays the state's change log on top of RocksDB's last materialized snapshot.
 */
class RepeatedCrashesEndToEndITCase {

    private static final int EVENTS = 200_000;
    private static final int ATTACK_EVERY = 500;
    private static final int MALFORMED_EVERY = 10_000;
    private static final int HOSTS = 50;
    private static final int TASK_MANAGER_KILLS = 5;
    private static final Duration SENDING = Duration.ofSeconds(80);

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final FlinkSessionCluster FLINK = new FlinkSessionCluster().withStateChangelog();

    /** The run's records, with what the job must make of them. */
    private record Planted(List<StreamJobRun.Event> records, List<String> attacks, List<String> malformed) {}

    @Test
    void fiveTaskManagerCrashesAndAJobManagerCrashLoseAndDuplicateNothing() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(3, true);
        Planted planted = plant();
        String job = run.submit("rocksdb");
        try {
            run.awaitCheckpoint(job, 1);
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> sending =
                    CompletableFuture.runAsync(() -> run.send(planted.records(), SENDING, sent));

            // Spread over the run: crash number k once k sevenths of the events are out.
            for (int k = 1; k <= TASK_MANAGER_KILLS; k++) {
                awaitSent(sent, (long) EVENTS * k / (TASK_MANAGER_KILLS + 2), sending);
                long before = latestCheckpoint(job);
                assertThat(FLINK.killTaskManager()).as("TaskManagers killed").isEqualTo(1);
                FLINK.startTaskManager();
                run.awaitCheckpoint(job, before + 1);
            }

            awaitSent(sent, (long) EVENTS * (TASK_MANAGER_KILLS + 1) / (TASK_MANAGER_KILLS + 2), sending);
            run.awaitCheckpoint(job, latestCheckpoint(job) + 1);
            FLINK.killJobManager();
            FLINK.restartJobManager();
            Path checkpoint = newestRetainedCheckpoint(FLINK.checkpointDir().resolve(job));
            job = run.submit("rocksdb", checkpoint);
            long restored = awaitRestored(job);
            assertThat(restored)
                    .as("the resubmitted job resumed from %s", checkpoint)
                    .isEqualTo(checkpointId(checkpoint));
            // Its first checkpoint is where a wrong claim mode fails (the changelog backend cannot
            // take the full snapshot NO_CLAIM demands), and the alerts topic commits only with it.
            run.awaitCheckpoint(job, restored + 1);

            sending.get(3, TimeUnit.MINUTES);
            run.assertDeliveredExactlyOnce(planted.attacks());
            try (Stream<Path> files = Files.walk(FLINK.changelogDir())) {
                assertThat(files.filter(Files::isRegularFile))
                        .as("state changes logged by the changelog backend")
                        .isNotEmpty();
            }
            assertThat(run.readCommitted(run.deadLetters))
                    .extracting(d -> d.path("original").asText())
                    .containsExactlyInAnyOrderElementsOf(planted.malformed());
        } finally {
            cancelLeavingErrorsVisible(job);
        }
    }

    /**
     * The test kills the JobManager: when that step is what failed, the cancel cannot reach one
     * either, and its error must not hide the test's own. The cluster is torn down after the class.
     */
    private static void cancelLeavingErrorsVisible(String job) {
        try {
            FLINK.rest().cancel(job);
        } catch (RuntimeException e) {
            System.err.println("could not cancel job " + job + " after the test: " + e);
        }
    }

    /**
     * 200,000 small process events on {@value #HOSTS} hosts; every {@value #ATTACK_EVERY}th a /proc/maps
     * read the seed rule alerts on, every {@value #MALFORMED_EVERY}th (offset by half) not JSON at all.
     */
    private static Planted plant() {
        List<StreamJobRun.Event> records = new ArrayList<>(EVENTS);
        List<String> attacks = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String host = "host-" + (i % HOSTS);
            String eventId = "evt-" + i;
            if (i % MALFORMED_EVERY == MALFORMED_EVERY / 2) {
                String garbage = "not json, record " + i;
                malformed.add(garbage);
                records.add(new StreamJobRun.Event(host, garbage));
            } else if (i % ATTACK_EVERY == 0) {
                attacks.add(eventId);
                records.add(new StreamJobRun.Event(
                        host,
                        EcsEventBuilder.procMapsRead()
                                .set("host.id", host)
                                .eventId(eventId)
                                .json()));
            } else {
                records.add(new StreamJobRun.Event(
                        host,
                        EcsEventBuilder.exec(host, "proc-" + i, null, "ls", "ls", "-l")
                                .eventId(eventId)
                                .json()));
            }
        }
        return new Planted(records, attacks, malformed);
    }

    private static void awaitSent(AtomicLong sent, long atLeast, CompletableFuture<Void> sending) {
        while (sent.get() < atLeast && !sending.isDone()) {
            pause();
        }
        sending.getNow(null); // rethrows when sending failed
    }

    /** The id of the checkpoint the job restored from, once it has. */
    private static long awaitRestored(String job) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (FLINK.rest().restoredCheckpoint(job).isEmpty()) {
            assertThat(System.nanoTime())
                    .as("job %s restored: %s", job, FLINK.rest().exceptions(job))
                    .isLessThan(deadline);
            pause();
        }
        return FLINK.rest().restoredCheckpoint(job).getAsLong();
    }

    private static long latestCheckpoint(String job) {
        return FLINK.rest().latestCompletedCheckpoint(job).orElse(0);
    }

    /**
     * The newest {@code chk-N} folder of the job that has its {@code _metadata}: a checkpoint in progress
     * at the crash has a folder but no metadata, and cannot be restored.
     */
    private static Path newestRetainedCheckpoint(Path jobCheckpoints) {
        try (Stream<Path> folders = Files.list(jobCheckpoints)) {
            return folders.filter(f -> f.getFileName().toString().startsWith("chk-"))
                    .filter(f -> Files.isRegularFile(f.resolve("_metadata")))
                    .max(Comparator.comparingLong(RepeatedCrashesEndToEndITCase::checkpointId))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint in " + jobCheckpoints));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long checkpointId(Path chk) {
        return Long.parseLong(chk.getFileName().toString().substring("chk-".length()));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
