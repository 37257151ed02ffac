package dev.streamrules.tools.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Rewrites parts of a nested document with dotted keys, as some shippers and pipelines do
 * ({@code "process.name": "cat"} at the top, {@code "entry_leader.name"} inside {@code process}, or a
 * whole object spelled out leaf by leaf). The document means the same to Elasticsearch either way,
 * so the parser must treat it the same.
 */
final class DottedKeys {

    private static final String[] CANDIDATES = {
        "process.name",
        "process.args",
        "process.executable",
        "process.pid",
        "process.entity_id",
        "process.parent",
        "process.parent.entity_id",
        "process.Ext.ancestry",
        "process.entry_leader",
        "process.entry_leader.name",
        "process.entry_leader.entry_meta.type",
        "process.entry_leader.user.id",
        "process.session_leader",
        "process.group_leader",
        "event.action",
        "event.type",
        "event.category",
        "event.id",
        "host.os.type",
        "host.os",
        "host.id",
        "host.name",
        "user.id",
        "event",
        "host"
    };

    private DottedKeys() {}

    /** Draws the same number of values whatever the document holds, so stripped and full runs stay in step. */
    static void apply(ObjectNode document, Dice dice) {
        for (int moves = dice.between(1, 4); moves > 0; moves--) {
            String path = dice.pick(CANDIDATES);
            int style = dice.between(0, 2);
            move(document, path, style);
        }
    }

    private static void move(ObjectNode root, String path, int style) {
        String[] segments = path.split("\\.");
        ObjectNode[] chain = new ObjectNode[segments.length];
        chain[0] = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode next = chain[i].get(segments[i]);
            if (!(next instanceof ObjectNode)) {
                return; // already moved, or stripped
            }
            chain[i + 1] = (ObjectNode) next;
        }
        JsonNode value = chain[segments.length - 1].get(segments[segments.length - 1]);
        if (value == null || (segments.length == 1 && style != 2)) {
            return;
        }
        chain[segments.length - 1].remove(segments[segments.length - 1]);
        for (int i = segments.length - 1; i >= 1 && chain[i].isEmpty(); i--) {
            chain[i - 1].remove(segments[i - 1]);
        }
        switch (style) {
            case 0 -> root.set(path, value);
            case 1 -> {
                JsonNode top = root.get(segments[0]);
                if (segments.length >= 3 && top == chain[1]) {
                    chain[1].set(path.substring(segments[0].length() + 1), value);
                } else {
                    root.set(path, value);
                }
            }
            default -> spellOut(root, path, value);
        }
    }

    private static void spellOut(ObjectNode root, String path, JsonNode value) {
        if (value instanceof ObjectNode) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                spellOut(root, path + "." + field.getKey(), field.getValue());
            }
        } else {
            root.set(path, value);
        }
    }
}
