package dev.streamrules.udfs.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way tests build ECS events: Elastic Defend style Linux process events (fork, exec, end) or
 * the document the /proc/maps rule matches ({@link #procMapsRead()}), edited fluently, then written as
 * JSON ({@link #json()}) or parsed with the real parser ({@link #event()}). Fields are set only when a
 * test asks for them, so a test can leave out exactly what a truncated document or another source
 * would lack; {@link #set}, {@link #remove}, {@link #key} and {@link #dotted} edit any path, for the
 * cases that are about the document's shape. Shared with other modules through udfs' test-jar.
 *
 * <p>Over 300 lines on purpose: it is the single fluent API for every kind of test event, so that no
 * other builder of events is needed.
 */
public final class EcsEventBuilder {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** The source name of records this builder writes ({@link #record(long)}). */
    public static final String FILE = "events.ndjson";

    private static final EcsEventParser PARSER = new EcsEventParser();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");

    private final ObjectNode doc;

    private EcsEventBuilder(ObjectNode doc) {
        this.doc = doc;
    }

    private EcsEventBuilder(String action, String host, String entityId) {
        this(JSON.createObjectNode());
        long n = SEQUENCE.incrementAndGet();
        doc.put("@timestamp", BASE.plusMillis(n).toString());
        ObjectNode event = doc.putObject("event");
        event.put("kind", "event");
        event.putArray("category").add("process");
        event.putArray("type").add("end".equals(action) ? "end" : "start");
        event.put("action", action);
        event.put("id", "evt-" + n);
        ObjectNode h = doc.putObject("host");
        h.put("id", host);
        h.put("name", host + ".example");
        h.putObject("os").put("type", "linux");
        ObjectNode user = doc.putObject("user");
        user.put("id", 1000);
        user.put("name", "alice");
        ObjectNode process = doc.putObject("process");
        if (entityId != null) {
            process.put("entity_id", entityId);
        }
    }

    // ---------------------------------------------------------------- starting points

    public static EcsEventBuilder exec(String host, String entityId) {
        return new EcsEventBuilder("exec", host, entityId);
    }

    public static EcsEventBuilder fork(String host, String entityId) {
        return new EcsEventBuilder("fork", host, entityId);
    }

    public static EcsEventBuilder end(String host, String entityId) {
        return new EcsEventBuilder("end", host, entityId);
    }

    /** Shortcut: {@code exec} of {@code name} with args, pid and parent set. */
    public static EcsEventBuilder exec(String host, String entityId, String parentId, String name, String... args) {
        EcsEventBuilder e = exec(host, entityId)
                .name(name)
                .executable("/usr/bin/" + name)
                .pid(Math.abs(entityId.hashCode() % 30000) + 2);
        e.args(args.length == 0 ? new String[] {name} : args);
        return parentId == null ? e : e.parent(parentId);
    }

    /**
     * A read of a process's memory map the /proc/maps discovery rule alerts on: {@code cat /proc/1234/maps}
     * on {@code host-1}, launched from an SSH session whose entry leader is {@code bash}. Each rule test
     * case changes only what it is about.
     */
    public static EcsEventBuilder procMapsRead() {
        return exec("host-1", null)
                .timestamp("2024-05-01T12:00:00.123456789Z")
                .eventId("evt-1")
                .set("host.name", "web-01")
                .remove("user.id")
                .set("process.pid", 4242)
                .name("cat")
                .executable("/usr/bin/cat")
                .set("process.args", array("cat", "/proc/1234/maps"))
                .set("process.command_line", "cat /proc/1234/maps")
                .set("process.entry_leader.name", "bash")
                .set("process.entry_leader.entry_meta.type", "sshd");
    }

    /** Any JSON object as the starting document (a copy). */
    public static EcsEventBuilder of(ObjectNode document) {
        return new EcsEventBuilder(document.deepCopy());
    }

    // ---------------------------------------------------------------- process fields

    public EcsEventBuilder timestamp(Instant at) {
        return timestamp(at.toString());
    }

    public EcsEventBuilder timestamp(String text) {
        doc.put("@timestamp", text);
        return this;
    }

    public EcsEventBuilder eventId(String id) {
        return set("event.id", id);
    }

    public EcsEventBuilder pid(long pid) {
        process().put("pid", pid);
        return this;
    }

    public EcsEventBuilder name(String name) {
        process().put("name", name);
        return this;
    }

    public EcsEventBuilder executable(String executable) {
        process().put("executable", executable);
        return this;
    }

    /** {@code process.args}, {@code args_count} and {@code command_line}, as Elastic Defend writes them. */
    public EcsEventBuilder args(String... args) {
        ArrayNode a = process().putArray("args");
        for (String arg : args) {
            a.add(arg);
        }
        process().put("args_count", args.length);
        process().put("command_line", String.join(" ", args));
        return this;
    }

    public EcsEventBuilder start(Instant start) {
        process().put("start", start.toString());
        return this;
    }

    public EcsEventBuilder user(String name) {
        doc.withObjectProperty("user").put("name", name);
        return this;
    }

    /** {@code process.parent.entity_id} only, as a truncated document would have it. */
    public EcsEventBuilder parent(String entityId) {
        process().putObject("parent").put("entity_id", entityId);
        return this;
    }

    public EcsEventBuilder parent(String entityId, long pid, String name, String... args) {
        ObjectNode p = process().putObject("parent");
        p.put("entity_id", entityId);
        p.put("pid", pid);
        p.put("name", name);
        p.put("executable", "/usr/bin/" + name);
        ArrayNode a = p.putArray("args");
        for (String arg : args) {
            a.add(arg);
        }
        return this;
    }

    public EcsEventBuilder entryLeader(String entityId, String name, String type) {
        ObjectNode l = process().putObject("entry_leader");
        l.put("entity_id", entityId);
        l.put("name", name);
        l.put("pid", 4000);
        l.put("executable", "/usr/bin/" + name);
        l.putObject("entry_meta").put("type", type);
        return this;
    }

    /** The process is its own entry leader ({@code same_as_process}), with the given meta type. */
    public EcsEventBuilder ownEntryLeader(String type) {
        ObjectNode l = process().putObject("entry_leader");
        l.put("entity_id", process().get("entity_id").asText());
        if (process().has("name")) {
            l.put("name", process().get("name").asText());
        }
        l.put("same_as_process", true);
        l.putObject("entry_meta").put("type", type);
        return this;
    }

    public EcsEventBuilder sessionLeader(String entityId, String name) {
        ObjectNode s = process().putObject("session_leader");
        s.put("entity_id", entityId);
        s.put("name", name);
        return this;
    }

    public EcsEventBuilder ancestry(String... ids) {
        ArrayNode a = process().putObject("Ext").putArray("ancestry");
        for (String id : ids) {
            a.add(id);
        }
        return this;
    }

    private ObjectNode process() {
        return doc.withObjectProperty("process");
    }

    // ---------------------------------------------------------------- any path

    /** Sets a nested path ({@code a.b.c} means {"a":{"b":{"c":..}}}), creating objects on the way. */
    public EcsEventBuilder set(String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode parent = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.withObjectProperty(parts[i]);
        }
        parent.set(parts[parts.length - 1], node(value));
        return this;
    }

    /** Removes a nested path; missing parents are fine. */
    public EcsEventBuilder remove(String path) {
        String[] parts = path.split("\\.");
        JsonNode parent = doc;
        for (int i = 0; i < parts.length - 1 && parent != null; i++) {
            parent = parent.get(parts[i]);
        }
        if (parent instanceof ObjectNode) {
            ((ObjectNode) parent).remove(parts[parts.length - 1]);
        }
        return this;
    }

    /** Adds a top-level key spelled with dots, e.g. {@code "process.name": "cat"}. */
    public EcsEventBuilder key(String dottedKey, Object value) {
        doc.set(dottedKey, node(value));
        return this;
    }

    /** Moves the nested value at {@code path} to a top-level dotted key. */
    public EcsEventBuilder dotted(String path) {
        JsonNode value = doc.at("/" + path.replace('.', '/'));
        remove(path);
        return key(path, value);
    }

    /** Every leaf as a top-level dotted key. */
    public EcsEventBuilder fullyDotted() {
        Map<String, JsonNode> leaves = leaves(doc);
        doc.removeAll();
        leaves.forEach(doc::set);
        return this;
    }

    /** For edits no method above says: {@code edit.accept(document)}. */
    public EcsEventBuilder edit(java.util.function.Consumer<ObjectNode> edit) {
        edit.accept(doc);
        return this;
    }

    // ---------------------------------------------------------------- results

    /** A copy of the document. */
    public ObjectNode tree() {
        return doc.deepCopy();
    }

    public String json() {
        return doc.toString();
    }

    /** The document as line {@code lineNumber} of {@link #FILE}. */
    public RawRecord record(long lineNumber) {
        return line(json(), lineNumber);
    }

    /** Parsed by the real parser as line {@code lineNumber}; the document must be valid. */
    public EcsEvent event(long lineNumber) {
        return parse(json(), lineNumber);
    }

    /** Parsed by the real parser; the document must be valid. */
    public EcsEvent event() {
        return event(SEQUENCE.incrementAndGet());
    }

    // ---------------------------------------------------------------- raw documents

    /** Parses a raw document (a test about the text itself) that must be valid, as line 1 of {@link #FILE}. */
    public static EcsEvent parse(String json) {
        return parse(json, 1);
    }

    public static EcsEvent parse(String json, long lineNumber) {
        ParseResult r = PARSER.parse(line(json, lineNumber));
        assertThat(r.isValid()).as("valid: %s", r).isTrue();
        return r.event();
    }

    public static RawRecord line(String json, long lineNumber) {
        return RawRecord.line(FILE, lineNumber, json.getBytes(UTF_8), false);
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- JSON values

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
        ArrayNode a = JSON.createArrayNode();
        for (Object e : elements) {
            a.add(node(e));
        }
        return a;
    }

    /** Every leaf of {@code node} by its dotted path (arrays are leaves). */
    public static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collectLeaves(node, "", out);
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
}
