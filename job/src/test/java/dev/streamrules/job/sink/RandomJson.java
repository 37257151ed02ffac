package dev.streamrules.job.sink;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/** Random JSON content for property tests: nested objects, long ASCII and multi-byte strings, long arrays. */
public final class RandomJson {

    private static final String[] ALPHABETS = {"abcdefghij", "äöüéèß", "日本語文字", "\uD83D\uDE00\uD83D\uDE80"};

    private RandomJson() {}

    public static void fill(ObjectNode node, Random random, int depth) {
        int fields = 1 + random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            String key = "f" + random.nextInt(1000);
            switch (random.nextInt(depth > 0 ? 4 : 3)) {
                case 0:
                    node.put(key, string(random, random.nextInt(4) == 0 ? 50_000 : 300));
                    break;
                case 1:
                    ArrayNode array = node.putArray(key);
                    int n = random.nextInt(3) == 0 ? 5000 : 10;
                    for (int j = 0; j < n; j++) {
                        array.add(string(random, 20));
                    }
                    break;
                case 2:
                    node.put(key, random.nextLong());
                    break;
                default:
                    fill(node.putObject(key), random, depth - 1);
                    break;
            }
        }
    }

    private static String string(Random random, int maxChars) {
        String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
        int n = random.nextInt(maxChars + 1);
        StringBuilder sb = new StringBuilder(n);
        int[] codePoints = alphabet.codePoints().toArray();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return sb.toString();
    }
}
