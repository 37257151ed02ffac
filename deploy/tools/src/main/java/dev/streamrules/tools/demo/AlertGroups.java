package dev.streamrules.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert documents sorted out the way Kibana writes them: single-event alerts, and sequence groups (a
 * shell alert whose {@code kibana.alert.ancestors} list the member events, plus one building-block
 * alert per member). Each shell becomes a truth line {@code SEQ <rule_id> <member event ids>}, the
 * form the simulator's ground truth uses, so a run is compared with the truth line for line.
 *
 * <p>Documents are told apart by {@code kibana.alert.uuid} unless the caller says otherwise: the same
 * document read twice counts once, a second document for the same event or group is a duplicate.
 */
public final class AlertGroups {

    /** Document id to truth line, per kind; a set of the values shows repeats. */
    private final Map<String, String> shellLines = new LinkedHashMap<>();

    private final Map<String, String> singleEventIds = new LinkedHashMap<>();
    private final Map<String, List<String>> shellMembers = new HashMap<>();
    /** Group id to group index to (document id to member event id). */
    private final Map<String, Map<Integer, Map<String, String>>> blocks = new HashMap<>();

    /** The alert documents, sorted out. */
    public static AlertGroups of(Iterable<JsonNode> documents) {
        AlertGroups groups = new AlertGroups();
        documents.forEach(groups::add);
        return groups;
    }

    /** Sorts out one alert document (its {@code _source}), told apart from others by its alert id. */
    public void add(JsonNode document) {
        add(document, document.path("kibana").path("alert").path("uuid").asText());
    }

    /**
     * Sorts out one alert document; {@code documentId} tells documents apart (a Kafka consumer passes
     * the record's offset too, so that the same alert written twice counts twice).
     */
    public void add(JsonNode document, String documentId) {
        JsonNode alert = document.path("kibana").path("alert");
        String uuid = documentId;
        String eventId = alert.path("original_event").path("id").asText();
        String group = alert.path("group").path("id").asText();
        if (alert.path("building_block_type").asText().equals("default")) {
            blocks.computeIfAbsent(group, g -> new TreeMap<>())
                    .computeIfAbsent(alert.path("group").path("index").asInt(), i -> new HashMap<>())
                    .put(uuid, eventId);
        } else if (alert.has("group")) {
            List<String> members = new ArrayList<>();
            alert.path("ancestors").forEach(a -> {
                if (a.path("type").asText().equals("event")) {
                    members.add(a.path("id").asText());
                }
            });
            shellLines.put(
                    uuid, "SEQ " + alert.path("rule").path("rule_id").asText() + " " + String.join(",", members));
            shellMembers.put(group, members);
        } else {
            singleEventIds.put(uuid, eventId);
        }
    }

    /** One truth line per shell alert ({@code SEQ <rule_id> <ids>}), duplicates included. */
    public List<String> shellLines() {
        return List.copyOf(shellLines.values());
    }

    /** Member event ids per group id, from the shell alerts' ancestors. */
    public Map<String, List<String>> shellMembers() {
        return Map.copyOf(shellMembers);
    }

    /** Member event ids per group id, from the building blocks in group index order. */
    public Map<String, List<String>> blockMembers() {
        Map<String, List<String>> out = new HashMap<>();
        blocks.forEach((group, byIndex) -> out.put(
                group,
                byIndex.values().stream()
                        .flatMap(docs -> docs.values().stream())
                        .toList()));
        return out;
    }

    /** Source event ids of the single-event alerts, duplicates included. */
    public List<String> singleEventIds() {
        return List.copyOf(singleEventIds.values());
    }

    /** Documents beyond the first for the same single event. */
    public int singleEventDuplicates() {
        return singleEventIds.size() - new HashSet<>(singleEventIds.values()).size();
    }

    /**
     * Documents beyond the first for the same sequence (rule and members) or the same building-block
     * position of a group.
     */
    public int sequenceDuplicates() {
        int extra = shellLines.size() - new HashSet<>(shellLines.values()).size();
        for (Map<Integer, Map<String, String>> group : blocks.values()) {
            for (Map<String, String> docs : group.values()) {
                extra += docs.size() - 1;
            }
        }
        return extra;
    }
}
