package dev.streamrules.udfs.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.ecs.EcsEvent;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Sequence alerts as Kibana writes them (its {@code buildAlertGroupFromSequence}): one building-block
 * alert per matched event ({@code kibana.alert.building_block_type: default}, the group's id and the
 * event's position in it), and one "shell" alert for the sequence whose document holds the fields all
 * events share and whose {@code kibana.alert.ancestors} lists, in order, each event (depth 0, id = its
 * {@code event.id}) followed by its building block (type {@code signal}, depth 1). The shell's uuid is
 * the group id.
 *
 * <p>Ids are deterministic from the rule id and every member event's identity, so a replay writes the
 * same documents. Building blocks are the single-event alerts of {@link AlertBuilder}, amended.
 */
public final class SequenceAlertBuilder implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ruleId;
    private final AlertBuilder single;

    public SequenceAlertBuilder(String ruleId, AlertBuilder single) {
        this.ruleId = ruleId;
        this.single = single;
    }

    /** The shell alert first, then one building block per event, in sequence order. */
    public List<Alert> build(EcsEvent[] events, long detectedAtMillis) {
        if (events.length == 0) {
            throw new IllegalArgumentException("a sequence alert needs at least one event");
        }
        StringBuilder identities = new StringBuilder();
        for (EcsEvent e : events) {
            identities.append('\u0000').append(AlertId.identity(e));
        }
        String groupId = AlertId.sha256Hex(ruleId + "\u0000sequence" + identities);

        List<ObjectNode> blocks = new ArrayList<>(events.length);
        List<Alert> blockAlerts = new ArrayList<>(events.length);
        for (int i = 0; i < events.length; i++) {
            String id = AlertId.sha256Hex(ruleId + "\u0000building-block\u0000" + i + identities);
            ObjectNode doc =
                    parseObject(single.build(events[i], detectedAtMillis).getDocument());
            ObjectNode alert = doc.withObject("/kibana/alert");
            alert.put("uuid", id);
            alert.put("building_block_type", "default");
            alert.withObject("/group").put("id", groupId).put("index", i);
            blocks.add(doc);
            blockAlerts.add(new Alert(id, events[i].getHostId(), ruleId, doc.toString(), detectedAtMillis));
        }

        List<Alert> all = new ArrayList<>(events.length + 1);
        all.add(new Alert(
                groupId,
                events[0].getHostId(),
                ruleId,
                shell(events, blocks, blockAlerts, groupId, detectedAtMillis).toString(),
                detectedAtMillis));
        all.addAll(blockAlerts);
        return all;
    }

    private ObjectNode shell(
            EcsEvent[] events,
            List<ObjectNode> blocks,
            List<Alert> blockAlerts,
            String groupId,
            long detectedAtMillis) {
        ObjectNode shared = parseObject(events[0].getDocument());
        for (int i = 1; i < events.length; i++) {
            shared = intersection(shared, parseObject(events[i].getDocument()));
        }
        shared.remove("@timestamp");
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", Instant.ofEpochMilli(detectedAtMillis).toString());
        doc.setAll(shared);
        doc.withObject("/event").put("kind", "signal");

        ObjectNode first = (ObjectNode) blocks.get(0).at("/kibana/alert");
        ObjectNode alert = doc.withObject("/kibana/alert");
        alert.put("uuid", groupId);
        alert.withObject("/group").put("id", groupId);
        for (String copied : List.of("status", "workflow_status", "severity", "risk_score", "rule")) {
            alert.set(copied, first.get(copied));
        }
        alert.set("reason", blocks.get(blocks.size() - 1).at("/kibana/alert/reason"));
        alert.put("depth", 2);
        ArrayNode ancestors = alert.putArray("ancestors");
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).at("/kibana/alert/ancestors").forEach(ancestors::add);
            ObjectNode signal = ancestors.addObject();
            signal.put("id", blockAlerts.get(i).getId());
            signal.put("type", "signal");
            signal.put("index", "");
            signal.put("depth", 1);
            signal.put("rule", ruleId);
        }
        doc.withArray("/kibana/space_ids").add("default");
        return doc;
    }

    /** The fields equal in both documents (Kibana's {@code objectPairIntersection}). */
    static ObjectNode intersection(ObjectNode a, ObjectNode b) {
        ObjectNode out = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = a.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode other = b.get(f.getKey());
            if (other == null) {
                continue;
            }
            if (f.getValue() instanceof ObjectNode x && other instanceof ObjectNode y) {
                ObjectNode common = intersection(x, y);
                if (!common.isEmpty()) {
                    out.set(f.getKey(), common);
                }
            } else if (f.getValue().equals(other)) {
                out.set(f.getKey(), f.getValue());
            }
        }
        return out;
    }

    /** Documents here are our own: event documents and alerts AlertBuilder wrote, always JSON objects. */
    private static ObjectNode parseObject(String json) {
        try {
            return JSON.readValue(json, ObjectNode.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
