package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Head, tail and length tell keys apart exactly as their bytes do, wherever in the document a key
 * sits (a short key near the end is read byte by byte), and the projection finds its children by them.
 */
class KeyWordsTest {

    /** Two letters, so that keys often share their head and tail and differ only in the middle. */
    private static byte[] randomKey(Random random) {
        byte[] key = new byte[random.nextInt(41)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (random.nextInt(8) == 0 ? 'b' : 'a');
        }
        return key;
    }

    /** {@code key} copied into a larger buffer at a random offset, with random bytes around it. */
    private static byte[] embed(byte[] key, int offset, int after, Random random) {
        byte[] buffer = new byte[offset + key.length + after];
        random.nextBytes(buffer);
        System.arraycopy(key, 0, buffer, offset, key.length);
        return buffer;
    }

    @Test
    void sameIsByteEqualityWhereverTheKeysSit() {
        Random random = new Random(41);
        int equalWords = 0;
        for (int i = 0; i < 300_000; i++) {
            byte[] k1 = randomKey(random);
            byte[] k2 = random.nextInt(4) == 0 ? k1.clone() : randomKey(random);
            int o1 = random.nextInt(5);
            int o2 = random.nextInt(5);
            byte[] b1 = embed(k1, o1, random.nextInt(10), random);
            byte[] b2 = embed(k2, o2, random.nextInt(10), random);
            int e1 = o1 + k1.length;
            int e2 = o2 + k2.length;
            long h1 = KeyWords.head(b1, o1, e1);
            long t1 = KeyWords.tail(b1, o1, e1);
            long h2 = KeyWords.head(b2, o2, e2);
            long t2 = KeyWords.tail(b2, o2, e2);
            assertThat(h1).isEqualTo(KeyWords.head(k1, 0, k1.length));
            assertThat(t1).isEqualTo(KeyWords.tail(k1, 0, k1.length));
            boolean same = KeyWords.same(b1, o1, e1, h1, t1, b2, o2, e2, h2, t2);
            assertThat(same)
                    .as(
                            "%s vs %s",
                            new String(k1, StandardCharsets.US_ASCII), new String(k2, StandardCharsets.US_ASCII))
                    .isEqualTo(Arrays.equals(k1, k2));
            if (h1 == h2 && t1 == t2 && k1.length == k2.length && !Arrays.equals(k1, k2)) {
                equalWords++;
            }
        }
        assertThat(equalWords)
                .as("distinct keys with equal words, told apart by their bytes")
                .isPositive();
    }

    @Test
    void projectionFindsChildrenThatShareLengthAndEnds() {
        List<String> names = List.of(
                "name",
                "nave",
                "mode",
                "entity_id",
                "entity_ix",
                "abcdefgh_1_abcdefgh",
                "abcdefgh_2_abcdefgh",
                "abcdefgh12345678",
                "abcdefgh1234567",
                "a",
                "b",
                "");
        List<String> children = names.subList(0, names.size() - 1).stream()
                .filter(n -> !n.equals("nave") && !n.equals("abcdefgh_2_abcdefgh") && !n.equals("b"))
                .toList();
        FieldProjection.Node root = FieldProjection.of(
                        children.stream().map(n -> "p." + n).toList())
                .root()
                .child("p");
        Random random = new Random(43);
        for (String name : names) {
            byte[] key = name.getBytes(StandardCharsets.US_ASCII);
            int offset = random.nextInt(3);
            byte[] buffer = embed(key, offset, random.nextInt(3), random);
            FieldProjection.Node child = root.child(buffer, offset, offset + key.length);
            if (children.contains(name)) {
                assertThat(child).as(name).isNotNull();
                assertThat(child.path).isEqualTo("p." + name);
            } else {
                assertThat(child).as(name).isNull();
            }
        }
    }
}
