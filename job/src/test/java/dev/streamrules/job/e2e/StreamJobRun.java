package dev.streamrules.job.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.tools.kafka.ReadCommittedConsumer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One stream-mode job on the real servers, with fresh topics, index, group and transactional ids:
 * runs never see each other's data. The end-to-end tests differ only in what they do around it.
 */
final class StreamJobRun {

    static final Path JOB_JAR = Path.of("target", "detection-job.jar");
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String events = "events-" + id;
    final String alerts = "alerts-" + id;
    final String deadLetters = "dead-" + id;
    final String index = "streamrules-alerts-" + id;

    private final KafkaBroker kafka;
    private final ElasticsearchNode es;
    private final FlinkSessionCluster flink;

    StreamJobRun(KafkaBroker kafka, ElasticsearchNode es, FlinkSessionCluster flink) {
        this.kafka = kafka;
        this.es = es;
        this.flink = flink;
    }

    /** Creates the event and alert topics, and the dead-letter topic unless a test wants it missing. */
    StreamJobRun createTopics(int partitions, boolean withDeadLetters) {
        kafka.createTopic(events, partitions);
        kafka.createTopic(alerts, partitions);
        if (withDeadLetters) {
            kafka.createTopic(deadLetters, 1);
        }
        return this;
    }

    /** Submits the cluster jar over REST at parallelism 2; returns the job id. */
    String submit(String stateBackend) {
        return submit(stateBackend, Map.of());
    }

    /**
     * Submits the cluster jar over REST at parallelism 2, with {@code overrides} (option without its
     * {@code --}, to value) replacing or adding to this run's options; returns the job id.
     */
    String submit(String stateBackend, Map<String, String> overrides) {
        return flink.rest().submit(JOB_JAR, 2, args(stateBackend, overrides));
    }

    /** This run's command line ({@code --option value ...}), {@code overrides} applied. */
    List<String> args(String stateBackend, Map<String, String> overrides) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("mode", "stream");
        options.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        options.put("kafka.topics", events);
        options.put("kafka.alerts-topic", alerts);
        options.put("kafka.dead-letter-topic", deadLetters);
        options.put("kafka.group-id", "group-" + id);
        options.put("kafka.transactional-id-prefix", "tx-" + id);
        options.put("kafka.transaction-timeout", "2m");
        options.put("es.hosts", es.url());
        options.put("es.index", index);
        options.put("es.install-template", "true");
        options.put("checkpoint.interval", CHECKPOINT_INTERVAL.toMillis() + "ms");
        options.put("state.backend", stateBackend);
        options.putAll(overrides);
        List<String> args = new ArrayList<>();
        options.forEach((option, value) -> {
            args.add("--" + option);
            args.add(value);
        });
        return args;
    }

    /**
     * Submits the cluster jar over REST at parallelism 2, with {@code more} job arguments after the
     * run's own (e.g. {@code --rules}); returns the job id.
     */
    String submit(String stateBackend, String... more) {
        List<String> args = new ArrayList<>(args(stateBackend, Map.of()));
        args.addAll(List.of(more));
        return flink.rest().submit(JOB_JAR, 2, args);
    }

    /** Waits for the job's {@code n}th completed checkpoint. */
    void awaitCheckpoint(String job, long n) throws InterruptedException {
        await("checkpoint " + n, Duration.ofMinutes(2), () -> latestCheckpoint(job) >= n, job);
    }

    long latestCheckpoint(String job) {
        return flink.rest().latestCompletedCheckpoint(job).orElse(0);
    }

    /** Waits until {@code done} holds, failing with the job's exceptions after {@code timeout}. */
    void await(String what, Duration timeout, BooleanSupplier done, String job) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; job exceptions: "
                        + flink.rest().exceptions(job));
            }
            Thread.sleep(500);
        }
    }

    /** Alerts in the run's index; -1 while the index does not answer (a new index is 503 until allocated). */
    long alertsInElasticsearch() {
        try {
            return es.count(index);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Every committed record of the run's alerts topic, read with isolation.level=read_committed. */
    List<JsonNode> committedAlerts() {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> r :
                    ReadCommittedConsumer.readAll(kafka.bootstrapServers(), alerts, Duration.ofSeconds(20))) {
                out.add(JSON.readTree(r.value()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
