package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One set per thread, reused: each document starts from nothing, whatever the one before left. */
class PlainKeysTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean add(PlainKeys keys, byte[] doc, int start, int stop) {
        return keys.add(start, stop, KeyWords.head(doc, start, stop), KeyWords.tail(doc, start, stop));
    }

    /** The key {@code key} at its first place in {@code doc}. */
    private static boolean add(PlainKeys keys, byte[] doc, String key) {
        int start = new String(doc, StandardCharsets.US_ASCII).indexOf(key);
        return add(keys, doc, start, start + key.length());
    }

    @Test
    void refusesAKeySeenInTheSameObjectOnly() {
        byte[] doc = ascii("{\"process\":{\"process\":1},\"process\":2}");
        PlainKeys keys = PlainKeys.forDocument(doc);
        keys.open();
        assertThat(add(keys, doc, "process")).isTrue();
        keys.open();
        assertThat(add(keys, doc, "process")).as("a nested object's own key").isTrue();
        keys.close();
        assertThat(add(keys, doc, "process"))
                .as("the outer object's second one")
                .isFalse();
    }

    @Test
    void aDocumentAbandonedMidwayLeavesNothingForTheNext() {
        byte[] first = ascii("{\"a\":{\"b\":");
        PlainKeys keys = PlainKeys.forDocument(first);
        keys.open();
        add(keys, first, "a");
        keys.open();
        add(keys, first, "b");

        byte[] next = ascii("{\"a\":1}");
        PlainKeys again = PlainKeys.forDocument(next);
        assertThat(again).as("the thread's set, reused").isSameAs(keys);
        assertThat(again.depth()).isZero();
        again.open();
        assertThat(add(again, next, "a")).isTrue();
    }

    @Test
    void aHugeDocumentDoesNotBreakTheOnesAfterIt() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            json.append("\"k").append(i).append("\":[");
        }
        byte[] huge = ascii(json.toString());
        PlainKeys keys = PlainKeys.forDocument(huge);
        keys.open();
        for (int i = 0; i < 3000; i++) {
            assertThat(add(keys, huge, "\"k" + i + "\"")).isTrue();
            keys.open();
        }
        assertThat(keys.depth()).isEqualTo(3001);

        byte[] doc = ascii("{\"x\":1,\"x\":2}");
        PlainKeys after = PlainKeys.forDocument(doc);
        after.open();
        assertThat(add(after, doc, 2, 3)).isTrue();
        assertThat(add(after, doc, 8, 9)).as("the second x").isFalse();
    }
}
