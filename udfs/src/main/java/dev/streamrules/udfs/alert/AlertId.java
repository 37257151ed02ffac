package dev.streamrules.udfs.alert;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic alert id: SHA-256 over the rule id and the source event's identity. The same event
 * seen again (replay, restart from a checkpoint) yields the same id, so Elasticsearch's {@code create}
 * turns the repeat into a no-op instead of a duplicate alert.
 *
 * <p>The identity is {@code event.id} when the sensor set one (unique per event in Elastic Defend),
 * else the record's coordinates (file and line, or topic, partition and offset).
 */
public final class AlertId {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * One digest per thread, reset by every {@code digest}: looking one up through the security
     * providers was half the cost of an id.
     */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private AlertId() {}

    public static String of(String ruleId, EcsEvent event) {
        return sha256Hex(ruleId + "\u0000" + identity(event));
    }

    /** What identifies the source event: its {@code event.id} on its host, else its coordinates. */
    static String identity(EcsEvent event) {
        String eventId = event.first("event.id");
        return eventId != null && !eventId.isEmpty()
                ? "event.id\u0000" + event.getHostId() + "\u0000" + eventId
                : "origin\u0000" + event.origin();
    }

    static String sha256Hex(String text) {
        byte[] hash = DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(out);
    }
}
