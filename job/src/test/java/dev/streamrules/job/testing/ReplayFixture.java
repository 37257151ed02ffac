package dev.streamrules.job.testing;

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

/**
 * A small NDJSON input with known answers: events that must alert, near misses that must not, and
 * malformed lines (each a different reason) that must be dead-lettered, on several hosts.
 */
public final class ReplayFixture {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<String> expectedAlertEventIds = new ArrayList<>();
    private final Map<Long, String> expectedDeadLetters = new TreeMap<>();
    private long lines;

    private ReplayFixture() {}

    /** The standard mix used by the job's integration tests. */
    public static ReplayFixture standard() {
        ReplayFixture f = new ReplayFixture();
        for (int host = 0; host < 6; host++) {
            String h = "host-" + host;
            f.alerting(exec(h, h + "-a1", "cat", "[\"cat\",\"/proc/" + (100 + host) + "/maps\"]", "bash"));
            f.alerting(exec(h, h + "-a2", "grep", "[\"grep\",\"-i\",\"rwx\",\"/PROC/SELF/MAPS\"]", "zsh"));
            f.quiet(exec(h, h + "-n1", "cat", "[\"cat\",\"/proc/1/smaps\"]", "bash"));
            f.quiet(exec(h, h + "-n2", "tail", "[\"tail\",\"/proc/1/maps\"]", "bash"));
            f.quiet(exec(h, h + "-n3", "cat", "[\"cat\",\"/proc/1/maps\"]", "python3"));
            f.quiet(exec(h, h + "-n4", "cat", "[\"cat\",\"/proc/1/status\"]", "sh"));
        }
        // Dotted keys only, and the same event id on two hosts: both alert, with different alert ids.
        f.alerting("{\"event.id\":\"dup\",\"event.category\":\"process\",\"event.type\":\"start\",\"event.action\":\"exec\","
                + "\"host.id\":\"host-0\",\"host.os.type\":\"linux\",\"process.name\":\"cat\","
                + "\"process.args\":[\"cat\",\"/proc/9/task/9/maps\"],\"process.entry_leader.name\":\"fish\"}");
        f.alerting(exec("host-1", "dup", "cat", "[\"cat\",\"/proc//maps\"]", "ksh"));
        f.dead("not json at all", "invalid JSON");
        f.dead("", "empty record");
        f.dead("{\"event\":{\"id\":\"no-host\"},\"process\":{\"name\":\"cat\"}}", "missing host.id");
        f.dead("[1,2,3]", "not a JSON object");
        f.dead("{\"host\":{\"id\":\"h\"}} trailing", "invalid JSON");
        f.dead("{\"a\":" + "[".repeat(300) + "]".repeat(300) + ",\"host\":{\"id\":\"h\"}}", "nesting deeper than 200");
        f.deadBytes(("{\"host\":{\"id\":\"h\"},\"x\":\"").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF},
                "\"}".getBytes(StandardCharsets.UTF_8), "invalid UTF-8");
        f.dead("{\"host\":{\"id\":\"h\"},\"pad\":\"" + "x".repeat((1 << 20) + 10) + "\"}", "larger than");
        f.alerting(exec("host-2", "after-bad-lines", "cat", "[\"cat\",\"/proc/77/maps\"]", "dash"));
        return f;
    }

    /** A process exec event in nested form. */
    public static String exec(String host, String eventId, String name, String argsJson, String entryLeader) {
        return "{\"@timestamp\":\"2026-11-01T00:00:00.000000001Z\","
                + "\"event\":{\"id\":\"" + eventId + "\",\"kind\":\"event\",\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\"},"
                + "\"host\":{\"id\":\"" + host + "\",\"name\":\"" + host + ".example\",\"os\":{\"type\":\"linux\"}},"
                + "\"user\":{\"id\":0,\"name\":\"root\"},"
                + "\"process\":{\"entity_id\":\"" + eventId + "-p\",\"pid\":4242,\"name\":\"" + name + "\",\"args\":" + argsJson + ","
                + "\"entry_leader\":{\"entity_id\":\"leader\",\"name\":\"" + entryLeader + "\",\"entry_meta\":{\"type\":\"sshd\"}}}}";
    }

    private void alerting(String json) {
        expectedAlertEventIds.add(idOf(json));
        line(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String idOf(String json) {
        int i = json.indexOf("\"event.id\":\"");
        if (i < 0) {
            i = json.indexOf("\"event\":{\"id\":\"") + "\"event\":{".length();
        }
        int start = json.indexOf(":\"", i) + 2;
        return json.substring(start, json.indexOf('"', start));
    }

    private void quiet(String json) {
        line(json.getBytes(StandardCharsets.UTF_8));
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
}
