package dev.streamrules.job.e2e;

import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One stream-mode job on the real servers, with fresh topics, index, group and transactional ids:
 * runs never see each other's data. The end-to-end tests differ only in what they do around it.
 */
final class StreamJobRun {

    static final Path JOB_JAR = Path.of("target", "detection-job.jar");
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

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
}
