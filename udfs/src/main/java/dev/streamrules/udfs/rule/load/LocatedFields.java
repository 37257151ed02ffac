package dev.streamrules.udfs.rule.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.udfs.rule.toml.TomlLocations;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a parsed rule file by dotted path ({@code rule.risk_score},
 * {@code rule.threat[0].tactic.id}) that record a {@link RuleProblem} at the right line and column when
 * a value is missing or of the wrong kind: at the value when there is one, else at the header of the
 * table that should hold it.
 */
final class LocatedFields {

    private final String file;
    private final JsonNode root;
    private final TomlLocations locations;
    private final List<RuleProblem> problems = new ArrayList<>();

    LocatedFields(String file, JsonNode root, TomlLocations locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    List<RuleProblem> problems() {
        return problems;
    }

    JsonNode node(String path) {
        JsonNode node = root;
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            node = node.path(name);
            if (bracket >= 0) {
                node = node.path(Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1)));
            }
        }
        return node;
    }

    boolean has(String path) {
        JsonNode n = node(path);
        return !n.isMissingNode() && !n.isNull();
    }

    /** A string, or {@code null} (and a problem when required) when absent; a problem when not a string. */
    String string(String path, boolean required) {
        JsonNode n = node(path);
        if (n.isMissingNode()) {
            if (required) {
                missing(path);
            }
            return null;
        }
        if (!n.isTextual()) {
            fail(path, path + " must be a string, was " + n);
            return null;
        }
        return n.asText();
    }

    /** A whole number, {@code fallback} when absent, {@code null} after a problem. */
    Integer integer(String path, Integer fallback, boolean required) {
        JsonNode n = node(path);
        if (n.isMissingNode()) {
            if (required) {
                missing(path);
            }
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            fail(path, path + " must be a whole number, was " + n);
            return null;
        }
        return n.asInt();
    }

    /** A list of strings; empty when absent. */
    List<String> strings(String path) {
        JsonNode n = node(path);
        List<String> out = new ArrayList<>();
        if (n.isMissingNode()) {
            return out;
        }
        if (!n.isArray()) {
            fail(path, path + " must be a list of strings, was " + n);
            return out;
        }
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                fail(path, path + " must be a list of strings, has " + item);
                return out;
            }
            out.add(item.asText());
        }
        return out;
    }

    /** Number of elements of an array of tables; 0 when absent, with a problem when not an array. */
    int count(String path) {
        JsonNode n = node(path);
        if (n.isMissingNode()) {
            return 0;
        }
        if (!n.isArray()) {
            fail(path, path + " must be an array of tables");
            return 0;
        }
        return n.size();
    }

    void missing(String path) {
        fail(path, "missing required key " + path);
    }

    void fail(String path, String message) {
        problems.add(at(path, message, false));
    }

    RuleProblem at(String path, String message, boolean skip) {
        return atOffset(offsetOf(path), message, skip);
    }

    RuleProblem atOffset(int offset, String message, boolean skip) {
        return new RuleProblem(file, locations.line(offset), locations.column(offset), message, skip);
    }

    /** The value of {@code path}, else its table header, else the nearest enclosing one; the file start at worst. */
    int offsetOf(String path) {
        String p = path;
        while (true) {
            int offset = locations.valueOffset(p);
            if (offset < 0) {
                offset = locations.tableOffset(p);
            }
            if (offset >= 0) {
                return offset;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return 0;
            }
            p = p.substring(0, cut);
        }
    }
}
