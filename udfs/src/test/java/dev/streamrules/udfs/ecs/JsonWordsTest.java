package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The word-at-a-time searches land exactly where a byte-by-byte search would. */
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
        '\n',
        0x0b,
        0x09,
        (byte) 0x8a,
        '.',
        '-',
        '/',
        (byte) 0x80,
        (byte) 0xc3,
        (byte) 0xff
    };

    interface Search {
        int end(byte[] b, int from, int end);
    }

    static Stream<Arguments> searches() {
        IntPredicate text = c -> c == '"' || c == '\\' || c < 0x20; // c is a signed byte: non-ASCII is negative
        return Stream.of(
                Arguments.of("plainTextEnd", (Search) JsonWords::plainTextEnd, text),
                Arguments.of("plainKeyEnd", (Search) JsonWords::plainKeyEnd, text.or(c -> c == '.' || c == ' ')));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searches")
    void findsTheFirstSpecialByteOrTheTailThatMakesNoWord(String name, Search search, IntPredicate special) {
        Random random = new Random(31);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('a' + k % 26);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int end = from + random.nextInt(b.length - from + 1);
            assertThat(search.end(b, from, end))
                    .as("in %s from %d to %d", HexFormat.of().formatHex(b), from, end)
                    .isEqualTo(expected(b, from, end, special));
        }
    }

    /** The first special byte within the whole words from {@code from}, else where those words end. */
    private static int expected(byte[] b, int from, int end, IntPredicate special) {
        int words = from + (end - from) / 8 * 8;
        for (int k = from; k < words; k++) {
            if (special.test(b[k])) {
                return k;
            }
        }
        return words;
    }

    @Test
    void indexOfFindsTheFirstTargetAtEveryOffsetAndAlignment() {
        byte[] b = new byte[40];
        for (int at = -1; at < b.length; at++) {
            Arrays.fill(b, (byte) 'x');
            if (at >= 0) {
                b[at] = '\n';
            }
            for (int from = 0; from <= b.length; from++) {
                for (int end = from; end <= b.length; end++) {
                    assertThat(JsonWords.indexOf(b, from, end, (byte) '\n'))
                            .as("line feed at %d, from %d to %d", at, from, end)
                            .isEqualTo(firstIndexOf(b, from, end, (byte) '\n'));
                }
            }
        }
    }

    /** High targets too: the repeated target must not carry a sign into the other bytes. */
    @ParameterizedTest
    @ValueSource(bytes = {'\n', '"', 0, (byte) 0x80, (byte) 0xff})
    void indexOfAgreesWithAByteLoop(byte target) {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(64)];
            // About half the arrays hold no target at all.
            boolean withTarget = random.nextBoolean();
            for (int k = 0; k < b.length; k++) {
                byte c = ALPHABET[random.nextInt(ALPHABET.length)];
                b[k] = c == target && !withTarget ? (byte) 'a' : c;
            }
            int from = random.nextInt(b.length + 1);
            int end = from + random.nextInt(b.length - from + 1);
            assertThat(JsonWords.indexOf(b, from, end, target))
                    .as("in %s from %d to %d", HexFormat.of().formatHex(b), from, end)
                    .isEqualTo(firstIndexOf(b, from, end, target));
        }
    }

    private static int firstIndexOf(byte[] b, int from, int end, byte target) {
        for (int k = from; k < end; k++) {
            if (b[k] == target) {
                return k;
            }
        }
        return -1;
    }
}
