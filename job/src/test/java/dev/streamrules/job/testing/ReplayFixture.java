package dev.streamrules.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A small NDJSON input with known answers: events that must alert, near misses that must not, and
 * malformed lines (each a different reason) that must be dead-lettered, on several hosts.
 */
public final class ReplayFixture {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<String> expectedAlertEventIds = new ArrayList<>();
    private final Map<Long, String> expectedDeadLetters = new TreeMap<>();
    private long lines;
    private long withoutHost;

    private ReplayFixture() {}

    /** The standard mix used by the job's integration tests. */
    public static ReplayFixture standard() {
        ReplayFixture f = new ReplayFixture();
        for (int host = 0; host < 6; host++) {
            String h = "host-" + host;
            f.alerting(exec(h, h + "-a1", "bash", "cat", "/proc/" + (100 + host) + "/maps"));
            f.alerting(exec(h, h + "-a2", "zsh", "grep", "-i", "rwx", "/PROC/SELF/MAPS"));
            f.quiet(exec(h, h + "-n1", "bash", "cat", "/proc/1/smaps"));
            f.quiet(exec(h, h + "-n2", "bash", "tail", "/proc/1/maps"));
            f.quiet(exec(h, h + "-n3", "python3", "cat", "/proc/1/maps"));
            f.quiet(exec(h, h + "-n4", "sh", "cat", "/proc/1/status"));
        }
        // Dotted keys only, and the same event id on two hosts: both alert, with different alert ids.
        f.alerting(
                "{\"event.id\":\"dup\",\"event.category\":\"process\",\"event.type\":\"start\",\"event.action\":\"exec\","
                        + "\"host.id\":\"host-0\",\"host.os.type\":\"linux\",\"process.name\":\"cat\","
                        + "\"process.args\":[\"cat\",\"/proc/9/task/9/maps\"],\"process.entry_leader.name\":\"fish\"}");
        f.alerting(exec("host-1", "dup", "ksh", "cat", "/proc//maps"));
        f.dead("not json at all", "invalid JSON");
        f.dead("", "empty record");
        f.dead("{\"host\":{\"id\":\"h\"},\"a\":1,\"a\":2}", "Duplicate field");
        // No single host.id: valid events, which the rule matches on their other fields (as Elasticsearch would).
        f.alertingWithoutHost(exec("host-3", "no-host", "bash", "cat", "/proc/5/maps"), host -> host.remove("id"));
        f.alertingWithoutHost(
                exec("host-4", "two-hosts", "bash", "cat", "/proc/6/maps"),
                host -> host.putArray("id").add("host-4").add("host-5"));
        f.quietWithoutHost(exec("host-3", "no-host-quiet", "bash", "cat", "/proc/5/smaps"), host -> host.remove("id"));
        f.dead("[1,2,3]", "not a JSON object");
        f.dead("{\"host\":{\"id\":\"h\"}} trailing", "invalid JSON");
        f.dead("{\"a\":" + "[".repeat(300) + "]".repeat(300) + ",\"host\":{\"id\":\"h\"}}", "nesting deeper than 200");
        f.deadBytes(
                ("{\"host\":{\"id\":\"h\"},\"x\":\"").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                "\"}".getBytes(StandardCharsets.UTF_8),
                "invalid UTF-8");
        f.dead("{\"host\":{\"id\":\"h\"},\"pad\":\"" + "x".repeat((1 << 20) + 10) + "\"}", "larger than");
        f.alerting(exec("host-2", "after-bad-lines", "dash", "cat", "/proc/77/maps"));
        return f;
    }

    /** A process exec event in nested form, launched from an SSH session led by {@code entryLeader}. */
    public static String exec(String host, String eventId, String entryLeader, String... args) {
        return EcsEventBuilder.exec(host, eventId + "-p")
                .timestamp("2026-11-01T00:00:00.000000001Z")
                .eventId(eventId)
                .set("user.id", 0)
                .user("root")
                .set("process.pid", 4242)
                .name(args[0])
                .set("process.args", EcsEventBuilder.array((Object[]) args))
                .set("process.entry_leader.entity_id", "leader")
                .set("process.entry_leader.name", entryLeader)
                .set("process.entry_leader.entry_meta.type", "sshd")
                .json();
    }

    private void alerting(String json) {
        expectedAlertEventIds.add(idOf(json));
        line(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code event.id}, nested or as a dotted key. */
    private static String idOf(String json) {
        JsonNode doc = EcsEventBuilder.tree(json);
        return doc.has("event.id")
                ? doc.get("event.id").asText()
                : doc.at("/event/id").asText();
    }

    private void quiet(String json) {
        line(json.getBytes(StandardCharsets.UTF_8));
    }

    private void alertingWithoutHost(String json, Consumer<ObjectNode> edit) {
        alerting(edited(json, edit));
        withoutHost++;
    }

    private void quietWithoutHost(String json, Consumer<ObjectNode> edit) {
        quiet(edited(json, edit));
        withoutHost++;
    }

    /** The event with its {@code host} object edited. */
    private static String edited(String json, Consumer<ObjectNode> editHost) {
        JsonNode root = EcsEventBuilder.tree(json);
        editHost.accept((ObjectNode) root.get("host"));
        return root.toString();
    }

    private void dead(String text, String reason) {
        deadBytes(text.getBytes(StandardCharsets.UTF_8), new byte[0], new byte[0], reason);
    }

    private void deadBytes(byte[] a, byte[] b, byte[] c, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        out.writeBytes(c);
        line(out.toByteArray());
        expectedDeadLetters.put(lines, reason);
    }

    private void line(byte[] content) {
        bytes.writeBytes(content);
        bytes.write('\n');
        lines++;
    }

    public Path writeTo(Path file) throws IOException {
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** {@code event.id} of every event that must alert (an id may repeat across hosts). */
    public List<String> expectedAlertEventIds() {
        List<String> sorted = new ArrayList<>(expectedAlertEventIds);
        Collections.sort(sorted);
        return sorted;
    }

    /** Line number → a substring of the expected dead-letter reason. */
    public Map<Long, String> expectedDeadLetters() {
        return expectedDeadLetters;
    }

    public long lines() {
        return lines;
    }

    /** Valid events without exactly one {@code host.id}. */
    public long withoutHost() {
        return withoutHost;
    }
}
