package dev.streamrules.udfs.tree;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.FieldProjection;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes Elastic Defend style Linux process events (fork, exec, end) as JSON and parses them with
 * the real parser, projected to the fields the tree reads. Fields are set only when a test asks for them, so a test can leave out exactly
 * what a truncated document or another source would lack.
 */
final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Only what the tree and the seed rule read: the tree's tests thereby also prove that
     * {@link ProcessTreeFields#READ} is complete.
     */
    private static final EcsEventParser PARSER = new EcsEventParser(ProcessTreeFields.READ.union(FieldProjection.of(
            List.of("event.category", "host.os.type"))));
    private static final AtomicLong LINE = new AtomicLong();
    private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");

    private final ObjectNode doc = JSON.createObjectNode();
    private final ObjectNode process;

    private TestEvents(String action, String host, String entityId) {
        long n = LINE.incrementAndGet();
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
        process = doc.putObject("process");
        if (entityId != null) {
            process.put("entity_id", entityId);
        }
    }

    static TestEvents exec(String host, String entityId) {
        return new TestEvents("exec", host, entityId);
    }

    static TestEvents fork(String host, String entityId) {
        return new TestEvents("fork", host, entityId);
    }

    static TestEvents end(String host, String entityId) {
        return new TestEvents("end", host, entityId);
    }

    /** Shortcut: {@code exec} of {@code name} with args, pid and parent set. */
    static TestEvents exec(String host, String entityId, String parentId, String name, String... args) {
        TestEvents e = exec(host, entityId).name(name).executable("/usr/bin/" + name).pid(Math.abs(entityId.hashCode() % 30000) + 2);
        e.args(args.length == 0 ? new String[] {name} : args);
        return parentId == null ? e : e.parent(parentId);
    }

    TestEvents timestamp(Instant at) {
        doc.put("@timestamp", at.toString());
        return this;
    }

    TestEvents pid(long pid) {
        process.put("pid", pid);
        return this;
    }

    TestEvents name(String name) {
        process.put("name", name);
        return this;
    }

    TestEvents executable(String executable) {
        process.put("executable", executable);
        return this;
    }

    TestEvents args(String... args) {
        ArrayNode a = process.putArray("args");
        for (String arg : args) {
            a.add(arg);
        }
        process.put("args_count", args.length);
        process.put("command_line", String.join(" ", args));
        return this;
    }

    TestEvents start(Instant start) {
        process.put("start", start.toString());
        return this;
    }

    TestEvents user(String name) {
        ((ObjectNode) doc.get("user")).put("name", name);
        return this;
    }

    /** {@code process.parent.entity_id} only, as a truncated document would have it. */
    TestEvents parent(String entityId) {
        process.putObject("parent").put("entity_id", entityId);
        return this;
    }

    TestEvents parent(String entityId, long pid, String name, String... args) {
        ObjectNode p = process.putObject("parent");
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

    TestEvents entryLeader(String entityId, String name, String type) {
        ObjectNode l = process.putObject("entry_leader");
        l.put("entity_id", entityId);
        l.put("name", name);
        l.put("pid", 4000);
        l.put("executable", "/usr/bin/" + name);
        l.putObject("entry_meta").put("type", type);
        return this;
    }

    /** The process is its own entry leader ({@code same_as_process}), with the given meta type. */
    TestEvents ownEntryLeader(String type) {
        ObjectNode l = process.putObject("entry_leader");
        l.put("entity_id", process.get("entity_id").asText());
        if (process.has("name")) {
            l.put("name", process.get("name").asText());
        }
        l.put("same_as_process", true);
        l.putObject("entry_meta").put("type", type);
        return this;
    }

    TestEvents sessionLeader(String entityId, String name) {
        ObjectNode s = process.putObject("session_leader");
        s.put("entity_id", entityId);
        s.put("name", name);
        return this;
    }

    TestEvents ancestry(String... ids) {
        ArrayNode a = process.putObject("Ext").putArray("ancestry");
        for (String id : ids) {
            a.add(id);
        }
        return this;
    }

    String json() {
        return doc.toString();
    }

    EcsEvent event() {
        ParseResult r = PARSER.parse(RawRecord.line("t", LINE.incrementAndGet(), json().getBytes(UTF_8), false));
        return r.event();
    }
}
