package dev.streamrules.udfs.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.alert.AlertDocument.Value;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.RuleDetails;
import dev.streamrules.udfs.rule.Threat;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Builds Kibana security alert documents: the source event's fields, {@code event.kind: signal}, and
 * the {@code kibana.alert.*} namespace (rule, severity, reason, original event, ancestors). Whatever an
 * enrichment step attached to the event is merged in at the top level.
 */
public final class AlertBuilder implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DetectionRule rule;

    private transient String ruleJson;

    public AlertBuilder(DetectionRule rule) {
        this.rule = rule;
    }

    public Alert build(EcsEvent event, long detectedAtMillis) {
        String id = AlertId.of(rule.ruleId(), event);
        // The event keeps only the fields rules read; the alert carries the whole document.
        String document = AlertDocument.write(
                event.getPayload(),
                event.getEnrichment(),
                Instant.ofEpochMilli(detectedAtMillis).toString(),
                (g, originalTime, originalEvent) -> writeAlert(g, id, event, originalTime, originalEvent));
        return new Alert(id, event.getHostId(), rule.ruleId(), document, detectedAtMillis);
    }

    /** The members of {@code kibana.alert}. */
    private void writeAlert(JsonGenerator g, String id, EcsEvent event, Value originalTime, Value originalEvent)
            throws IOException {
        g.writeStringField("uuid", id);
        g.writeStringField("status", "active");
        g.writeStringField("workflow_status", "open");
        g.writeNumberField("depth", 1);
        g.writeStringField("severity", rule.severity());
        g.writeNumberField("risk_score", rule.riskScore());
        g.writeStringField("reason", AlertReason.of(event, rule));
        if (originalTime != null) {
            g.writeFieldName("original_time");
            originalTime.write(g);
        }
        g.writeFieldName("original_event");
        originalEvent.write(g);
        g.writeArrayFieldStart("ancestors");
        g.writeStartObject();
        String eventId = event.first("event.id");
        g.writeStringField("id", eventId != null ? eventId : event.origin());
        g.writeStringField("type", "event");
        g.writeStringField("index", event.getSource());
        g.writeNumberField("depth", 0);
        g.writeEndObject();
        g.writeEndArray();
        g.writeFieldName("rule");
        g.writeRawValue(ruleJson());
    }

    /** The same for every alert of the rule, so written once (a rule's note can be kilobytes long). */
    private String ruleJson() {
        if (ruleJson == null) {
            ObjectNode r = JSON.createObjectNode();
            ruleMetadata(r);
            ruleJson = r.toString();
        }
        return ruleJson;
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
}
