package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Random event documents for property tests, written as JSON text: nested objects and dotted keys
 * over a small vocabulary (so spellings collide, merge and conflict), arrays and arrays of objects,
 * nulls, integers and decimals, unicode and escaped strings, occasional deep nesting near the limit,
 * duplicate keys and blank key segments. Most documents are valid events; many are not.
 */
final class RandomDocuments {

    static final String[] NAMES = {"a", "b", "c", "process", "name", "parent"};

    /**
     * How often the generator writes dotted keys, nesting near the depth limit, duplicate keys and
     * blank keys: plain keys out of 150 keys, the others one in n.
     */
    record Mix(String name, int plainKeysOf150, int deepOneIn, int duplicateOneIn, int blankKeyOneIn) {

        /** Mostly nested objects: most documents are valid events. */
        static final Mix NESTED = new Mix("mostly nested", 90, 30, 20, 150);

        /**
         * Mostly dotted keys over the small vocabulary, so that paths meet in every order: merges,
         * arrays of objects continued by a dotted key, nulls and empty arrays replaced or joined,
         * conflicts; nesting near the limit in one document of eight.
         */
        static final Mix DOTTED = new Mix("mostly dotted", 45, 8, 40, 400);

        /** Nested objects only, rarely a duplicate or deep nesting: mostly what a sensor sends. */
        static final Mix PLAIN = new Mix("mostly plain", 150, 200, 200, 100_000);

        @Override
        public String toString() {
            return name;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TEXTS = {
        "",
        "cat",
        "Grüße",
        "日本語",
        "\uD83D\uDE00 emoji",
        "quote \" and \\ back",
        "line\nbreak",
        "tab\tcontrol\u0001",
        "/proc/1/maps",
        "x.y"
    };

    private final Random random;
    private final Mix mix;

    /** Both mixes, for parameterized tests. */
    static Stream<Mix> mixes() {
        return Stream.of(Mix.NESTED, Mix.DOTTED);
    }

    RandomDocuments(long seed) {
        this(seed, Mix.NESTED);
    }

    RandomDocuments(long seed, Mix mix) {
        this.random = new Random(seed);
        this.mix = mix;
    }

    /** A random dotted path over the vocabulary, 1 to 3 segments. */
    String path() {
        StringBuilder path = new StringBuilder(pick(NAMES));
        for (int extra = random.nextInt(3); extra > 0; extra--) {
            path.append('.').append(pick(NAMES));
        }
        return path.toString();
    }

    String document() {
        StringBuilder out = new StringBuilder("{");
        List<String> members = new ArrayList<>();
        int hostSpelling = random.nextInt(10);
        if (hostSpelling < 6) {
            members.add("\"host\":{\"id\":" + string(pick("h1", "h2", "")) + "}");
        } else if (hostSpelling < 8) {
            members.add("\"host.id\":" + (random.nextInt(5) == 0 ? "[\"h1\",\"h2\"]" : string("h1")));
        } else if (hostSpelling == 8) {
            members.add("\"host\":{\"id\":" + random.nextInt(100) + "}");
        }
        if (random.nextBoolean()) {
            members.add("\"@timestamp\":"
                    + pick(
                            "\"2024-05-01T12:00:00.123Z\"",
                            "\"2024-05-01T14:00:00+02:00\"",
                            "1714564800123",
                            "\"soon\"",
                            "null",
                            "1.5"));
        }
        members.addAll(objectMembers(4, random.nextInt(6)));
        if (random.nextInt(mix.deepOneIn()) == 0) {
            members.add(string(key()) + ":" + deep());
        }
        for (String member : members) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(member);
        }
        return out.append('}').toString();
    }

    private List<String> objectMembers(int budget, int count) {
        List<String> members = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String key = key();
            if (!keys.add(key) && random.nextInt(mix.duplicateOneIn()) != 0) {
                continue; // duplicates only now and then: they make the whole document a dead letter
            }
            members.add(string(key) + ":" + value(budget - 1));
        }
        return members;
    }

    private String key() {
        if (random.nextInt(mix.blankKeyOneIn()) == 0) {
            return pick("", " ", "a..b", ".a", "a.");
        }
        return random.nextInt(150) < mix.plainKeysOf150() ? pick(NAMES) : path();
    }

    private String value(int budget) {
        int kind = random.nextInt(budget <= 0 ? 5 : 9);
        switch (kind) {
            case 0:
                return "null";
            case 1:
                return random.nextBoolean() ? "true" : "false";
            case 2:
                return Long.toString(random.nextInt(7) == 0 ? random.nextLong() : random.nextInt(2000) - 1000);
            case 3:
                // decimals whose Java rendering is their JSON text, so the tree reference reads the same
                return (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "." + (1 + random.nextInt(9));
            case 4:
                return string(pick(TEXTS));
            case 5:
            case 6:
                return "{" + String.join(",", objectMembers(budget, random.nextInt(4))) + "}";
            case 7:
                List<String> elements = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    elements.add(value(budget - 1));
                }
                return "[" + String.join(",", elements) + "]";
            default:
                return "{" + String.join(",", objectMembers(budget, 2)) + "}";
        }
    }

    /**
     * A value nested close to the depth limit, through objects, dotted keys and arrays (one in four
     * without dotted keys: nesting exactly at the limit before and after expansion).
     */
    private String deep() {
        int levels = 190 + random.nextInt(15);
        int kinds = random.nextInt(4) == 0 ? 2 : 3;
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            int kind = random.nextInt(kinds);
            if (kind == 0) {
                open.append('[');
                close.insert(0, ']');
            } else {
                open.append("{\"").append(kind == 1 ? "n" : "d.n").append("\":");
                close.insert(0, '}');
            }
        }
        return open + "1" + close;
    }

    /** Whether {@code bytes} is a JSON object with a dotted (or blank) key anywhere, by Jackson's tokens. */
    static boolean hasDottedKeys(byte[] bytes) {
        ProjectedReader reader = new ProjectedReader(FieldProjection.all(), false);
        try (JsonParser p = new JsonFactory().createParser(bytes)) {
            return reader.read(p) && reader.hasDottedKeys();
        } catch (IOException e) {
            return false;
        }
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String string(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
