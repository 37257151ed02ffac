package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns raw records into {@link EcsEvent}s, or into dead letters with a reason. Never throws on bad
 * input: a malformed record must not stop the job.
 *
 * <p>Documents may use nested objects, dotted keys ({@code "process.name": "cat"}) or any mix; both
 * spellings of a path end up as one multi-valued field, as in Elasticsearch. Limits protect the job
 * from hostile or broken producers: records over {@link #MAX_RECORD_BYTES}, nesting deeper than
 * {@link #MAX_DEPTH} (counted after dotted keys are expanded), invalid UTF-8, invalid JSON,
 * duplicate keys (Elasticsearch rejects those documents too) and a missing or ambiguous
 * {@code host.id} (the job is keyed by it).
 *
 * <p>Thread-safe and serializable: Flink functions hold one instance.
 */
public final class EcsEventParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Records longer than 1 MiB are dead letters. */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    /** Objects and arrays nested deeper than this are dead letters. */
    public static final int MAX_DEPTH = 200;

    public static final String HOST_ID = "host.id";

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ParseResult parse(RawRecord record) {
        byte[] bytes = record.getPayload();
        if (record.isTruncated() || (bytes != null && bytes.length > MAX_RECORD_BYTES)) {
            return ParseResult.dead(record, "record larger than " + MAX_RECORD_BYTES + " bytes");
        }
        if (bytes == null || isBlank(bytes)) {
            return ParseResult.dead(record, "empty record");
        }
        int bad = Utf8.firstInvalid(bytes, bytes.length);
        if (bad >= 0) {
            return ParseResult.dead(record, "invalid UTF-8 at byte " + bad);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (StreamConstraintsException e) {
            // Jackson's own nesting limit: same reason as nesting created by dotted keys.
            return ParseResult.dead(record, "nesting deeper than " + MAX_DEPTH);
        } catch (JsonProcessingException e) {
            return ParseResult.dead(record, "invalid JSON: " + describe(e));
        } catch (IOException e) {
            return ParseResult.dead(record, "invalid JSON: " + e.getMessage());
        }
        if (!(root instanceof ObjectNode)) {
            return ParseResult.dead(record, "not a JSON object");
        }
        ObjectNode normalized;
        String document;
        if (hasDottedKey(root)) {
            normalized = NODES.objectNode();
            try {
                expandInto(normalized, (ObjectNode) root, "", 1);
            } catch (InvalidDocument e) {
                return ParseResult.dead(record, e.getMessage());
            }
            document = normalized.toString();
        } else {
            // Already nested (the common case): nothing to merge or re-serialize, keep the sender's text.
            normalized = (ObjectNode) root;
            document = new String(bytes, StandardCharsets.UTF_8).strip();
        }
        Map<String, List<String>> collected = new TreeMap<>();
        flatten(normalized, "", collected);
        Map<String, String[]> fields = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : collected.entrySet()) {
            fields.put(e.getKey(), e.getValue().toArray(new String[0]));
        }
        String[] hostIds = fields.get(HOST_ID);
        if (hostIds == null || hostIds.length == 0 || hostIds[0].isEmpty()) {
            return ParseResult.dead(record, "missing host.id");
        }
        if (hostIds.length > 1) {
            return ParseResult.dead(record, "host.id has " + hostIds.length + " values, expected one");
        }
        return ParseResult.valid(new EcsEvent(
                record, hostIds[0], timestampOf(normalized.get("@timestamp")), document, fields));
    }

    private static boolean hasDottedKey(JsonNode node) {
        if (node instanceof ObjectNode) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().indexOf('.') >= 0 || f.getKey().isBlank() || hasDottedKey(f.getValue())) {
                    return true;
                }
            }
        } else if (node instanceof ArrayNode) {
            for (JsonNode element : node) {
                if (hasDottedKey(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        JsonLocation at = e.getLocation();
        return at == null ? message : message + " (column " + at.getColumnNr() + ")";
    }

    /** Copies {@code from} into {@code into}, turning each dotted key into nested objects. */
    private static void expandInto(ObjectNode into, ObjectNode from, String path, int depth) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            String[] segments = splitKey(field.getKey(), path);
            ObjectNode parent = into;
            String parentPath = path;
            int level = depth;
            for (int i = 0; i < segments.length - 1; i++) {
                parentPath = join(parentPath, segments[i]);
                level++;
                checkDepth(level);
                JsonNode child = parent.get(segments[i]);
                if (child == null || child.isNull()) {
                    child = parent.putObject(segments[i]); // a null object is no object: nothing to keep
                } else if (child instanceof ArrayNode && !hasValue(child)) {
                    // {"a": [{...}], "a.b": 1}: the dotted key adds one more object to the array
                    level++;
                    checkDepth(level);
                    child = ((ArrayNode) child).addObject();
                } else if (!(child instanceof ObjectNode)) {
                    throw new InvalidDocument("field " + parentPath + " is both a value and an object");
                }
                parent = (ObjectNode) child;
            }
            String leaf = segments[segments.length - 1];
            String leafPath = join(parentPath, leaf);
            JsonNode value = normalize(field.getValue(), leafPath, level + 1);
            JsonNode existing = parent.get(leaf);
            parent.set(leaf, existing == null ? value : merge(existing, value, leafPath, level + 1));
        }
    }

    private static JsonNode normalize(JsonNode value, String path, int depth) {
        if (value instanceof ObjectNode) {
            checkDepth(depth);
            ObjectNode out = NODES.objectNode();
            expandInto(out, (ObjectNode) value, path, depth);
            return out;
        }
        if (value instanceof ArrayNode) {
            checkDepth(depth);
            ArrayNode out = NODES.arrayNode(value.size());
            for (JsonNode element : value) {
                out.add(normalize(element, path, depth + 1));
            }
            return out;
        }
        return value;
    }

    /** Two spellings of one path: objects merge, values become one multi-valued field. */
    private static JsonNode merge(JsonNode existing, JsonNode incoming, String path, int depth) {
        if (existing instanceof ObjectNode && incoming instanceof ObjectNode) {
            ObjectNode target = (ObjectNode) existing;
            Iterator<Map.Entry<String, JsonNode>> it = incoming.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String childPath = join(path, f.getKey());
                JsonNode prior = target.get(f.getKey());
                target.set(f.getKey(), prior == null ? f.getValue() : merge(prior, f.getValue(), childPath, depth + 1));
            }
            return target;
        }
        if ((hasObject(existing) && hasValue(incoming)) || (hasValue(existing) && hasObject(incoming))) {
            throw new InvalidDocument("field " + path + " is both a value and an object");
        }
        checkDepth(depth);
        ArrayNode merged = NODES.arrayNode();
        appendAll(merged, existing);
        appendAll(merged, incoming);
        return merged;
    }

    /** An object, or an array holding one at any depth. */
    private static boolean hasObject(JsonNode node) {
        if (node instanceof ObjectNode) {
            return true;
        }
        if (node instanceof ArrayNode) {
            for (JsonNode element : node) {
                if (hasObject(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A non-null scalar, or an array holding one at any depth. Nulls and empty arrays are neither. */
    private static boolean hasValue(JsonNode node) {
        if (node instanceof ArrayNode) {
            for (JsonNode element : node) {
                if (hasValue(element)) {
                    return true;
                }
            }
            return false;
        }
        return !(node instanceof ObjectNode) && !node.isNull();
    }

    private static void appendAll(ArrayNode into, JsonNode node) {
        if (node instanceof ArrayNode) {
            into.addAll((ArrayNode) node);
        } else {
            into.add(node);
        }
    }

    private static String[] splitKey(String key, String path) {
        String[] segments = key.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isBlank()) {
                throw new InvalidDocument("empty field name in key \"" + key + "\"" + (path.isEmpty() ? "" : " under " + path));
            }
        }
        return segments;
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidDocument("nesting deeper than " + MAX_DEPTH);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static void flatten(JsonNode node, String path, Map<String, List<String>> out) {
        if (node instanceof ObjectNode) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(f.getValue(), join(path, f.getKey()), out);
            }
        } else if (node instanceof ArrayNode) {
            for (JsonNode element : node) {
                flatten(element, path, out);
            }
        } else if (node != null && !node.isNull()) {
            out.computeIfAbsent(path, p -> new ArrayList<>(1)).add(node.asText());
        }
    }

    /** Epoch millis of an ISO-8601 text (any precision) or a number of epoch millis. */
    static long timestampOf(JsonNode node) {
        if (node == null) {
            return EcsEvent.NO_TIMESTAMP;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                return EcsEvent.NO_TIMESTAMP;
            }
        }
        return EcsEvent.NO_TIMESTAMP;
    }

    /** Structural problem found while normalizing; becomes the dead letter's reason. */
    private static final class InvalidDocument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidDocument(String message) {
            super(message, null, false, false);
        }
    }
}
