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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole document as a Jackson tree with dotted keys expanded into nested objects, both spellings
 * of a path merged into one multi-valued field (as Elasticsearch does). This is what alerts are built
 * from, and the authority on structural validity: the streaming parser hands every document it
 * cannot accept by itself (for dotted keys: that {@link ExpansionCheck} cannot vouch for) to {@link
 * #problem(byte[])}, so dead-letter reasons and verdicts are those of this one implementation.
 *
 * <p>Rejected: invalid JSON (Jackson's checks, duplicate keys, nesting deeper than
 * {@link EcsEventParser#MAX_DEPTH}), a root that is not an object, and after expansion: empty key
 * segments, nesting deeper than the limit, and a path that is both a value and an object.
 */
public final class NormalizedDocument {

    private static final int MAX_DEPTH = EcsEventParser.MAX_DEPTH;

    /** Jackson's checks as this class applies them: the nesting limit, duplicate keys. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper MAPPER =
            new ObjectMapper(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NormalizedDocument() {}

    /** The normalized document; {@link IllegalArgumentException} when it is not a valid event document. */
    public static ObjectNode of(byte[] json) {
        try {
            return read(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("event document is not valid JSON: " + e.getMessage(), e);
        } catch (InvalidDocument e) {
            throw new IllegalArgumentException("invalid event document: " + e.getMessage(), e);
        }
    }

    /** Why the document is not a valid event document (the dead-letter reason), or {@code null}. */
    static String problem(byte[] json) {
        try {
            read(json);
            return null;
        } catch (StreamConstraintsException e) {
            // Jackson's own nesting limit: same reason as nesting created by dotted keys.
            return "nesting deeper than " + MAX_DEPTH;
        } catch (JsonProcessingException e) {
            return "invalid JSON: " + describe(e);
        } catch (IOException e) {
            return "invalid JSON: " + e.getMessage();
        } catch (InvalidDocument e) {
            return e.getMessage();
        }
    }

    /**
     * Every non-null leaf of a normalized document by dotted path, in document order: the full field
     * index as the tree-based parser built it. The parser streams instead; this is the reference that
     * tests and benchmarks compare it with.
     */
    public static Map<String, String[]> leaves(ObjectNode document) {
        Map<String, List<String>> collected = new TreeMap<>();
        flatten(document, "", collected);
        Map<String, String[]> out = new TreeMap<>();
        collected.forEach((path, values) -> out.put(path, values.toArray(new String[0])));
        return out;
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

    private static ObjectNode read(byte[] json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (!(root instanceof ObjectNode)) {
            throw new InvalidDocument("not a JSON object");
        }
        if (!hasDottedKey(root)) {
            return (ObjectNode) root;
        }
        ObjectNode normalized = NODES.objectNode();
        expandInto(normalized, (ObjectNode) root, "", 1);
        return normalized;
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
                throw new InvalidDocument(
                        "empty field name in key \"" + key + "\"" + (path.isEmpty() ? "" : " under " + path));
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

    /** Structural problem found while normalizing; becomes the dead letter's reason. */
    private static final class InvalidDocument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidDocument(String message) {
            super(message, null, false, false);
        }
    }
}
