package dev.streamrules.job.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Shrinks a JSON object to a byte budget by one documented rule, so an output never exceeds what its
 * sink accepts (Kafka {@code max.request.size}, Elasticsearch {@code http.max_content_length}):
 *
 * <ol>
 *   <li>A document within the budget is returned unchanged.</li>
 *   <li>Otherwise every string value longer than a cap is cut to the cap and ends with
 *       {@value #MARKER}; the cap is the largest (at least {@value #MIN_STRING_CHARS} characters) that
 *       fits, so short values (ids, names, timestamps) are never touched and long ones keep their start.</li>
 *   <li>If the minimum cap is not enough, arrays are also cut to their first N elements (largest N that fits).</li>
 *   <li>The flag field given by the caller (e.g. {@code kibana.alert.original_truncated}) is set to true.</li>
 * </ol>
 *
 * If even that does not fit, {@link #shrink} returns null and the caller falls back to a compact form.
 */
public final class JsonShrinker {

    /** Appended to every cut string value. */
    public static final String MARKER = "…[truncated]";
    /** Strings this short are never cut. */
    public static final int MIN_STRING_CHARS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonShrinker() {}

    /** Bytes of {@code s} in UTF-8, without encoding it. */
    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * The document within {@code maxBytes} UTF-8 bytes: unchanged when it fits, shrunk by the rule above
     * with {@code flagPath} (dotted, e.g. {@code kibana.alert.original_truncated}) set to true, or null
     * when it is not a JSON object or cannot be shrunk enough.
     */
    public static String shrink(String json, long maxBytes, String flagPath) {
        if (utf8Length(json) <= maxBytes) {
            return json;
        }
        ObjectNode original;
        try {
            JsonNode parsed = JSON.readTree(json);
            if (!(parsed instanceof ObjectNode)) {
                return null;
            }
            original = (ObjectNode) parsed;
        } catch (JsonProcessingException e) {
            return null;
        }
        setFlag(original, flagPath);
        int longest = Math.max(MIN_STRING_CHARS, longestString(original));
        // Largest string cap that fits (binary search on the real serialized size).
        int low = MIN_STRING_CHARS;
        int high = longest;
        String best = null;
        String atLow = cut(original, low, Integer.MAX_VALUE);
        if (utf8Length(atLow) <= maxBytes) {
            best = atLow;
            while (low < high) {
                int mid = low + (high - low + 1) / 2;
                String candidate = cut(original, mid, Integer.MAX_VALUE);
                if (utf8Length(candidate) <= maxBytes) {
                    best = candidate;
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return best;
        }
        // Strings at the minimum cap are not enough: also cut arrays to their first N elements.
        int lowN = 0;
        int highN = longestArray(original);
        if (utf8Length(cut(original, MIN_STRING_CHARS, 0)) > maxBytes) {
            return null;
        }
        while (lowN < highN) {
            int mid = lowN + (highN - lowN + 1) / 2;
            if (utf8Length(cut(original, MIN_STRING_CHARS, mid)) <= maxBytes) {
                lowN = mid;
            } else {
                highN = mid - 1;
            }
        }
        return cut(original, MIN_STRING_CHARS, lowN);
    }

    static void setFlag(ObjectNode doc, String dottedPath) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode node = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.put(parts[parts.length - 1], true);
    }

    private static String cut(ObjectNode doc, int maxChars, int maxElements) {
        return cutNode(doc, maxChars, maxElements).toString();
    }

    private static JsonNode cutNode(JsonNode node, int maxChars, int maxElements) {
        if (node.isTextual()) {
            String s = node.textValue();
            if (s.length() <= maxChars) {
                return node;
            }
            // never cut a surrogate pair in half: a lone surrogate is not valid text
            int end = Character.isHighSurrogate(s.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
            return TextNode.valueOf(s.substring(0, end) + MARKER);
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.set(f.getKey(), cutNode(f.getValue(), maxChars, maxElements));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            int n = Math.min(node.size(), maxElements);
            for (int i = 0; i < n; i++) {
                out.add(cutNode(node.get(i), maxChars, maxElements));
            }
            return out;
        }
        return node;
    }

    private static int longestString(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().length();
        }
        int max = 0;
        for (JsonNode child : node) {
            max = Math.max(max, longestString(child));
        }
        return max;
    }

    private static int longestArray(JsonNode node) {
        int max = node.isArray() ? node.size() : 0;
        for (JsonNode child : node) {
            max = Math.max(max, longestArray(child));
        }
        return max;
    }
}
