package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One streaming pass over one document: records the leaves a {@link FieldProjection} wants (as the
 * text Elasticsearch would index for a keyword: strings, numbers as written, {@code true}/{@code false};
 * nulls dropped; arrays transparent) and walks everything else token by token without decoding it.
 *
 * <p>The walk still sees every key, so it notices dotted or blank keys anywhere (also in subtrees no
 * rule reads): such documents need an expansion check ({@link ExpansionCheck}, else {@link
 * NormalizedDocument}) before they are valid.
 * Jackson rejects malformed JSON and raw nesting deeper than the limit in this pass, {@link ObjectKeys}
 * duplicate keys. Not thread-safe: one instance per document.
 */
final class ProjectedReader {

    private static final String TIMESTAMP = "@timestamp";

    private final FieldProjection.Node root;
    private final String[] slotPaths;
    private final String[][] slotValues;
    private final int[] slotCounts;
    private TreeMap<String, List<String>> dynamic;
    private boolean dottedKeys;
    private long timestampMillis = EcsEvent.NO_TIMESTAMP;
    private final boolean readTimestamp;
    private String[] names;
    private String[][] values;
    private ObjectKeys keys;

    ProjectedReader(FieldProjection projection, boolean readTimestamp) {
        this.root = projection.root();
        this.slotPaths = projection.slotPaths();
        this.slotValues = new String[slotPaths.length][];
        this.slotCounts = new int[slotPaths.length];
        this.readTimestamp = readTimestamp;
    }

