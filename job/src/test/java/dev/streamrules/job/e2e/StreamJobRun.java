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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One stream-mode job on the real servers, with fresh topics, index, group and transactional ids:
 * runs never see each other's data. The end-to-end tests differ only in what they do around it: this
 * class also sends their events and reads back what the job delivered.
 */
final class StreamJobRun {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    private final List<String> extraArgs = new ArrayList<>();

    /** {@code flink} may be {@code null} for a run that a test submits itself (a MiniCluster's). */
    StreamJobRun(KafkaBroker kafka, ElasticsearchNode es, FlinkSessionCluster flink) {
        this.kafka = kafka;
        this.es = es;
        this.flink = flink;
    }

    /**
     * Creates the event and alert topics, and the dead-letter topic unless a test wants it missing. The
     * event topic takes records up to 4 MiB, so that records over the parser's 1 MiB limit reach the job.
     */
    StreamJobRun createTopics(int partitions, boolean withDeadLetters) {
        kafka.createTopic(events, partitions, Map.of("max.message.bytes", String.valueOf(4 << 20)));
        kafka.createTopic(alerts, partitions);
        if (withDeadLetters) {
            kafka.createTopic(deadLetters, 1);
        }
        return this;
    }

    /** Adds command-line options to every submission (e.g. {@code --rules}). */
    StreamJobRun withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** Submits the cluster jar over REST at parallelism 2; returns the job id. */
    String submit(String stateBackend) {
        return flink.rest().submit(JOB_JAR, 2, args(stateBackend), null);
    }

    /**
     * Submits the cluster jar over REST at parallelism 2, with {@code overrides} (option without its
     * {@code --}, to value) replacing or adding to this run's options; returns the job id.
     */
    String submit(String stateBackend, Map<String, String> overrides) {
        return flink.rest().submit(JOB_JAR, 2, args(stateBackend, overrides), null);
    }

    /** As {@link #submit(String)}, resuming from a retained checkpoint or savepoint folder. */
    String submit(String stateBackend, Path restoreFrom) {
        return flink.rest().submit(JOB_JAR, 2, args(stateBackend), restoreFrom);
    }

    /** The job's command line for this run: its servers, topics, index and ids, then {@link #withArgs}. */
    List<String> args(String stateBackend) {
        return args(stateBackend, Map.of());
    }

    /** This run's command line ({@code --option value ...}) with {@code overrides} applied, then {@link #withArgs}. */
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
        args.addAll(extraArgs);
        return args;
    }

    /** One record for the events topic: the host id as key, as the fleet's shippers send them. */
    record Event(String hostId, byte[] value) {
        Event(String hostId, String value) {
            this(hostId, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sends unkeyed {@code values} to the events topic at once. */
    void sendRaw(List<String> values) {
        send(values.stream().map(v -> new Event(null, v)).toList(), Duration.ZERO, new AtomicLong());
    }

    /** Sends the fleet's events, spread evenly over {@code over}; returns the expected alerts' event ids. */
    List<String> send(FleetSimulator fleet, Duration over) {
        List<Event> records = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (SimulatedEvent e : fleet) {
            records.add(new Event(e.hostId(), e.jsonBytes()));
            if (e.expectedAlert()) {
                expected.add(e.eventId());
            }
        }
        send(records, over, new AtomicLong());
        assertThat(expected).as("the fleet plants attacks").isNotEmpty();
        return expected;
    }

    /**
     * Sends {@code records} to the events topic, spread evenly over {@code over} (acknowledged by all
     * replicas); {@code sent} counts them as they go, for tests that act in the middle of a run.
     */
    void send(List<Event> records, Duration over, AtomicLong sent) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Records over 1 MiB reach topics that allow them (the parser's limit is tested too).
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
        long pauseNanos = over.toNanos() / Math.max(1, records.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                Event e = records.get(i);
                byte[] key = e.hostId() == null ? null : e.hostId().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(events, key, e.value()));
                sent.incrementAndGet();
                long aheadMillis = (start + pauseNanos * i - System.nanoTime()) / 1_000_000;
                if (aheadMillis > 0) {
                    sleep(aheadMillis);
                }
            }
            producer.flush();
        }
    }

    /** Waits until the job has completed checkpoint {@code n} (ids keep growing across restores). */
    void awaitCheckpoint(String job, long n) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (latestCheckpoint(job) < n) {
            assertThat(System.nanoTime())
                    .as("checkpoint %d of job %s: %s", n, job, flink.rest().exceptions(job))
                    .isLessThan(deadline);
            sleep(200);
        }
    }

    long latestCheckpoint(String job) {
        return flink.rest().latestCompletedCheckpoint(job).orElse(0);
    }

    /** Waits until {@code done} holds, failing with the job's exceptions after {@code timeout}. */
    void await(String what, Duration timeout, BooleanSupplier done, String job) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; job exceptions: "
                        + flink.rest().exceptions(job));
            }
            sleep(500);
        }
    }

    /**
     * Waits until Elasticsearch and the alerts topic hold as many alerts as expected, then two more
     * checkpoint intervals (a late duplicate would show), and compares the exact sets of source event ids.
     */
    void assertDeliveredExactlyOnce(List<String> expectedEventIds) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (alertsInElasticsearch() < expectedEventIds.size()
                || readCommitted(alerts).size() < expectedEventIds.size()) {
            assertThat(System.nanoTime())
                    .as(
                            "alerts did not all arrive: es=%d kafka=%d expected=%d",
                            alertsInElasticsearch(), readCommitted(alerts).size(), expectedEventIds.size())
                    .isLessThan(deadline);
            sleep(500);
        }
        sleep(CHECKPOINT_INTERVAL.multipliedBy(2).toMillis());

        assertThat(es.documents(index))
                .extracting(StreamJobRun::sourceEventId)
                .containsExactlyInAnyOrderElementsOf(expectedEventIds);
        List<JsonNode> onTopic = readCommitted(alerts);
        assertThat(onTopic)
                .extracting(StreamJobRun::sourceEventId)
                .containsExactlyInAnyOrderElementsOf(expectedEventIds);
        assertThat(onTopic)
                .extracting(d -> d.path("kibana").path("alert").path("uuid").asText())
                .doesNotHaveDuplicates();
    }

    private static String sourceEventId(JsonNode alert) {
        return alert.path("kibana")
                .path("alert")
                .path("original_event")
                .path("id")
                .asText();
    }

    /** The alerts in the index; -1 while a just-created index answers 503 (its shard not yet allocated). */
    long alertsInElasticsearch() {
        try {
            return es.count(index);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Every committed value of {@code topic} (isolation.level=read_committed), as JSON. */
    List<JsonNode> readCommitted(String topic) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                ReadCommittedConsumer.readAll(kafka.bootstrapServers(), topic, Duration.ofSeconds(20))) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
