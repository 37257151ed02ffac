package dev.streamrules.udfs.tree;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.EventCondition;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link Resolution} onto an event, in two places:
 * <ul>
 *   <li>the field index ({@link EcsEvent#withFields}), so any rule condition sees
 *       {@code process.entry_leader.{entity_id,name,pid,entry_meta.type}},
 *       {@code process.session_leader.{entity_id,name,pid}} and the parent's
 *       {@code entity_id/name/pid/executable/args/args_count} as if the sensor had sent them, when
 *       the event lacked them. Values the event has are never replaced: inline data always wins;</li>
 *   <li>the enrichment object ({@link EcsEvent#withEnrichment}) under {@value #NAMESPACE}, which the
 *       alert builder merges into the alert, with {@code filled_fields} naming what came from the
 *       tree; see {@code docs/process-tree.md}.</li>
 * </ul>
 * Both only for candidate events when the enricher is built with the rule's pre-filter
 * ({@link #ProcessTreeEnricher(EventCondition)}); other events pass unchanged. Built with a match
 * condition as well ({@link #ProcessTreeEnricher(EventCondition, EventCondition)}), the enrichment
 * object is written only on events that condition accepts once their fields are filled.
 */
public final class ProcessTreeEnricher implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Top-level key of the enrichment object. */
    public static final String NAMESPACE = "process_tree";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventCondition candidates;
    private final EventCondition alerting;

    /** Enriches every event. */
    public ProcessTreeEnricher() {
        this(null);
    }

    /**
     * Enriches only events satisfying {@code candidates} (the rule's cheap pre-filter, which must not
     * depend on the fields enrichment fills); others pass unchanged. The tree still learns from every
     * event; only building the output, the costly part, is skipped for events that cannot alert.
     */
    public ProcessTreeEnricher(EventCondition candidates) {
        this(candidates, null);
    }

    /**
     * As above, and writes the enrichment object only on events {@code alerting} accepts after their
     * fields are filled (the rules themselves; null: every candidate). Only alerts carry that object,
     * and most candidates alert on nothing: for them it was a third of the tree's cost. They still
     * get the filled fields, so what the rules see does not change.
     */
    public ProcessTreeEnricher(EventCondition candidates, EventCondition alerting) {
        this.candidates = candidates;
        this.alerting = alerting;
    }

    public EcsEvent enrich(EcsEvent event, Resolution resolution, long waitedMillis) {
        if (candidates != null && !candidates.test(event)) {
            return event;
        }
        Map<String, String[]> overrides = new LinkedHashMap<>();
        Leader leader = resolution.leader();
        if (leader != null) {
            fillLeader(event, overrides, ENTRY_LEADER, leader);
            fill(event, overrides, EntryLeaderResolver.LEADER_TYPE, leader.type());
        }
        Leader session = resolution.sessionLeader();
        if (session != null) {
            fillLeader(event, overrides, SESSION_LEADER, session);
        }
        Ancestor parent = resolution.parent();
        if (parent != null) {
            ProcessNode p = parent.node();
            fill(event, overrides, EntryLeaderResolver.PARENT_ENTITY_ID, parent.entityId());
            fill(event, overrides, "process.parent.name", p.name());
            fill(event, overrides, "process.parent.pid", p.hasPid() ? Long.toString(p.pid()) : null);
            fill(event, overrides, "process.parent.executable", p.executable());
            if (!event.has("process.parent.args") && !p.args().isEmpty()) {
                overrides.put("process.parent.args", p.args().toArray(new String[0]));
                if (!p.argsTruncated()) {
                    fill(
                            event,
                            overrides,
                            "process.parent.args_count",
                            Integer.toString(p.args().size()));
                }
            }
        }
        EcsEvent enriched = overrides.isEmpty() ? event : event.withFields(overrides);
        if (alerting != null && !alerting.test(enriched)) {
            return enriched;
        }
        return enriched.withEnrichment(
                enrichmentJson(event.getEnrichment(), resolution, waitedMillis, overrides.keySet()));
    }

    /** A leader's fields; spelled once, not concatenated per event (that was 3% of a replay). */
    private record LeaderPaths(String entityId, String name, String pid) {
        static LeaderPaths under(String prefix) {
            // interned: field look-ups compare names by identity first
            return new LeaderPaths(
                    (prefix + "entity_id").intern(), (prefix + "name").intern(), (prefix + "pid").intern());
        }
    }

    private static final LeaderPaths ENTRY_LEADER = LeaderPaths.under("process.entry_leader.");
    private static final LeaderPaths SESSION_LEADER = LeaderPaths.under("process.session_leader.");

    private static void fillLeader(EcsEvent event, Map<String, String[]> overrides, LeaderPaths paths, Leader leader) {
        fill(event, overrides, paths.entityId(), leader.entityId());
        fill(event, overrides, paths.name(), leader.name());
        fill(event, overrides, paths.pid(), leader.pid() != ProcessNode.NO_PID ? Long.toString(leader.pid()) : null);
    }

    private static void fill(EcsEvent event, Map<String, String[]> overrides, String path, String value) {
        if (value != null && !event.has(path)) {
            overrides.put(path, new String[] {value});
        }
    }

    /** The event's enrichment object with {@value #NAMESPACE} set (other namespaces are kept). */
    static String enrichmentJson(String existing, Resolution r, long waitedMillis, Iterable<String> filled) {
        StringWriter out = new StringWriter(512);
        // Streamed, not built as a tree and printed: this runs for every candidate event and the
        // tree was 9% of a replay's samples. Same members, same order, same text.
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            if (existing == null) {
                g.writeStartObject();
                g.writeFieldName(NAMESPACE);
                writeTree(g, r, waitedMillis, filled);
                g.writeEndObject();
            } else {
                writeTree(g, r, waitedMillis, filled);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        if (existing == null) {
            return out.toString();
        }
        ObjectNode root = parseObject(existing);
        root.set(NAMESPACE, parseObject(out.toString()));
        return root.toString();
    }

    private static void writeTree(JsonGenerator g, Resolution r, long waitedMillis, Iterable<String> filled)
            throws IOException {
        g.writeStartObject();
        // Which fields a rule saw that the sensor did not send: an analyst must be able to tell.
        g.writeArrayFieldStart("filled_fields");
        for (String field : filled) {
            g.writeString(field);
        }
        g.writeEndArray();
        Leader leader = r.leader();
        if (leader != null) {
            g.writeObjectFieldStart("entry_leader");
            writeIfPresent(g, "entity_id", leader.entityId());
            writeIfPresent(g, "name", leader.name());
            if (leader.pid() != ProcessNode.NO_PID) {
                g.writeNumberField("pid", leader.pid());
            }
            if (leader.type() != null) {
                g.writeObjectFieldStart("entry_meta");
                g.writeStringField("type", leader.type());
                g.writeEndObject();
            }
            g.writeStringField("source", r.source().label());
            g.writeEndObject();
        } else {
            g.writeStringField("unresolved_reason", r.unresolvedReason());
        }
        Leader session = r.sessionLeader();
        if (session != null) {
            g.writeObjectFieldStart("session_leader");
            writeIfPresent(g, "entity_id", session.entityId());
            writeIfPresent(g, "name", session.name());
            if (session.pid() != ProcessNode.NO_PID) {
                g.writeNumberField("pid", session.pid());
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("ancestry");
        for (Ancestor a : r.ancestry()) {
            ProcessNode n = a.node();
            g.writeStartObject();
            g.writeStringField("entity_id", a.entityId());
            if (n.hasPid()) {
                g.writeNumberField("pid", n.pid());
            }
            writeIfPresent(g, "name", n.name());
            writeIfPresent(g, "executable", n.executable());
            if (!n.args().isEmpty()) {
                g.writeArrayFieldStart("args");
                for (String arg : n.args()) {
                    g.writeString(arg);
                }
                g.writeEndArray();
                if (n.argsTruncated()) {
                    g.writeBooleanField("args_truncated", true);
                }
            }
            if (n.start() != ProcessNode.NO_TIME) {
                g.writeStringField("start", Instant.ofEpochMilli(n.start()).toString());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (waitedMillis >= 0) {
            g.writeNumberField("waited_ms", waitedMillis);
        }
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static ObjectNode parseObject(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode) {
                return (ObjectNode) node;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event enrichment is not valid JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException("event enrichment is not a JSON object");
    }
}
