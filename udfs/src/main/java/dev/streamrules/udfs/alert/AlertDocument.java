package dev.streamrules.udfs.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.ecs.DocumentMembers;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.NormalizedDocument;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes an alert document around its source event: {@code @timestamp} (the detection time) first,
 * then the event's fields in their order with {@code event.kind: signal}, then {@code kibana.alert}
 * (what {@link AlertMembers} writes) and {@code kibana.space_ids}; the enrichment object is merged in
 * at the top level.
 *
 * <p>Two ways to one document. Most events are plain (no dotted keys, no {@code kibana} of their
 * own, an enrichment that adds top-level members the event lacks): their members are copied as text
 * ({@link DocumentMembers}). Every other event goes through its normalized tree, which merges dotted
 * keys, an event's own {@code kibana.alert} and the enrichment member by member. Both give the same
 * JSON values in the same order; {@code AlertDocumentTest} compares them.
 */
final class AlertDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EVENT = "event";

    private static final String KIBANA = "kibana";

    private static final String TIMESTAMP = "@timestamp";

    private static final Value EMPTY_OBJECT = g -> {
        g.writeStartObject();
        g.writeEndObject();
    };

    /** A JSON value to write at the generator's position. */
    @FunctionalInterface
    interface Value {
        void write(JsonGenerator g) throws IOException;
    }

    /** The members of {@code kibana.alert}, given the event's original time (or null) and event object. */
    @FunctionalInterface
    interface AlertMembers {
        void write(JsonGenerator g, Value originalTime, Value originalEvent) throws IOException;
    }

    private AlertDocument() {}

    /** The alert document for an event's document ({@link EcsEvent#getPayload()}: one the parser accepted). */
    static String write(byte[] payload, String enrichment, String timestamp, AlertMembers alert) {
        String spliced = spliced(payload, enrichment, timestamp, alert);
        return spliced != null ? spliced : tree(payload, enrichment, timestamp, alert);
    }

    /** The document from the members' text, or {@code null} when it needs the tree. */
    static String spliced(byte[] payload, String enrichment, String timestamp, AlertMembers alert) {
        DocumentMembers source = DocumentMembers.ofAccepted(payload);
        DocumentMembers extra = enrichment == null ? null : DocumentMembers.of(enrichment);
        if (source == null || (enrichment != null && extra == null) || !plain(source, extra)) {
            return null;
        }
        return text(g -> splice(g, source, extra, timestamp, alert));
    }

    /** Whether copying the members as text gives the tree's document: nothing to merge. */
    private static boolean plain(DocumentMembers source, DocumentMembers extra) {
        int event = source.indexOf(EVENT);
        if (source.indexOf(KIBANA) >= 0 || (event >= 0 && !source.isObject(event))) {
            return false;
        }
        for (int i = 0; extra != null && i < extra.size(); i++) {
            String name = extra.name(i);
            if (source.indexOf(name) >= 0 || name.equals(TIMESTAMP) || name.equals(EVENT) || name.equals(KIBANA)) {
                return false;
            }
        }
        return true;
    }

    private static void splice(
            JsonGenerator g, DocumentMembers source, DocumentMembers extra, String timestamp, AlertMembers alert)
            throws IOException {
        g.writeStartObject();
        g.writeStringField(TIMESTAMP, timestamp);
        Value originalTime = null;
        Value originalEvent = EMPTY_OBJECT;
        boolean wroteEvent = false;
        for (int i = 0; i < source.size(); i++) {
            String name = source.name(i);
            if (name.equals(TIMESTAMP)) {
                originalTime = raw(source, i);
            } else if (name.equals(EVENT)) {
                originalEvent = raw(source, i);
                writeEvent(g, source.object(i));
                wroteEvent = true;
            } else {
                g.writeFieldName(name);
                raw(source, i).write(g);
            }
        }
        if (!wroteEvent) {
            g.writeObjectFieldStart(EVENT);
            g.writeStringField("kind", "signal");
            g.writeEndObject();
        }
        g.writeObjectFieldStart(KIBANA);
        g.writeObjectFieldStart("alert");
        alert.write(g, originalTime, originalEvent);
        g.writeEndObject();
        g.writeArrayFieldStart("space_ids");
        g.writeString("default");
        g.writeEndArray();
        g.writeEndObject();
        for (int i = 0; extra != null && i < extra.size(); i++) {
            g.writeFieldName(extra.name(i));
            raw(extra, i).write(g);
        }
        g.writeEndObject();
    }

    /** The event object with {@code kind: signal}, in place of the event's own kind or last. */
    private static void writeEvent(JsonGenerator g, DocumentMembers event) throws IOException {
        g.writeObjectFieldStart(EVENT);
        boolean kind = false;
        for (int i = 0; i < event.size(); i++) {
            g.writeFieldName(event.name(i));
            if (event.name(i).equals("kind")) {
                g.writeString("signal");
                kind = true;
            } else {
                raw(event, i).write(g);
            }
        }
        if (!kind) {
            g.writeStringField("kind", "signal");
        }
        g.writeEndObject();
    }

    private static Value raw(DocumentMembers members, int index) {
        int start = members.start(index);
        int length = members.end(index) - start;
        return g -> g.writeRawValue(members.text(), start, length);
    }

    /** The document through the normalized tree: dotted keys, the event's own alert fields, merging. */
    static String tree(byte[] payload, String enrichment, String timestamp, AlertMembers alert) {
        ObjectNode source = NormalizedDocument.of(payload);
        JsonNode originalTime = source.remove(TIMESTAMP);
        ObjectNode originalEvent = source.get(EVENT) instanceof ObjectNode
                ? ((ObjectNode) source.get(EVENT)).deepCopy()
                : JSON.createObjectNode();

        ObjectNode doc = JSON.createObjectNode();
        doc.put(TIMESTAMP, timestamp);
        doc.setAll(source);
        doc.withObject("/event").put("kind", "signal");
        String members = text(g -> {
            g.writeStartObject();
            alert.write(
                    g,
                    originalTime == null ? null : g2 -> g2.writeTree(originalTime),
                    g2 -> g2.writeTree(originalEvent));
            g.writeEndObject();
        });
        doc.withObject("/kibana/alert").setAll(parseObject(members, "alert"));
        doc.withArray("/kibana/space_ids").add("default");
        if (enrichment != null) {
            deepMerge(doc, parseObject(enrichment, "enrichment"));
        }
        return doc.toString();
    }

    private static String text(Value document) {
        StringWriter out = new StringWriter(8192);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            document.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
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
