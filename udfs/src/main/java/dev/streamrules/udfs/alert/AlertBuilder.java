package dev.streamrules.udfs.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.NormalizedDocument;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.Threat;

import java.io.Serializable;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds Kibana security alert documents: the source event's fields, {@code event.kind: signal}, and
 * the {@code kibana.alert.*} namespace (rule, severity, reason, original event, ancestors). Whatever an
 * enrichment step attached to the event is merged in at the top level.
 */
public final class AlertBuilder implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DetectionRule rule;

    public AlertBuilder(DetectionRule rule) {
        this.rule = rule;
    }

    public Alert build(EcsEvent event, long detectedAtMillis) {
        String id = AlertId.of(rule.ruleId(), event);
        // The event keeps only the fields rules read; the alert carries the whole document.
        ObjectNode doc = NormalizedDocument.of(event.getPayload());
        JsonNode originalTime = doc.get("@timestamp");
        ObjectNode originalEvent = doc.get("event") instanceof ObjectNode
                ? ((ObjectNode) doc.get("event")).deepCopy()
                : JSON.createObjectNode();

        // @timestamp first, as in every Elasticsearch document: readers find it at a glance.
        ObjectNode source = doc;
        source.remove("@timestamp");
        doc = JSON.createObjectNode();
        doc.put("@timestamp", Instant.ofEpochMilli(detectedAtMillis).toString());
        doc.setAll(source);
        doc.withObject("/event").put("kind", "signal");

        ObjectNode alert = doc.withObject("/kibana/alert");
        alert.put("uuid", id);
        alert.put("status", "active");
        alert.put("workflow_status", "open");
        alert.put("depth", 1);
        alert.put("severity", rule.severity());
        alert.put("risk_score", rule.riskScore());
        alert.put("reason", reason(event));
        if (originalTime != null) {
            alert.set("original_time", originalTime);
        }
        alert.set("original_event", originalEvent);
        ObjectNode ancestor = alert.putArray("ancestors").addObject();
        String eventId = event.first("event.id");
        ancestor.put("id", eventId != null ? eventId : event.origin());
        ancestor.put("type", "event");
        ancestor.put("index", event.getSource());
        ancestor.put("depth", 0);
        ruleMetadata(alert.putObject("rule"));
        doc.withArray("/kibana/space_ids").add("default");

        if (event.getEnrichment() != null) {
            deepMerge(doc, parseObject(event.getEnrichment(), "enrichment"));
        }
        return new Alert(id, event.getHostId(), rule.ruleId(), doc.toString(), detectedAtMillis);
    }

    private void ruleMetadata(ObjectNode r) {
        r.put("rule_id", rule.ruleId());
        r.put("uuid", rule.ruleId());
        r.put("name", rule.name());
        r.put("description", rule.description());
        r.put("severity", rule.severity());
        r.put("risk_score", rule.riskScore());
        r.put("version", rule.version());
        r.put("type", rule.language());
        r.put("rule_type_id", "siem." + rule.language() + "Rule");
        r.put("category", "Event Correlation Rule");
        r.put("producer", "siem");
        r.put("consumer", "siem");
        r.put("interval", rule.interval().toMinutes() + "m");
        r.put("from", "now-" + rule.lookback().toMinutes() + "m");
        r.put("max_signals", rule.maxSignals());
        ArrayNode tags = r.putArray("tags");
        rule.tags().forEach(tags::add);
        ArrayNode threats = r.putArray("threat");
        for (Threat t : rule.threats()) {
            ObjectNode threat = threats.addObject();
            threat.put("framework", Threat.FRAMEWORK);
            ObjectNode tactic = threat.putObject("tactic");
            tactic.put("id", t.tacticId());
            tactic.put("name", t.tacticName());
            tactic.put("reference", t.tacticReference());
            ObjectNode technique = threat.putArray("technique").addObject();
            technique.put("id", t.techniqueId());
            technique.put("name", t.techniqueName());
            technique.put("reference", t.techniqueReference());
        }
        ObjectNode parameters = r.putObject("parameters");
        parameters.put("language", rule.language());
        parameters.put("query", rule.query());
    }

    /** One line an analyst can act on: who ran what, where, from which session. */
    String reason(EcsEvent e) {
        String commandLine = e.first("process.command_line");
        if (commandLine == null) {
            String[] args = e.values("process.args");
            commandLine = args == null ? "?" : String.join(" ", args);
        }
        String leader = e.first("process.entry_leader.name");
        String leaderType = e.first("process.entry_leader.entry_meta.type");
        return orUnknown(e.first("process.name")) + " read a process memory map on host "
                + orUnknown(e.first("host.name") != null ? e.first("host.name") : e.getHostId())
                + " as user " + orUnknown(e.first("user.name"))
                + ": `" + commandLine + "`"
                + " (entry leader " + orUnknown(leader) + (leaderType == null ? "" : ", " + leaderType + " session") + ")";
    }

    private static String orUnknown(String s) {
        return s == null ? "<unknown>" : s;
    }

    private static ObjectNode parseObject(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode) {
                return (ObjectNode) node;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException(what + " is not a JSON object");
    }

    private static void deepMerge(ObjectNode into, ObjectNode from) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode existing = into.get(f.getKey());
            if (existing instanceof ObjectNode && f.getValue() instanceof ObjectNode) {
                deepMerge((ObjectNode) existing, (ObjectNode) f.getValue());
            } else {
                into.set(f.getKey(), f.getValue());
            }
        }
    }
}
