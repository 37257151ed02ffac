package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.job.e2e.servers.PrivateCa;
import dev.streamrules.job.preflight.Preflight;
import dev.streamrules.job.preflight.Problem;
import dev.streamrules.job.testing.LocalJar;
import dev.streamrules.tools.kafka.ReadCommittedConsumer;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, item 5, for real: Kafka over SASL_SSL (SCRAM-SHA-512, a private CA, the job configured
 * only through {@code --kafka.properties.*}) and Elasticsearch over https with an API key (the node
 * build has no security module: {@link ElasticsearchNode#withHttpsFront} puts a TLS endpoint that
 * demands the key in front of it). The job reads events and writes alerts and dead letters exactly
 * once across a TaskManager crash, and its secrets appear in no log and no REST answer; a wrong CA, a
 * wrong credential and an expired certificate are each refused by the preflight with one line (the
 * local jar: exit status 2; over REST: the answer); a key refused at run time fails the job after its
 * restart budget.
 *
 * <p>Over 300 lines: each refusal (wrong CA, wrong key, expired certificate, for Kafka and
 * Elasticsearch) is one short case sharing the secured servers and their option builder.
 */
class SecuredConnectionsEndToEndITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final PrivateCa CA = PrivateCa.create("streamrules");
    private static final PrivateCa OTHER_CA = PrivateCa.create("other");
    private static final PrivateCa.ServerIdentity SERVER = CA.issue("server");
    private static final PrivateCa.ServerIdentity EXPIRED = CA.issueExpired("expired");

    private static final String KAFKA_USER = "streamrules";
    private static final String KAFKA_PASSWORD = PrivateCa.randomSecret();
    private static final String API_KEY = Base64.getEncoder()
            .encodeToString(("key" + PrivateCa.randomSecret() + ":" + PrivateCa.randomSecret())
                    .getBytes(StandardCharsets.UTF_8));

    /** What must never be shown, and what to call it in a failure message. */
    private static final Map<String, String> SECRET_NAMES = Map.of(
            KAFKA_PASSWORD,
            "the Kafka password",
            API_KEY,
            "the API key",
            "ScramLoginModule required username",
            "the JAAS config");

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker()
            .withSaslSslListener("SECURE", SERVER)
            .withSaslSslListener("EXPIRED", EXPIRED)
            .withScramUser(KAFKA_USER, KAFKA_PASSWORD);

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode()
            .withHttpsFront("secure", SERVER, API_KEY)
            .withHttpsFront("expired", EXPIRED, API_KEY);

    /** A killed TaskManager is noticed at once by its lost connection; the heartbeat only has to survive load. */
    @RegisterExtension
    static final FlinkSessionCluster FLINK = new FlinkSessionCluster().withConfig("heartbeat.timeout", "20s");

    @TempDir
    static Path dir;

    @Test
    void alertsAndDeadLettersCrossSaslSslAndHttpsExactlyOnceAndNoSecretIsShown() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(2, true);
        String job = run.submit("hashmap", secured(Map.of()));
        try {
            run.await(
                    "a first checkpoint",
                    Duration.ofMinutes(3),
                    () -> FLINK.rest().latestCompletedCheckpoint(job).orElse(0) >= 1,
                    job);
            KAFKA.produce(run.events, attacks("before", 20));
            KAFKA.produce(run.events, List.of("not json before", "[\"not an object before\"]"));
            run.await(
                    "alerts and dead letters before the crash",
                    Duration.ofMinutes(3),
                    () -> delivered(run).equals(List.of(20L, 20L, 2L)),
                    job);

            FLINK.killTaskManager();
            FLINK.startTaskManager();
            KAFKA.produce(run.events, attacks("after", 20));
            KAFKA.produce(run.events, List.of("not json after"));
            run.await(
                    "alerts and dead letters after the crash",
                    Duration.ofMinutes(3),
                    () -> delivered(run).equals(List.of(40L, 40L, 3L)),
                    job);
            // a replay that wrote twice would show now, a few checkpoints later
            Thread.sleep(StreamJobRun.CHECKPOINT_INTERVAL.multipliedBy(3).toMillis());

            assertThat(ES.documents(run.index))
                    .extracting(a -> a.at("/kibana/alert/ancestors/0/id").asText())
                    .doesNotHaveDuplicates()
                    .hasSize(40);
            assertThat(committed(run.alerts))
                    .extracting(a -> a.at("/kibana/alert/ancestors/0/id").asText())
                    .doesNotHaveDuplicates()
                    .hasSize(40);
            assertThat(committed(run.deadLetters))
                    .extracting(d -> d.path("original").asText())
                    .containsExactlyInAnyOrder("not json before", "[\"not an object before\"]", "not json after");
            assertThat(FLINK.rest().restoredCheckpoint(job))
                    .as("recovered from a checkpoint")
                    .isPresent();
            assertThat(ES.refusedRequests("secure")).isZero();

            assertThat(secretsShown(job))
                    .as("secrets in the cluster's logs and REST answers")
                    .isEmpty();
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    /** Each mistake, the job's only change from the working setup, and the line the preflight prints. */
    static Stream<Arguments> mistakes() throws IOException {
        Path wrongKey = Files.writeString(dir.resolve("wrong-api-key"), API_KEY.replace('a', 'b') + "x");
        return Stream.of(
                Arguments.of(
                        "Kafka: wrong CA",
                        Map.of(
                                "kafka.properties.ssl.truststore.location",
                                OTHER_CA.certificatePem().toString()),
                        "--kafka.properties.ssl.truststore.location: Kafka at 127.0.0.1:%s presents a certificate"
                                + " no trusted CA signed",
                        "fix: give the CA certificate that signed the broker's"),
                Arguments.of(
                        "Kafka: wrong password",
                        Map.of("kafka.properties.sasl.jaas.config", jaas(KAFKA_PASSWORD + "x")),
                        "--kafka.properties.sasl.jaas.config: Kafka at 127.0.0.1:%s refused the credentials",
                        "fix: correct the user name and password"),
                Arguments.of(
                        "Kafka: expired certificate",
                        Map.of("kafka.bootstrap-servers", "EXPIRED"),
                        "--kafka.bootstrap-servers: Kafka at 127.0.0.1:%s presents an expired certificate",
                        "fix: renew the broker's certificate"),
                Arguments.of(
                        "Elasticsearch: wrong CA",
                        Map.of("es.ca-file", OTHER_CA.certificatePem().toString()),
                        "--es.ca-file: Elasticsearch at [%s] presents a certificate no trusted CA signed",
                        "fix: give the CA certificate (PEM) that signed Elasticsearch's certificate"),
                Arguments.of(
                        "Elasticsearch: wrong API key",
                        Map.of("es.api-key-file", wrongKey.toString()),
                        "--es.api-key-file: Elasticsearch refused the credentials (HTTP 401)",
                        "fix: give a valid API key"),
                Arguments.of(
                        "Elasticsearch: expired certificate",
                        Map.of("es.hosts", "expired"),
                        "--es.hosts: Elasticsearch at [%s] presents an expired certificate",
                        "fix: renew Elasticsearch's http certificate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void thePreflightRefusesEachMistakeWithOneLine(
            String mistake, Map<String, String> change, String problem, String fix) {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(1, true);
        Map<String, String> options = withMistake(change);

        List<Problem> problems =
                new Preflight(JobConfig.fromArgs(run.args("hashmap", options).toArray(String[]::new))).run();

        assertThat(problems)
                .singleElement()
                .extracting(Problem::line)
                .asString()
                .startsWith(String.format(problem, server(problem, options)))
                .contains("; " + fix)
                .doesNotContain(KAFKA_PASSWORD)
                .doesNotContain(API_KEY);
    }

    @Test
    void theLocalJarPrintsTheOneLineAndExitsWithStatus2() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(1, true);
        Map<String, String> options =
                withMistake(Map.of("kafka.properties.sasl.jaas.config", jaas(KAFKA_PASSWORD + "x")));

        LocalJar.Run refused = LocalJar.run(dir, run.args("hashmap", options).toArray(String[]::new));

        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(2);
        assertThat(refused.stderr().lines().filter(l -> l.startsWith("error: ")))
                .singleElement()
                .asString()
                .startsWith("error: --kafka.properties.sasl.jaas.config: Kafka at "
                        + options.get("kafka.bootstrap-servers") + " refused the credentials");
        assertThat(refused.stderr() + refused.stdout())
                .doesNotContain(KAFKA_PASSWORD)
                .doesNotContain(API_KEY);
    }

    /** The secured options with {@code change}; the listener or front called EXPIRED/expired resolved. */
    private static Map<String, String> withMistake(Map<String, String> change) {
        Map<String, String> options = new LinkedHashMap<>(change);
        if ("EXPIRED".equals(options.get("kafka.bootstrap-servers"))) {
            options.put("kafka.bootstrap-servers", KAFKA.bootstrapServers("EXPIRED"));
        }
        if ("expired".equals(options.get("es.hosts"))) {
            options.put("es.hosts", ES.httpsUrl("expired"));
        }
        return secured(options);
    }

    /** What the problem line names as the server: the Kafka port, or the Elasticsearch URL. */
    private static String server(String problem, Map<String, String> options) {
        return problem.startsWith("--kafka")
                ? options.get("kafka.bootstrap-servers").substring("127.0.0.1:".length())
                : options.get("es.hosts");
    }

    @Test
    void overRestTheRefusalIsTheAnswerToTheSubmission() {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(1, true);
        assertThatThrownBy(() -> run.submit(
                        "hashmap",
                        secured(Map.of("es.ca-file", OTHER_CA.certificatePem().toString()))))
                .hasMessageContaining("--es.ca-file: Elasticsearch at [" + ES.httpsUrl("secure")
                        + "] presents a certificate no trusted CA signed");
    }

    @Test
    void aKeyRefusedAtRunTimeFailsTheJobAfterItsRestartBudgetWithTheReason() throws Exception {
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK).createTopics(1, true);
        Path revoked = Files.writeString(dir.resolve("revoked-api-key"), API_KEY.replace('a', 'c') + "y");
        String job = run.submit(
                "hashmap",
                secured(Map.of(
                        "es.api-key-file", revoked.toString(),
                        "preflight", "false",
                        "restart.attempts", "3",
                        "restart.max-backoff", "1s")));
        int refusedBefore = ES.refusedRequests("secure");
        KAFKA.produce(run.events, attacks("revoked", 1));

        FLINK.rest().awaitJobStatus(job, Duration.ofMinutes(3), "FAILED");
        assertThat(FLINK.rest().exceptions(job)).contains("refused the sink's credentials (HTTP 401)");
        assertThat(ES.refusedRequests("secure")).isGreaterThan(refusedBefore);
    }

    /** The working secured setup, {@code overrides} applied: nothing but options on the command line. */
    private static Map<String, String> secured(Map<String, String> overrides) {
        Path apiKeyFile = dir.resolve("api-key");
        try {
            Files.writeString(apiKeyFile, API_KEY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap-servers", KAFKA.bootstrapServers("SECURE"));
        options.put("kafka.properties.security.protocol", "SASL_SSL");
        options.put("kafka.properties.sasl.mechanism", KafkaBroker.SCRAM);
        options.put("kafka.properties.sasl.jaas.config", jaas(KAFKA_PASSWORD));
        options.put("kafka.properties.ssl.truststore.type", "PEM");
        options.put(
                "kafka.properties.ssl.truststore.location", CA.certificatePem().toString());
        options.put("es.hosts", ES.httpsUrl("secure"));
        options.put("es.ca-file", CA.certificatePem().toString());
        options.put("es.api-key-file", apiKeyFile.toString());
        // TLS and SCRAM on a loaded test machine may take seconds; the refusals do not wait for it
        options.put("preflight.timeout", "60s");
        options.putAll(overrides);
        return options;
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + KAFKA_USER
                + "\" password=\"" + password + "\";";
    }

    /** Every place of the cluster's logs and REST answers that shows the password, the API key or the JAAS text. */
    private static List<String> secretsShown(String job) throws IOException {
        Map<String, String> places = new LinkedHashMap<>();
        for (String path : List.of(
                "/jobs/" + job + "/config",
                "/jobs/" + job + "/jobmanager/config",
                "/jobs/" + job + "/plan",
                "/jobs/" + job,
                "/jobs/" + job + "/exceptions",
                "/jobmanager/config")) {
            places.put("GET " + path, FLINK.rest().get(path));
        }
        try (Stream<Path> logs = Files.list(FLINK.logDir())) {
            for (Path log : logs.collect(Collectors.toList())) {
                places.put(log.toString(), Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }
        List<String> shown = new ArrayList<>();
        places.forEach((place, text) -> {
            for (String secret : SECRET_NAMES.keySet()) {
                if (text.contains(secret)) {
                    shown.add(place + " shows " + SECRET_NAMES.get(secret));
                }
            }
        });
        assertThat(places.get("GET /jobs/" + job + "/config"))
                .as("the job's config was read")
                .contains(job);
        return shown;
    }

    /** Documents in Elasticsearch, committed alerts, committed dead letters. */
    private static List<Long> delivered(StreamJobRun run) {
        long documents;
        try {
            documents = ES.count(run.index);
        } catch (RuntimeException notYetAllocated) {
            documents = -1;
        }
        return List.of(documents, (long) committed(run.alerts).size(), (long)
                committed(run.deadLetters).size());
    }

    private static List<JsonNode> committed(String topic) {
        List<JsonNode> values = new ArrayList<>();
        ReadCommittedConsumer.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(20))
                .forEach(r -> {
                    try {
                        values.add(JSON.readTree(r.value()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return values;
    }

    private static List<String> attacks(String prefix, int n) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(EcsEventBuilder.procMapsRead()
                    .set("host.id", "host-" + (i % 5))
                    .eventId(prefix + "-" + i)
                    .json());
        }
        return events;
    }
}
