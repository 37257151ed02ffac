package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * The one JSON shape of the dead-letter topic, for both kinds of dead letters: records that could not
 * become events ({@link DeadLetter#toJson()}) and alerts Elasticsearch refused for good (the job's
 * Kafka rejected-alert handler). Consumers tell them apart by {@value #KIND}; the schema is documented
 * in {@code docs/notes/structure.md}.
 *
 * <pre>{@code
 * {"kind": "event", "file": "in.ndjson", "line": 5,  (or "topic", "partition", "offset")
 *  "reason": "not a JSON object", "original": "[1]", "original_truncated": false}
 * {"kind": "alert", "alert_id": "...", "index": "...", "status": 400, "error_type": "...",
 *  "reason": "rejected by Elasticsearch: ...", "original": "{...alert...}", "original_truncated": false}
 * }</pre>
 */
public final class DeadLetterJson {

    public static final String KIND = "kind";
    /** A record that could not be parsed into an event. */
    public static final String KIND_EVENT = "event";
    /** An alert the Elasticsearch sink could not write. */
    public static final String KIND_ALERT = "alert";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterJson() {}

    /** {@code kind}, then the kind's coordinates, then reason and original: the common tail of every letter. */
    public static String write(
            String kind, Consumer<ObjectNode> coordinates, String reason, String original, boolean originalTruncated) {
        ObjectNode node = JSON.createObjectNode();
        node.put(KIND, kind);
        coordinates.accept(node);
        node.put("reason", reason);
        node.put("original", original);
        node.put("original_truncated", originalTruncated);
        return node.toString();
    }
}