    /**
     * Reads one whole document. False when it is not a single JSON object; Jackson's exceptions
     * (invalid JSON, duplicate keys, nesting) propagate.
     */
    boolean read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        keys = new ObjectKeys(); // only this pass needs it: the plain scanner checks keys itself
        readObject(p, root, root.path, true);
        return p.nextToken() == null && !keys.duplicateSeen();
    }

    /** Whether some key anywhere had a dot or was blank (then the document needs expanding to be checked). */
    boolean hasDottedKeys() {
        return dottedKeys;
    }

    long timestampMillis() {
        return timestampMillis;
    }

    FieldProjection.Node root() {
        return root;
    }

    boolean readsTimestamp() {
        return readTimestamp;
    }

    void timestampMillis(long millis) {
        timestampMillis = millis;
    }

    /** Values of one path, in document order, or {@code null}. */
    String[] values(String path) {
        int slot = Arrays.binarySearch(slotPaths, path);
        if (slot >= 0) {
            return slotCounts[slot] == 0 ? null : Arrays.copyOf(slotValues[slot], slotCounts[slot]);
        }
        List<String> values = dynamic == null ? null : dynamic.get(path);
        return values == null ? null : values.toArray(new String[0]);
    }

    /** The recorded paths, sorted: with {@link #fieldValues()}, the event's field index. */
    String[] fieldNames() {
        index();
        return names;
    }

    String[][] fieldValues() {
        index();
        return values;
    }

    private void index() {
        if (names != null) {
            return;
        }
        int filled = 0;
        for (int count : slotCounts) {
            filled += count > 0 ? 1 : 0;
        }
        int total = filled + (dynamic == null ? 0 : dynamic.size());
        names = new String[total];
        values = new String[total][];
        Iterator<Map.Entry<String, List<String>>> more =
                dynamic == null ? null : dynamic.entrySet().iterator();
        Map.Entry<String, List<String>> next = more != null && more.hasNext() ? more.next() : null;
        int slot = nextFilled(0);
        for (int i = 0; i < total; i++) {
            // merge two sorted sequences; they never share a path (a prefix owns everything below it)
            if (next == null || (slot < slotPaths.length && slotPaths[slot].compareTo(next.getKey()) < 0)) {
                names[i] = slotPaths[slot];
                values[i] = slotValues[slot].length == slotCounts[slot]
                        ? slotValues[slot]
                        : Arrays.copyOf(slotValues[slot], slotCounts[slot]);
                slot = nextFilled(slot + 1);
            } else {
                names[i] = next.getKey();
                values[i] = next.getValue().toArray(new String[0]);
                next = more.hasNext() ? more.next() : null;
            }
        }
    }

    private int nextFilled(int from) {
        int slot = from;
        while (slot < slotCounts.length && slotCounts[slot] == 0) {
            slot++;
        }
        return slot;
    }

    /**
     * Reads an object's members. {@code node} is where the object sits in the projection's trie;
     * when it wants everything below, {@code path} is the object's dotted path.
     */
    private void readObject(JsonParser p, FieldProjection.Node node, String path, boolean atRoot) throws IOException {
        keys.open();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            boolean dotted = isDottedOrBlank(key);
            dottedKeys |= dotted;
            keys.add(key);
            FieldProjection.Node child;
            String childPath = null;
            if (node.everything) {
                child = node;
                childPath = path.isEmpty() ? key : path + "." + key;
            } else if (!dotted) {
                child = node.child(key);
                childPath = child != null && child.everything ? child.path : null;
            } else {
                child = node;
                int from = 0;
                while (child != null && !child.everything && from <= key.length()) {
                    int dot = key.indexOf('.', from);
                    int end = dot < 0 ? key.length() : dot;
                    child = child.child(key.substring(from, end));
                    from = end + 1;
                }
                if (child != null && child.everything) {
                    childPath = from > key.length() ? child.path : child.path + "." + key.substring(from);
                }
            }
            JsonToken value = p.nextToken();
            if (atRoot && readTimestamp && TIMESTAMP.equals(key)) {
                timestampMillis = EventTimestamps.read(p, value);
            }
            readValue(p, value, child, childPath);
        }
        keys.close();
    }

    private void readValue(JsonParser p, JsonToken token, FieldProjection.Node node, String path) throws IOException {
        if (node == null) {
            if (token.isStructStart()) {
                skip(p);
            }
            return;
        }
        switch (token.id()) {
            case JsonTokenId.ID_START_OBJECT:
                if (node.everything || node.hasChildren()) {
                    readObject(p, node, path, false);
                } else {
                    skip(p);
                }
                break;
            case JsonTokenId.ID_START_ARRAY:
                JsonToken element;
                while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
                    readValue(p, element, node, path);
                }
                break;
            case JsonTokenId.ID_STRING:
            case JsonTokenId.ID_NUMBER_INT:
            case JsonTokenId.ID_NUMBER_FLOAT:
                if (node.wantsValue()) {
                    add(node, path, p.getText());
                }
                break;
            case JsonTokenId.ID_TRUE:
                if (node.wantsValue()) {
                    add(node, path, "true");
                }
                break;
            case JsonTokenId.ID_FALSE:
                if (node.wantsValue()) {
                    add(node, path, "false");
                }
                break;
            default:
                break; // null: not indexed, as in Elasticsearch
        }
    }

    /**
     * Skips the object or array just opened without decoding values. Jackson checks syntax and
     * depth; keys are checked for duplicates and dots here, until the first dotted key (after that
     * the expansion check re-reads the whole document anyway and checks duplicates itself).
     */
    private void skip(JsonParser p) throws IOException {
        if (dottedKeys || keys.duplicateSeen()) {
            p.skipChildren();
            return;
        }
        if (p.currentToken() == JsonToken.START_OBJECT) {
            keys.open();
        }
        int open = 1;
        while (open > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return; // Jackson reports the missing end; defensive only
            }
            switch (t.id()) {
                case JsonTokenId.ID_START_OBJECT:
                    keys.open();
                    open++;
                    break;
                case JsonTokenId.ID_START_ARRAY:
                    open++;
                    break;
                case JsonTokenId.ID_END_OBJECT:
                    keys.close();
                    open--;
                    break;
                case JsonTokenId.ID_END_ARRAY:
                    open--;
                    break;
                case JsonTokenId.ID_FIELD_NAME:
                    String key = p.currentName();
                    dottedKeys |= isDottedOrBlank(key);
                    keys.add(key);
                    break;
                default:
                    break;
            }
        }
    }

    /** Records one value of a wanted path: {@code node}'s slot, or {@code path} below a prefix. */
    void add(FieldProjection.Node node, String path, String text) {
        if (node.slot >= 0) {
            int slot = node.slot;
            String[] values = slotValues[slot];
            if (values == null) {
                values = slotValues[slot] = new String[1];
            } else if (slotCounts[slot] == values.length) {
                values = slotValues[slot] = Arrays.copyOf(values, values.length * 2);
            }
            values[slotCounts[slot]++] = text;
            return;
        }
        if (dynamic == null) {
            dynamic = new TreeMap<>();
        }
        dynamic.computeIfAbsent(path, k -> new ArrayList<>(1)).add(text);
    }

    private static boolean isDottedOrBlank(String key) {
        return key.indexOf('.') >= 0 || key.isBlank();
    }
}
