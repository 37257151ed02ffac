package dev.streamrules.job.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlinesTest {

    private static int naive(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheFirstLineFeedAtEveryOffsetAndAlignment() {
        byte[] b = new byte[40];
        for (int at = -1; at < b.length; at++) {
            Arrays.fill(b, (byte) 'x');
            if (at >= 0) {
                b[at] = '\n';
            }
            for (int from = 0; from <= b.length; from++) {
                for (int end = from; end <= b.length; end++) {
                    assertEquals(naive(b, from, end), Newlines.indexOf(b, from, end), at + " " + from + " " + end);
                }
            }
        }
    }

    @Test
    void agreesWithAByteLoopOnBytesNearALineFeed() {
        // 0x0a's neighbours, 0x0b and 0x8a, and high bytes are where a word trick could misfire.
        byte[] alphabet = {'\n', 0x0b, 0x09, (byte) 0x8a, (byte) 0xff, 0x00, 'a', (byte) 0x80};
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(64)];
            // Half the arrays hold no line feed at all, the rest about one byte in eight.
            int first = random.nextBoolean() ? 0 : 1;
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[first + random.nextInt(alphabet.length - first)];
            }
            int from = random.nextInt(b.length + 1);
            int end = from + random.nextInt(b.length - from + 1);
            assertEquals(naive(b, from, end), Newlines.indexOf(b, from, end));
        }
    }
}
