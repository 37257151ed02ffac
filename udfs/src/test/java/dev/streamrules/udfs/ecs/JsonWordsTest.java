package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time search lands exactly where a byte-by-byte search would. */
class JsonWordsTest {

    /** Mostly plain text, with the bytes the search must stop at and their neighbours (borrows). */
    private static final byte[] ALPHABET = {
        'a',
        'Z',
        '0',
        ' ',
        '!',
        '#',
        '[',
        ']',
        '{',
        '}',
        '"',
        '\\',
        0,
        1,
        0x1f,
        0x20,
        0x21,
        0x22,
        0x23,
        0x5b,
        0x5c,
        0x5d,
        0x7f,
        (byte) 0x80,
        (byte) 0xc3,
        (byte) 0xff
    };

    @Test
    void findsTheFirstSpecialByteOrTheTailThatMakesNoWord() {
        Random random = new Random(31);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('a' + k % 26);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int end = from + random.nextInt(b.length - from + 1);
            assertThat(JsonWords.plainTextEnd(b, from, end))
                    .as("in %s from %d to %d", HexFormat.of().formatHex(b), from, end)
                    .isEqualTo(expected(b, from, end));
        }
    }

    /** The first special byte within the whole words from {@code from}, else where those words end. */
    private static int expected(byte[] b, int from, int end) {
        int words = from + (end - from) / 8 * 8;
        for (int k = from; k < words; k++) {
            if (b[k] == '"' || b[k] == '\\' || (b[k] >= 0 && b[k] < 0x20) || b[k] < 0) {
                return k;
            }
        }
        return words;
    }
}
