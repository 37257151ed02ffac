package dev.streamrules.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Shared test documents: one baseline event that the /proc/maps rule matches, plus small editing
 * helpers (nested set/remove, dotted-key variants) so each test case states only what it changes.
 */
public final class EventFixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    public static final String FILE = "events.ndjson";

    private static final String BASELINE = "{"
            + "\"@timestamp\":\"2024-05-01T12:00:00.123456789Z\","
            + "\"host\":{\"id\":\"host-1\",\"name\":\"web-01\",\"os\":{\"type\":\"linux\"}},"
            + "\"event\":{\"id\":\"evt-1\",\"kind\":\"event\",\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\"},"
            + "\"process\":{\"pid\":4242,\"name\":\"cat\",\"executable\":\"/usr/bin/cat\","
            + "\"args\":[\"cat\",\"/proc/1234/maps\"],\"command_line\":\"cat /proc/1234/maps\","
            + "\"entry_leader\":{\"name\":\"bash\",\"entry_meta\":{\"type\":\"sshd\"}}},"
            + "\"user\":{\"name\":\"alice\"}}";

    private EventFixtures() {}

    /** A fresh copy of the baseline matching document. */
    public static ObjectNode baseline() {
        return (ObjectNode) tree(BASELINE);
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a nested path ({@code a.b.c} means {"a":{"b":{"c":..}}}), creating objects on the way. */
    public static ObjectNode set(ObjectNode doc, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode parent = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.withObjectProperty(parts[i]);
        }
        parent.set(parts[parts.length - 1], node(value));
        return doc;
    }

    /** Removes a nested path; missing parents are fine. */
    public static ObjectNode remove(ObjectNode doc, String path) {
        String[] parts = path.split("\\.");
        JsonNode parent = doc;
        for (int i = 0; i < parts.length - 1 && parent != null; i++) {
            parent = parent.get(parts[i]);
        }
        if (parent instanceof ObjectNode) {
            ((ObjectNode) parent).remove(parts[parts.length - 1]);
        }
        return doc;
    }

    /** Adds a top-level key spelled with dots, e.g. {@code "process.name": "cat"}. */
    public static ObjectNode key(ObjectNode doc, String dottedKey, Object value) {
        doc.set(dottedKey, node(value));
        return doc;
    }

    /** Moves the nested value at {@code path} to a top-level dotted key. */
    public static ObjectNode dotted(ObjectNode doc, String path) {
        JsonNode value = doc.at("/" + path.replace('.', '/'));
        remove(doc, path);
        return key(doc, path, value);
    }

    /** Every leaf of {@code node} by its dotted path (arrays are leaves). */
    public static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        collectLeaves(node, "", out);
        return out;
    }

    /** The same document with every leaf as a top-level dotted key. */
    public static ObjectNode fullyDotted(ObjectNode doc) {
        ObjectNode out = JSON.createObjectNode();
        leaves(doc).forEach(out::set);
        return out;
    }

    private static void collectLeaves(JsonNode node, String path, Map<String, JsonNode> out) {
        if (node instanceof ObjectNode) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                collectLeaves(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out);
            }
        } else {
            out.put(path, node);
        }
    }

    public static JsonNode node(Object value) {
        if (value == null) {
            return NullNode.instance;
        }
        if (value instanceof JsonNode) {
            return (JsonNode) value;
        }
        return JSON.valueToTree(value);
    }

    /** A JSON array node of the given elements (which may include nulls). */
    public static JsonNode array(Object... elements) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Object e : elements) {
            nodes.add(node(e));
        }
        return JSON.createArrayNode().addAll(nodes);
    }

    public static RawRecord line(String json, long lineNumber) {
        return RawRecord.line(FILE, lineNumber, json.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Parses a document that must be valid. */
    public static EcsEvent parse(String json) {
        return parse(json, 1);
    }

    public static EcsEvent parse(String json, long lineNumber) {
        ParseResult result = new EcsEventParser().parse(line(json, lineNumber));
        assertThat(result.isValid()).as("valid: %s", result).isTrue();
        return result.event();
    }
}
