package dev.streamrules.udfs.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.NormalizedDocument;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.RuleDetails;
import dev.streamrules.udfs.rule.Threat;
import java.io.Serializable;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
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
        alert.put("reason", AlertReason.of(event, rule));
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

    /**
     * {@code kibana.alert.rule.*} from the rule file: Kibana writes the rule's fields both at this level
     * and, as the rule's parameters, under {@code parameters}.
     */
    private void ruleMetadata(ObjectNode r) {
        RuleDetails details = rule.details();
        r.put("rule_id", rule.ruleId());
        r.put("uuid", rule.ruleId());
        r.put("name", rule.name());
        r.put("description", rule.description());
        r.put("severity", rule.severity());
        r.put("risk_score", rule.riskScore());
        r.put("version", rule.version());
        r.put("type", rule.type());
        r.put("rule_type_id", "siem." + rule.type() + "Rule");
        r.put("category", "Event Correlation Rule");
        r.put("producer", "siem");
        r.put("consumer", "siem");
        r.put("interval", rule.schedule().interval());
        r.put("from", rule.schedule().from());
        r.put("to", "now");
        r.put("max_signals", rule.maxSignals());
        strings(r.putArray("tags"), rule.tags());
        strings(r.putArray("author"), details.author());
        putIfPresent(r, "license", details.license());
        strings(r.putArray("references"), details.references());
        strings(r.putArray("false_positives"), details.falsePositives());
        putIfPresent(r, "note", details.note());
        putIfPresent(r, "setup", details.setup());
        putIfPresent(r, "timestamp_override", details.timestampOverride());
        ArrayNode threats = r.putArray("threat");
        rule.threats().forEach(t -> threat(threats.addObject(), t));
        ObjectNode parameters = r.putObject("parameters");
        parameters.put("type", rule.type());
        parameters.put("language", rule.language());
        parameters.put("query", rule.query());
        strings(parameters.putArray("index"), details.index());
        putIfPresent(parameters, "timestamp_override", details.timestampOverride());
    }

    private static void threat(ObjectNode out, Threat t) {
        out.put("framework", t.framework());
        ObjectNode tactic = out.putObject("tactic");
        tactic.put("id", t.tactic().id());
        tactic.put("name", t.tactic().name());
        tactic.put("reference", t.tactic().reference());
        ArrayNode techniques = out.putArray("technique");
        for (Threat.Technique technique : t.techniques()) {
            ObjectNode node = technique(techniques.addObject(), technique);
            if (!technique.subtechniques().isEmpty()) {
                ArrayNode subtechniques = node.putArray("subtechnique");
                technique.subtechniques().forEach(s -> technique(subtechniques.addObject(), s));
            }
        }
    }

    private static ObjectNode technique(ObjectNode out, Threat.Technique technique) {
        out.put("id", technique.id());
        out.put("name", technique.name());
        out.put("reference", technique.reference());
        return out;
    }

    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }

    private static void putIfPresent(ObjectNode out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
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
