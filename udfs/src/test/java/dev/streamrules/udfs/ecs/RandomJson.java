package dev.streamrules.udfs.ecs;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Random valid JSON objects without duplicate keys (what the parser accepts), in every spelling that
 * matters to a scan of the text: whitespace anywhere, escapes, structural characters and non-ASCII
 * inside strings, every number form, deep nesting, and now and then a dotted or blank key.
 */
final class RandomJson {

    private static final String[] KEYS = {"a", "b", "event", "kind", "@timestamp", "é", "k:{", "x,]", "ab", "c d"};

    private static final String[] RARE_KEYS = {"x.y", "", " ", ".", "\\t"};

    private static final String[] TEXT = {
        "a", "b", ".", " ", "é", "€", "😀", "\\\"", "\\\\", "\\/", "\\u0041", "\\n", ",", ":", "{", "}", "[", "]"
    };

    private static final String[] SCALARS = {
        "0", "-1", "3.25", "1e3", "-2.5E-7", "12345678901234567890123", "true", "false", "null"
    };

    private static final String[] WHITESPACE = {" ", "\n", "\t ", "\r\n"};

    private RandomJson() {}

    static String document(Random random) {
        StringBuilder out = new StringBuilder();
        whitespace(random, out);
        object(random, out, 1);
        whitespace(random, out);
        return out.toString();
    }

    private static void object(Random random, StringBuilder out, int depth) {
        out.append('{');
        Set<String> keys = new HashSet<>();
        int members = random.nextInt(depth == 1 ? 12 : 4);
        for (int i = 0; i < members; i++) {
            String key = random.nextInt(40) == 0 ? pick(random, RARE_KEYS) : pick(random, KEYS);
            while (!keys.add(key)) {
                key = key + "1";
            }
            out.append(i == 0 ? "" : ",");
            whitespace(random, out);
            out.append('"').append(key).append('"');
            whitespace(random, out);
            out.append(':');
            whitespace(random, out);
            value(random, out, depth);
            whitespace(random, out);
        }
        out.append('}');
    }

    private static void value(Random random, StringBuilder out, int depth) {
        switch (random.nextInt(depth > 5 ? 3 : 5)) {
            case 0 -> out.append(pick(random, SCALARS));
            case 1, 2 -> string(random, out);
            case 3 -> object(random, out, depth + 1);
            default -> array(random, out, depth + 1);
        }
    }

    private static void array(Random random, StringBuilder out, int depth) {
        out.append('[');
        int elements = random.nextInt(4);
        for (int i = 0; i < elements; i++) {
            out.append(i == 0 ? "" : ",");
            whitespace(random, out);
            value(random, out, depth);
            whitespace(random, out);
        }
        out.append(']');
    }

    private static void string(Random random, StringBuilder out) {
        out.append('"');
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            out.append(pick(random, TEXT));
        }
        out.append('"');
    }

    private static void whitespace(Random random, StringBuilder out) {
        if (random.nextInt(4) == 0) {
            out.append(pick(random, WHITESPACE));
        }
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
