package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamrules.job.testing.MiniClusterWithMetrics;
import dev.streamrules.udfs.alert.Alert;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink's retry paths, which a healthy Elasticsearch rarely takes, against a scripted fake bulk
 * endpoint: the first request fails as a whole (503); items answered 429 or 503 come back once;
 * 400s go to the handler; 409s count as already present. The fake keeps Elasticsearch's create
 * semantics, so "created exactly once" is checked on its side.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ElasticsearchAlertSinkRetryITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterWithMetrics CLUSTER = new MiniClusterWithMetrics();

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean failFirstRequest;
    /** Documents the fake holds, by id. */
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    /** Create operations received, by id. */
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @BeforeEach
    void startFakeElasticsearch() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/_bulk", this::bulk);
        server.start();
    }

    @AfterEach
    void stopFakeElasticsearch() {
        server.stop(0);
    }

    @Test
    void retriesWhatIsTransientRejectsWhatIsBrokenAndCreatesEverythingElseOnce() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            alerts.add(alert("ok-" + i));
        }
        for (int i = 0; i < 15; i++) {
            alerts.add(alert("busy-" + i));
            alerts.add(alert("down-" + i));
            alerts.add(alert("dup-" + i));
            stored.put("dup-" + i, "{}");
        }
        for (int i = 0; i < 3; i++) {
            alerts.add(alert("bad-" + i));
        }
        CollectingRejectedAlertHandler rejected = new CollectingRejectedAlertHandler();
        failFirstRequest = true;

        JobID job = MiniClusterWithMetrics.runAlerts(
                alerts, sink().setRejectedAlertHandler(rejected).build());

        List<String> expectedCreated = new ArrayList<>();
        alerts.stream()
                .map(Alert::getId)
                .filter(id -> !id.startsWith("bad-") && !id.startsWith("dup-"))
                .forEach(expectedCreated::add);
        assertThat(stored.keySet()).containsAll(expectedCreated).hasSize(expectedCreated.size() + 15);
        for (Alert alert : alerts) {
            if (expectedCreated.contains(alert.getId())) {
                assertThat(stored.get(alert.getId())).isEqualTo(alert.getDocument());
            }
        }
        assertThat(attempts.get("busy-3").get()).isGreaterThanOrEqualTo(2);
        assertThat(attempts.get("down-7").get()).isGreaterThanOrEqualTo(2);
        assertThat(rejected.rejected())
                .extracting(RejectedAlert::id)
                .containsExactlyInAnyOrder("bad-0", "bad-1", "bad-2");
        assertThat(rejected.rejected()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorType()).isEqualTo("mapper_parsing_exception");
            assertThat(r.reason()).isEqualTo("failed to parse field [kibana.alert.risk_score]");
        });

        assertThat(CLUSTER.counter(job, "alertsWritten")).isEqualTo(expectedCreated.size());
        assertThat(CLUSTER.counter(job, "alertsAlreadyPresent")).isEqualTo(15);
        assertThat(CLUSTER.counter(job, "alertsRejected")).isEqualTo(3);
        assertThat(CLUSTER.counter(job, "bulkRequestsFailed")).isEqualTo(1);
        assertThat(CLUSTER.counter(job, "alertsRetried")).isGreaterThanOrEqualTo(30);
    }

    @Test
    void withMaxRetriesTheJobFailsInsteadOfDroppingAnAlert() {
        List<Alert> alerts = List.of(alert("ok-1"), alert("always-busy-1"), alert("ok-2"));
        assertThatThrownBy(() -> MiniClusterWithMetrics.runAlerts(
                        alerts, sink().setMaxRetries(3).build()))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, ElasticsearchSinkException.class))
                        .hasValueSatisfying(cause -> assertThat(cause.getMessage())
                                .contains("after 3 retries")
                                .contains("429 es_rejected_execution_exception")));
        assertThat(attempts.get("always-busy-1").get()).isEqualTo(4);
    }

    // ---- the fake bulk endpoint ----

    private void bulk(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (requests.incrementAndGet() == 1 && failFirstRequest) {
            respond(exchange, 503, "{\"error\":{\"type\":\"master_not_discovered_exception\"},\"status\":503}");
            return;
        }
        String[] lines = body.split("\n");
        ObjectNode response = JSON.createObjectNode().put("errors", true);
        ArrayNode items = response.putArray("items");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            JsonNode action = JSON.readTree(lines[i]);
            String id = action.at("/create/_id").asText();
            int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            ObjectNode item = items.addObject().putObject("create").put("_id", id);
            if (id.startsWith("bad-")) {
                error(item, 400, "mapper_parsing_exception", "failed to parse field [kibana.alert.risk_score]");
            } else if (id.startsWith("always-busy-") || id.startsWith("busy-") && attempt == 1) {
                error(item, 429, "es_rejected_execution_exception", "rejected execution of coordinating operation");
            } else if (id.startsWith("down-") && attempt == 1) {
                error(item, 503, "unavailable_shards_exception", "primary shard is not active");
            } else if (stored.putIfAbsent(id, lines[i + 1]) != null) {
                error(item, 409, "version_conflict_engine_exception", "[" + id + "]: version conflict");
            } else {
                item.put("status", 201);
            }
        }
        respond(exchange, 200, response.toString());
    }

    private static void error(ObjectNode item, int status, String type, String reason) {
        item.put("status", status).putObject("error").put("type", type).put("reason", reason);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    // ---- helpers ----

    private ElasticsearchAlertSinkBuilder sink() {
        return ElasticsearchAlertSink.builder()
                .setHosts("http://127.0.0.1:" + server.getAddress().getPort())
                .setMaxBatchSize(20)
                .setMaxBufferedRequests(1000)
                .setInitialBackoff(Duration.ofMillis(10))
                .setMaxBackoff(Duration.ofMillis(50));
    }

    private static Alert alert(String id) {
        return new Alert(id, "host", "rule", "{\"kibana\":{\"alert\":{\"uuid\":\"" + id + "\"}}}", 0L);
    }
}
