package dev.streamrules.udfs.eql.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads field types out of the JSON shapes Elasticsearch uses for mappings: a bare mapping
 * ({@code {"properties": ...}}), a mapping body ({@code {"mappings": ...}}), the answer of
 * {@code GET index/_mapping} ({@code {"index": {"mappings": ...}}}), an index or component template
 * ({@code {"template": {"mappings": ...}}}) and the answers of {@code GET _index_template} /
 * {@code GET _component_template} (lists of those). Everything found is merged.
 */
final class MappingReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingReader() {}

    static Map<String, FieldInfo> read(Path file) throws IOException {
        try {
            return read(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, FieldInfo> read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        Map<String, FieldInfo> fields = new TreeMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        if (!collect(root, fields, aliases, 0)) {
            throw new IllegalArgumentException(
                    "no mapping found: expected \"properties\", \"mappings\" or \"template\"");
        }
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            FieldInfo target = fields.get(alias.getValue());
            if (target == null) {
                throw new IllegalArgumentException(
                        "alias [" + alias.getKey() + "] points at unknown field [" + alias.getValue() + "]");
            }
            // The alias is queried by its own name but the value lives at the target's path.
            fields.put(alias.getKey(), target);
        }
        return fields;
    }

    /** Finds mappings anywhere a known wrapper puts them; true when at least one was found. */
    private static boolean collect(
            JsonNode node, Map<String, FieldInfo> fields, Map<String, String> aliases, int depth) {
        if (node == null || depth > 8) {
            return false;
        }
        if (node.isArray()) {
            boolean found = false;
            for (JsonNode element : node) {
                found |= collect(element, fields, aliases, depth + 1);
            }
            return found;
        }
        if (!node.isObject()) {
            return false;
        }
        if (node.has("properties")) {
            properties(node.get("properties"), "", fields, aliases);
            return true;
        }
        for (String wrapper : new String[] {
            "mappings", "template", "index_template", "component_template", "index_templates", "component_templates"
        }) {
            if (node.has(wrapper)) {
                return collect(node.get(wrapper), fields, aliases, depth + 1);
            }
        }
        // GET index/_mapping: {"index-name": {"mappings": ...}, ...}
        boolean found = false;
        Iterator<JsonNode> values = node.elements();
        while (values.hasNext()) {
            JsonNode value = values.next();
            if (value.isObject() && value.has("mappings")) {
                found |= collect(value, fields, aliases, depth + 1);
            }
        }
        return found;
    }

    private static void properties(
            JsonNode properties, String prefix, Map<String, FieldInfo> fields, Map<String, String> aliases) {
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            field(prefix + entry.getKey(), entry.getValue(), fields, aliases);
        }
    }

    private static void field(String path, JsonNode def, Map<String, FieldInfo> fields, Map<String, String> aliases) {
        String esType = def.hasNonNull("type") ? def.get("type").asText() : "object";
        if (esType.equals("alias")) {
            if (!def.hasNonNull("path")) {
                throw new IllegalArgumentException("alias [" + path + "] has no path");
            }
            aliases.put(path, def.get("path").asText());
            return;
        }
        FieldType type = FieldType.fromElasticsearch(esType);
        int ignoreAbove = def.has("ignore_above") ? def.get("ignore_above").asInt() : FieldInfo.UNLIMITED;
        boolean hasExact = type != FieldType.TEXT;
        if (def.has("fields")) {
            Iterator<Map.Entry<String, JsonNode>> subs = def.get("fields").fields();
            while (subs.hasNext()) {
                Map.Entry<String, JsonNode> sub = subs.next();
                field(path + "." + sub.getKey(), sub.getValue(), fields, aliases);
                FieldInfo subInfo = fields.get(path + "." + sub.getKey());
                if (subInfo != null) {
                    // A multi-field indexes the parent's value: the event carries it at the parent's path.
                    fields.put(path + "." + sub.getKey(), subInfo.withPath(path));
                }
                if (type == FieldType.TEXT && !hasExact && subInfo != null && subInfo.type() == FieldType.KEYWORD) {
                    // EQL compares a text field through its keyword multi-field, with that field's limit.
                    hasExact = true;
                    ignoreAbove = subInfo.ignoreAbove();
                }
            }
        }
        fields.put(path, new FieldInfo(path, type, esType, ignoreAbove, hasExact));
        if (def.has("properties")) {
            properties(def.get("properties"), path + ".", fields, aliases);
        }
    }
}
