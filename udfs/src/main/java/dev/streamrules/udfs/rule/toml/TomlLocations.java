package dev.streamrules.udfs.rule.toml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where things are in a TOML document that already parsed: the line and column of every table header
 * and of every key's value, so problems found in the parsed tree can point into the file. The TOML
 * library gives a tree without positions, hence this second, read-only scan.
 *
 * <p>Paths are dotted, with array-of-tables elements indexed: {@code rule}, {@code rule.rule_id},
 * {@code rule.threat[0]}, {@code rule.threat[0].technique[1].id}. Keys inside inline tables and
 * arrays are not indexed (their container's value position is).
 */
public final class TomlLocations {

    private final String text;
    private final int[] lineStarts;
    private final Map<String, Integer> tables = new HashMap<>();
    private final Map<String, Integer> values = new HashMap<>();

    private TomlLocations(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Scans {@code text}, which must be valid TOML (parse it with the TOML library first). */
    public static TomlLocations of(String text) {
        TomlLocations locations = new TomlLocations(text);
        new Scanner(text, locations.tables, locations.values).scan();
        return locations;
    }

    /** Offset of the first character of the value of {@code path}, or -1 when the key is not in the file. */
    public int valueOffset(String path) {
        return values.getOrDefault(path, -1);
    }

    /** Offset of the {@code [table]} or {@code [[table]]} header of {@code path}, or -1. */
    public int tableOffset(String path) {
        return tables.getOrDefault(path, -1);
    }

    /** One-based line of a character offset. */
    public int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** One-based column of a character offset. */
    public int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    public String text() {
        return text;
    }

    /** A tolerant walk over valid TOML: headers, keys, and values skipped without interpretation. */
    private static final class Scanner {
        private final String s;
        private final Map<String, Integer> tables;
        private final Map<String, Integer> values;
        /** Array-of-tables paths (with their parents' indices) to their current element index. */
        private final Map<String, Integer> arrays = new HashMap<>();

        private int pos;
        private String table = "";

        Scanner(String s, Map<String, Integer> tables, Map<String, Integer> values) {
            this.s = s;
            this.tables = tables;
            this.values = values;
        }

        void scan() {
            while (true) {
                skipBlankAndComments(true);
                if (pos >= s.length()) {
                    return;
                }
                int start = pos;
                if (s.startsWith("[[", pos)) {
                    pos += 2;
                    String path = resolve(readKey());
                    int index = arrays.merge(path, 0, (old, zero) -> old + 1);
                    table = path + "[" + index + "]";
                    tables.put(table, start);
                    skipPast(']');
                    skipPast(']');
                } else if (s.charAt(pos) == '[') {
                    pos++;
                    table = resolve(readKey());
                    tables.put(table, start);
                    skipPast(']');
                } else {
                    String key = readKey();
                    skipBlankAndComments(false);
                    if (pos < s.length() && s.charAt(pos) == '=') {
                        pos++;
                    }
                    skipBlankAndComments(false);
                    values.putIfAbsent(table.isEmpty() ? key : table + "." + key, pos);
                    skipValue();
                }
                if (pos == start) {
                    pos++; // never loop on something unexpected
                }
            }
        }

        /** Gives every array-of-tables prefix of a header its current index: rule.threat.tactic → rule.threat[0].tactic. */
        private String resolve(String dotted) {
            StringBuilder out = new StringBuilder();
            String[] parts = dotted.split("\\.", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.append('.');
                }
                out.append(parts[i]);
                Integer index = arrays.get(out.toString());
                if (index != null && i < parts.length - 1) {
                    out.append('[').append(index).append(']');
                }
            }
            return out.toString();
        }

        /** A dotted key of bare and quoted parts, returned with quotes removed and parts joined by dots. */
        private String readKey() {
            StringBuilder key = new StringBuilder();
            while (pos < s.length()) {
                skipBlankAndComments(false);
                if (pos >= s.length()) {
                    break;
                }
                char c = s.charAt(pos);
                if (c == '"' || c == '\'') {
                    int end = s.indexOf(c, pos + 1);
                    end = end < 0 ? s.length() : end;
                    key.append(s, pos + 1, end);
                    pos = Math.min(end + 1, s.length());
                } else {
                    int begin = pos;
                    while (pos < s.length()
                            && (Character.isLetterOrDigit(s.charAt(pos))
                                    || s.charAt(pos) == '_'
                                    || s.charAt(pos) == '-')) {
                        pos++;
                    }
                    key.append(s, begin, pos);
                }
                skipBlankAndComments(false);
                if (pos < s.length() && s.charAt(pos) == '.') {
                    key.append('.');
                    pos++;
                } else {
                    break;
                }
            }
            return key.toString();
        }

        private void skipValue() {
            if (pos >= s.length()) {
                return;
            }
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                pos = TomlStrings.end(s, pos);
            } else if (c == '[' || c == '{') {
                skipBracketed();
            } else {
                while (pos < s.length() && " \t\r\n#,]}".indexOf(s.charAt(pos)) < 0) {
                    pos++;
                }
            }
        }

        /** Skips a (possibly nested, multi-line) array or inline table, minding strings and comments. */
        private void skipBracketed() {
            int depth = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"' || c == '\'') {
                    pos = TomlStrings.end(s, pos);
                    continue;
                }
                if (c == '#') {
                    skipToLineEnd();
                    continue;
                }
                pos++;
                if (c == '[' || c == '{') {
                    depth++;
                } else if ((c == ']' || c == '}') && --depth == 0) {
                    return;
                }
            }
        }

        private void skipBlankAndComments(boolean newlines) {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
                    pos++;
                } else if (c == '#' && newlines) {
                    skipToLineEnd();
                } else {
                    return;
                }
            }
        }

        private void skipToLineEnd() {
            while (pos < s.length() && s.charAt(pos) != '\n') {
                pos++;
            }
        }

        private void skipPast(char c) {
            while (pos < s.length() && s.charAt(pos) != c && s.charAt(pos) != '\n') {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
            }
        }
    }
}
