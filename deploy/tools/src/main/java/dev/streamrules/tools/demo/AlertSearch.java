package dev.streamrules.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads alert documents back from Elasticsearch over plain HTTP ({@code java.net.http}), as a user
 * would see them: no refresh is forced, a document counts once a search returns it. Only doc values
 * of the few fields shown are fetched, never the source, so a poll costs little.
 */
final class AlertSearch {

    /** One alert document as the live view shows it. */
    record Hit(
            String id,
            String sourceEventId,
            String hostName,
            String userName,
            String commandLine,
            String entryLeader,
            String entryType,
            long timestampMillis,
            long treeWaitMillis,
            String groupId,
            boolean buildingBlock) {

        /** A sequence alert: its shell or one of its building blocks. */
        boolean inGroup() {
            return groupId != null;
        }
    }

    /** One poll: the window's documents and the number of documents in the whole index. */
    record Poll(List<Hit> hits, long indexTotal) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Present on the documents of a sequence alert (mapped dynamically: absent until the first one). */
    private static final String GROUP_ID = "kibana.alert.group.id";

    private static final String[] FIELDS = {
        "kibana.alert.original_event.id",
        "host.name",
        "user.name",
        "process.command_line",
        "process.entry_leader.name",
        "process.entry_leader.entry_meta.type",
        "process_tree.entry_leader.name",
        "process_tree.waited_ms",
        GROUP_ID,
        "kibana.alert.building_block_type"
    };
    private static final int WINDOW_SIZE = 10_000;
    private static final int SCAN_PAGE = 5_000;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String searchUrl;
    private final String countUrl;

    AlertSearch(String esUrl, String index) {
        String encoded = URLEncoder.encode(index, StandardCharsets.UTF_8);
        this.searchUrl = esUrl + "/" + encoded + "/_search?ignore_unavailable=true&allow_no_indices=true";
        this.countUrl = esUrl + "/" + encoded + "/_count?ignore_unavailable=true&allow_no_indices=true";
    }

    /** Documents in the index; 0 when it does not exist yet. */
    long count() throws IOException, InterruptedException {
        return post(countUrl, "{}").path("count").asLong();
    }

    /**
     * Documents whose {@code @timestamp} (detection time) is at or after {@code fromMillis}, oldest
     * first, plus the total in the index: when the total exceeds what the caller has seen, some
     * document fell outside the window and {@link #scanAll()} finds it.
     */
    Poll poll(long fromMillis) throws IOException, InterruptedException {
        ObjectNode body = baseQuery(WINDOW_SIZE);
        body.putObject("query")
                .putObject("range")
                .putObject("@timestamp")
                .put("gte", fromMillis)
                .put("format", "epoch_millis");
        body.putArray("sort").addObject().put("@timestamp", "asc");
        body.putObject("aggs").putObject("everything").putObject("global");
        JsonNode answer = post(searchUrl, JSON.writeValueAsString(body));
        return new Poll(
                hits(answer),
                answer.path("aggregations").path("everything").path("doc_count").asLong(0));
    }

    /** Every document in the index, page by page in alert-id order. */
    List<Hit> scanAll() throws IOException, InterruptedException {
        List<Hit> all = new ArrayList<>();
        String after = null;
        while (true) {
            ObjectNode body = baseQuery(SCAN_PAGE);
            body.putArray("sort").addObject().put("kibana.alert.uuid", "asc");
            if (after != null) {
                body.putArray("search_after").add(after);
            }
            JsonNode answer = post(searchUrl, JSON.writeValueAsString(body));
            JsonNode hits = answer.path("hits").path("hits");
            all.addAll(hits(answer));
            if (hits.size() < SCAN_PAGE) {
                return all;
            }
            after = hits.get(hits.size() - 1).path("sort").path(0).asText();
        }
    }

    /**
     * The sources of every sequence alert document (shells and building blocks), only the fields that
     * tell them apart ({@link AlertGroups}).
     */
    List<JsonNode> scanGroupDocuments() throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            ObjectNode body = JSON.createObjectNode();
            body.put("size", SCAN_PAGE);
            body.put("track_total_hits", false);
            body.putObject("query").putObject("exists").put("field", GROUP_ID);
            body.putObject("_source")
                    .putArray("includes")
                    .add("kibana.alert.uuid")
                    .add("kibana.alert.group.*")
                    .add("kibana.alert.building_block_type")
                    .add("kibana.alert.ancestors.*")
                    .add("kibana.alert.rule.rule_id")
                    .add("kibana.alert.original_event.id");
            body.putArray("sort").addObject().put("kibana.alert.uuid", "asc");
            if (after != null) {
                body.putArray("search_after").add(after);
            }
            JsonNode hits =
                    post(searchUrl, JSON.writeValueAsString(body)).path("hits").path("hits");
            hits.forEach(hit -> all.add(hit.path("_source")));
            if (hits.size() < SCAN_PAGE) {
                return all;
            }
            after = hits.get(hits.size() - 1).path("sort").path(0).asText();
        }
    }

    private static ObjectNode baseQuery(int size) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", size);
        body.put("track_total_hits", false);
        body.put("_source", false);
        ArrayNode fields = body.putArray("docvalue_fields");
        for (String f : FIELDS) {
            fields.add(f);
        }
        fields.addObject().put("field", "@timestamp").put("format", "epoch_millis");
        return body;
    }

    private static List<Hit> hits(JsonNode answer) {
        List<Hit> out = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode f = hit.path("fields");
            String leader = first(f, "process.entry_leader.name");
            if (leader == null) {
                leader = first(f, "process_tree.entry_leader.name");
            }
            String ts = first(f, "@timestamp");
            String waited = first(f, "process_tree.waited_ms");
            out.add(new Hit(
                    hit.path("_id").asText(),
                    first(f, "kibana.alert.original_event.id"),
                    first(f, "host.name"),
                    first(f, "user.name"),
                    first(f, "process.command_line"),
                    leader,
                    first(f, "process.entry_leader.entry_meta.type"),
                    ts == null ? 0L : (long) Double.parseDouble(ts),
                    waited == null ? -1L : (long) Double.parseDouble(waited),
                    first(f, GROUP_ID),
                    first(f, "kibana.alert.building_block_type") != null));
        }
        return out;
    }

    private static String first(JsonNode fields, String name) {
        JsonNode values = fields.path(name);
        return values.isArray() && values.size() > 0 ? values.get(0).asText() : null;
    }

    private JsonNode post(String url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Elasticsearch answered HTTP " + response.statusCode() + " to " + url + ": "
                    + abbreviate(response.body()));
        }
        return JSON.readTree(response.body());
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
