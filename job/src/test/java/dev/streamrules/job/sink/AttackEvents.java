package dev.streamrules.job.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Events the /proc/maps rule alerts on, of an exact size: the poison pill is a valid attack
 * event of 1,046,464 bytes (under the parser's 1 MiB limit) whose alert exceeds Kafka's 1 MiB
 * {@code max.request.size}. The padding goes into {@code process.command_line}, as a long command would.
 */
public final class AttackEvents {

    /** The size of the event in issue 10. */
    public static final int POISON_PILL_BYTES = 1_046_464;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttackEvents() {}

    /** An attack event on {@code hostId} with id {@code eventId}, padded to exactly {@code bytes} bytes of UTF-8. */
    public static String ofSize(String hostId, String eventId, int bytes) {
        String base = attack(hostId, eventId, "").toString();
        int padding = bytes - base.getBytes(StandardCharsets.UTF_8).length;
        if (padding < 0) {
            throw new IllegalArgumentException("an attack event has at least " + (bytes - padding) + " bytes");
        }
        String json = attack(hostId, eventId, "x".repeat(padding)).toString();
        if (json.getBytes(StandardCharsets.UTF_8).length != bytes) {
            throw new IllegalStateException("padding miscounted");
        }
        return json;
    }

    private static ObjectNode attack(String hostId, String eventId, String padding) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", "2026-12-01T12:00:00.000Z");
        ObjectNode host = doc.putObject("host");
        host.put("id", hostId);
        host.put("name", hostId);
        host.putObject("os").put("type", "linux");
        ObjectNode event = doc.putObject("event");
        event.put("id", eventId);
        event.put("kind", "event");
        event.putArray("category").add("process");
        event.putArray("type").add("start");
        event.put("action", "exec");
        ObjectNode process = doc.putObject("process");
        process.put("pid", 4242);
        process.put("entity_id", "proc-" + eventId);
        process.put("name", "cat");
        process.put("executable", "/usr/bin/cat");
        process.putArray("args").add("cat").add("/proc/1234/maps");
        process.put("command_line", "cat /proc/1234/maps " + padding);
        ObjectNode leader = process.putObject("entry_leader");
        leader.put("name", "bash");
        leader.put("entity_id", "leader-" + hostId);
        leader.putObject("entry_meta").put("type", "sshd");
        return doc;
    }
}
