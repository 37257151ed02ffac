package dev.streamrules.job.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.alert.Alert;
import java.util.List;

/**
 * An alert document made to fit a sink's byte limit, so that no alert can fail its sink (and with it
 * the job). In order: the document as is; shrunk by {@link JsonShrinker} (long values cut, flag
 * {@value #TRUNCATED_FLAG}); a compact alert with only the fields that identify the detection and
 * point to the source event ({@code kibana.alert.ancestors}: index and event id, or the record's
 * topic/partition@offset), flagged the same way; and when not even that fits, no document at all
 * ({@link Outcome#TOO_LARGE}): the caller writes a compact dead letter ({@link #deadLetter}).
 */
public final class BoundedAlert {

    /** Set to true in every alert that lost content to fit its sink. */
    public static final String TRUNCATED_FLAG = "kibana.alert.original_truncated";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a compact alert keeps: the detection, and the source event by reference. */
    private static final List<String> COMPACT_FIELDS = List.of(
            "@timestamp",
            "event.kind",
            "event.id",
            "host.id",
            "host.name",
            "kibana.alert.uuid",
            "kibana.alert.status",
            "kibana.alert.workflow_status",
            "kibana.alert.depth",
            "kibana.alert.severity",
            "kibana.alert.risk_score",
            "kibana.alert.reason",
            "kibana.alert.original_time",
            "kibana.alert.ancestors",
            "kibana.alert.rule",
            "kibana.space_ids");

    /** How the document was made to fit. */
    public enum Outcome {
        UNCHANGED,
        TRUNCATED,
        COMPACTED,
        TOO_LARGE
    }

    private final Outcome outcome;
    private final String document;

    private BoundedAlert(Outcome outcome, String document) {
        this.outcome = outcome;
        this.document = document;
    }

    public static BoundedAlert of(String document, long maxBytes) {
        if (JsonShrinker.utf8Length(document) <= maxBytes) {
            return new BoundedAlert(Outcome.UNCHANGED, document);
        }
        String shrunk = JsonShrinker.shrink(document, maxBytes, TRUNCATED_FLAG);
        if (shrunk != null) {
            return new BoundedAlert(Outcome.TRUNCATED, shrunk);
        }
        String compact = compact(document);
        String fitted = compact == null ? null : JsonShrinker.shrink(compact, maxBytes, TRUNCATED_FLAG);
        return fitted == null ? new BoundedAlert(Outcome.TOO_LARGE, null) : new BoundedAlert(Outcome.COMPACTED, fitted);
    }

    /** The document that fits, or null for {@link Outcome#TOO_LARGE}. */
    public String document() {
        return document;
    }

    public Outcome outcome() {
        return outcome;
    }

    static String compact(String document) {
        JsonNode doc;
        try {
            doc = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (!(doc instanceof ObjectNode)) {
            return null;
        }
        ObjectNode out = JSON.createObjectNode();
        for (String path : COMPACT_FIELDS) {
            JsonNode value = doc.at("/" + path.replace(".", "/"));
            if (!value.isMissingNode()) {
                String[] parts = path.split("\\.");
                ObjectNode parent = out;
                for (int i = 0; i < parts.length - 1; i++) {
                    parent = parent.withObject("/" + parts[i]);
                }
                parent.set(parts[parts.length - 1], value);
            }
        }
        JsonShrinker.setFlag(out, TRUNCATED_FLAG);
        return out.toString();
    }

    /**
     * The dead letter for an alert that fits nowhere: which alert, why, and where its source event is
     * (the alert id is deterministic, so the detection can be re-derived from the event).
     */
    public static String deadLetter(Alert alert, String sink, long size, long maxBytes) {
        ObjectNode letter = JSON.createObjectNode();
        letter.put("alert_id", alert.getId());
        letter.put("rule_id", alert.getRuleId());
        letter.put("host_id", alert.getHostId());
        letter.put(
                "reason",
                "alert of " + size + " bytes does not fit " + sink + " (limit " + maxBytes
                        + " bytes), not even compacted");
        letter.put("original_truncated", true);
        return letter.toString();
    }
}
