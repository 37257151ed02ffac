package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.sink.JsonShrinker;
import dev.streamrules.job.testing.MiniClusterWithMetrics;
import dev.streamrules.job.testing.ReplayFixture;
import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink against a real Elasticsearch node, on a MiniCluster at parallelism 2: every alert lands
 * once with its document; a replay changes nothing; a mapping violation goes to the handler while the
 * rest lands; an outage of the node in the middle of a stream loses and duplicates nothing. Over 300
 * lines because the cases share one Elasticsearch node (starting one is the cost) and its read-back
 * helpers.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ElasticsearchAlertSinkITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterWithMetrics CLUSTER = new MiniClusterWithMetrics();

    private static ElasticsearchNode node;
    private static RestClient rest;
    private static ElasticsearchClient es;

    @BeforeAll
    static void startElasticsearch() throws Exception {
        node = ElasticsearchNode.launch();
        rest = RestClient.builder(HttpHost.create(node.url())).build();
        es = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        AlertsIndexTemplate.install(rest);
    }

    @AfterAll
    static void stopElasticsearch() throws Exception {
        if (rest != null) {
            rest.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void writesEveryAlertOnceWithItsDocument() throws Exception {
        String index = "streamrules-alerts-it-written";
        List<Alert> alerts = new ArrayList<>(syntheticAlerts("w", 300));
        alerts.addAll(realAlerts());
        CollectingRejectedAlertHandler rejected = new CollectingRejectedAlertHandler();

        JobID job = MiniClusterWithMetrics.runAlerts(
                alerts,
                sink(index)
                        .setMaxBatchSize(50)
                        .setRejectedAlertHandler(rejected)
                        .build());

        assertThat(rejected.rejected()).isEmpty();
        assertThat(count(index)).isEqualTo(alerts.size());
        Map<String, JsonNode> stored = fetch(index, alerts);
        for (Alert alert : alerts) {
            assertThat(stored.get(alert.getId()))
                    .as("document of %s", alert.getId())
                    .isEqualTo(JSON.readTree(alert.getDocument()));
        }
        assertThat(CLUSTER.counter(job, "alertsWritten")).isEqualTo(alerts.size());
        assertThat(CLUSTER.counter(job, "alertsAlreadyPresent")).isZero();
        // The template applied: risk_score is a float, the command line keyword has its text sub-field.
        String mapping = get("/" + index + "/_mapping/field/kibana.alert.risk_score,process.command_line.text");
        assertThat(mapping).contains("\"float\"").contains("\"text\"");
    }

    @Test
    void writingTheSameAlertsAgainChangesNothing() throws Exception {
        String index = "streamrules-alerts-it-replayed";
        List<Alert> alerts = syntheticAlerts("r", 200);

        JobID first = MiniClusterWithMetrics.runAlerts(alerts, sink(index).build());
        JobID second = MiniClusterWithMetrics.runAlerts(alerts, sink(index).build());

        assertThat(count(index)).isEqualTo(alerts.size());
        assertThat(CLUSTER.counter(first, "alertsWritten")).isEqualTo(alerts.size());
        assertThat(CLUSTER.counter(second, "alertsWritten")).isZero();
        assertThat(CLUSTER.counter(second, "alertsAlreadyPresent")).isEqualTo(alerts.size());
        // create never overwrites: every document is still at its first version
        for (MultiGetResponseItem<ObjectNode> doc : mget(index, alerts).docs()) {
            assertThat(doc.result().version()).isEqualTo(1L);
        }
    }

    @Test
    void aDocumentViolatingTheMappingGoesToTheHandlerAndTheOthersLandTheTooLargeOneShrunk() throws Exception {
        String index = "streamrules-alerts-it-mapping";
        request(
                "PUT",
                "/" + index,
                "{\"mappings\":{\"properties\":{\"kibana\":{\"properties\":{\"alert\":"
                        + "{\"properties\":{\"risk_score\":{\"type\":\"integer\"}}}}}}}}");
        List<Alert> alerts = new ArrayList<>(syntheticAlerts("m", 100));
        Alert badRiskScore = alert(
                "m-bad",
                "{\"@timestamp\":\"2026-11-01T00:00:00Z\","
                        + "\"kibana\":{\"alert\":{\"uuid\":\"m-bad\",\"risk_score\":\"high\"}}}");
        Alert tooLarge = alert(
                "m-large",
                "{\"kibana\":{\"alert\":{\"uuid\":\"m-large\"}},\"padding\":\"" + "x".repeat(300_000) + "\"}");
        alerts.add(40, badRiskScore);
        alerts.add(70, tooLarge);
        CollectingRejectedAlertHandler rejected = new CollectingRejectedAlertHandler();

        JobID job = MiniClusterWithMetrics.runAlerts(
                alerts,
                sink(index)
                        .setMaxRecordSizeInBytes(100_000)
                        .setMaxBatchSizeInBytes(1_000_000)
                        .setRejectedAlertHandler(rejected)
                        .build());

        assertThat(rejected.rejected()).extracting(RejectedAlert::id).containsExactly(badRiskScore.getId());
        RejectedAlert mapping = rejected.rejected().stream()
                .filter(r -> r.id().equals(badRiskScore.getId()))
                .findFirst()
                .orElseThrow();
        assertThat(mapping.status()).isEqualTo(400);
        assertThat(mapping.errorType()).isEqualTo("document_parsing_exception");
        assertThat(mapping.reason()).contains("kibana.alert.risk_score").contains("integer");
        assertThat(mapping.document()).isEqualTo(badRiskScore.getDocument());

        // Over maxRecordSizeInBytes: written shrunk (see BoundedAlert), not rejected.
        assertThat(count(index)).isEqualTo(alerts.size() - 1);
        Map<String, JsonNode> stored = fetch(index, alerts);
        assertThat(stored.keySet()).doesNotContain(badRiskScore.getId()).hasSize(alerts.size() - 1);
        JsonNode large = stored.get(tooLarge.getId());
        assertThat(large.at("/kibana/alert/original_truncated").asBoolean()).isTrue();
        assertThat(large.path("padding").asText()).startsWith("xxx").endsWith(JsonShrinker.MARKER);
        assertThat(CLUSTER.counter(job, "alertsRejected")).isEqualTo(1);
        assertThat(CLUSTER.counter(job, "alertsTruncated")).isEqualTo(1);
    }

    @Test
    void anOutageOfElasticsearchLosesAndDuplicatesNothing() throws Exception {
        String index = "streamrules-alerts-it-outage";
        int total = 300;
        double perSecond = 20; // a 15 s stream, stretched by the outage: the sink back-pressures the source

        StreamExecutionEnvironment env = MiniClusterWithMetrics.environmentWithoutRestarts();
        env.enableCheckpointing(1000);
        DataGeneratorSource<Alert> source = new DataGeneratorSource<>(
                new OutageAlerts(), total, RateLimiterStrategy.perSecond(perSecond), TypeInformation.of(Alert.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Slow alerts")
                .uid("slow-alerts")
                .sinkTo(sink(index)
                        .setInitialBackoff(Duration.ofMillis(100))
                        .setMaxBackoff(Duration.ofSeconds(2))
                        .setRequestTimeout(Duration.ofSeconds(5))
                        .setConnectTimeout(Duration.ofSeconds(1))
                        .build())
                .uid("es-sink")
                .name("Elasticsearch");
        JobClient job = env.executeAsync("outage");

        awaitCount(index, 40, Duration.ofSeconds(60));
        long outageStart = System.nanoTime();
        node.stop();
        Thread.sleep(12_000);
        node.start(); // ~7 s until healthy: about 20 s without Elasticsearch
        long outageSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - outageStart);
        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS).isTerminalState())
                .as("the job was still running when Elasticsearch came back after %d s", outageSeconds)
                .isFalse();

        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        List<Alert> expected = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            expected.add(new OutageAlerts().map(i));
        }
        assertThat(count(index)).isEqualTo(total);
        assertThat(fetch(index, expected)).hasSize(total);
        assertThat(CLUSTER.counter(job.getJobID(), "bulkRequestsFailed"))
                .as("requests failed during the outage")
                .isPositive();
        assertThat(CLUSTER.counter(job.getJobID(), "alertsWritten")
                        + CLUSTER.counter(job.getJobID(), "alertsAlreadyPresent"))
                .isGreaterThanOrEqualTo(total);
    }

    /** Alerts for the outage test, made from their sequence number. */
    static final class OutageAlerts implements GeneratorFunction<Long, Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public Alert map(Long i) {
            String id = "o-" + i;
            return alert(
                    id,
                    "{\"@timestamp\":\"2026-11-01T00:00:00Z\",\"host\":{\"id\":\"h-" + (i % 7) + "\"},"
                            + "\"kibana\":{\"alert\":{\"uuid\":\"" + id + "\",\"risk_score\":47}}}");
        }
    }

    // ---- helpers ----

    private static ElasticsearchAlertSinkBuilder sink(String index) {
        return ElasticsearchAlertSink.builder()
                .setHosts(node.url())
                .setIndex(index)
                .setMaxBackoff(Duration.ofSeconds(2));
    }

    static Alert alert(String id, String document) {
        return new Alert(id, "host", "rule", document, 0L);
    }

    /** Alerts with ids and content that need escaping, unicode, and a pretty-printed (multi-line) document. */
    private static List<Alert> syntheticAlerts(String prefix, int n) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i + (i % 10 == 3 ? "-\"quoted\\back\"" : "") + (i % 10 == 4 ? "-ünï" : "");
            String commandLine = "cat /proc/" + i + "/maps \\\"x\\\" \\t ö";
            String doc;
            if (i % 25 == 7) {
                doc = "{\n  \"@timestamp\": \"2026-11-01T00:00:0" + (i % 10) + "Z\",\n  \"process\": {\n"
                        + "    \"command_line\": \"" + commandLine + "\"\n  },\n"
                        + "  \"kibana\": {\"alert\": {\"uuid\": \"x\", \"risk_score\": 47.5}}\r\n}\n";
            } else {
                doc = "{\"@timestamp\":\"2026-11-01T00:00:00.000000001Z\",\"event\":{\"kind\":\"signal\"},"
                        + "\"host\":{\"id\":\"h-" + (i % 5) + "\",\"name\":\"web-" + i + "\"},\"user\":{\"id\":" + i
                        + "},"
                        + "\"process\":{\"pid\":" + (1000 + i) + ",\"command_line\":\"" + commandLine + "\","
                        + "\"args\":[\"cat\",\"/proc/" + i + "/maps\"]},"
                        + "\"kibana\":{\"alert\":{\"uuid\":\"" + i + "\",\"risk_score\":47,\"severity\":\"medium\","
                        + "\"reason\":\"line one\\nline two\"}}}";
            }
            alerts.add(alert(id, doc));
        }
        return alerts;
    }

    /** Alerts as the rule job builds them, from the job's replay fixture events. */
    private static List<Alert> realAlerts() {
        EcsEventParser parser = new EcsEventParser();
        AlertBuilder builder = new AlertBuilder(ProcMapsDiscoveryRule.RULE);
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String event = ReplayFixture.exec("host-" + i, "real-" + i, "bash", "cat", "/proc/" + i + "/maps");
            ParseResult parsed =
                    parser.parse(RawRecord.line("fixture", i, event.getBytes(StandardCharsets.UTF_8), false));
            assertThat(parsed.isValid()).as(parsed.toString()).isTrue();
            alerts.add(builder.build(parsed.event(), 1_790_000_000_000L + i));
        }
        return alerts;
    }

    private static long count(String index) throws IOException {
        es.indices().refresh(r -> r.index(index));
        return es.count(c -> c.index(index)).count();
    }

    private static void awaitCount(String index, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (count(index) >= atLeast) {
                    return;
                }
            } catch (Exception notYet) {
                // index not created yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + atLeast + " documents in " + index + " after " + timeout);
    }

    private static MgetResponse<ObjectNode> mget(String index, List<Alert> alerts) throws IOException {
        List<String> ids = alerts.stream().map(Alert::getId).collect(Collectors.toList());
        return es.mget(m -> m.index(index).ids(ids), ObjectNode.class);
    }

    /** Stored sources by id, for the alerts that exist. */
    private static Map<String, JsonNode> fetch(String index, List<Alert> alerts) throws IOException {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        for (MultiGetResponseItem<ObjectNode> doc : mget(index, alerts).docs()) {
            if (doc.isResult() && doc.result().found()) {
                out.put(doc.result().id(), doc.result().source());
            }
        }
        return out;
    }

    private static String get(String endpoint) throws IOException {
        return request("GET", endpoint, null);
    }

    private static String request(String method, String endpoint, String body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setJsonEntity(body);
        }
        return new String(rest.performRequest(request).getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }
}
