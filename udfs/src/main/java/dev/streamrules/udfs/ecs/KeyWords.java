package dev.streamrules.udfs.ecs;

import java.util.Arrays;

/**
 * A key's identity from its bytes, read a word at a time: its first eight bytes (the head), its last
 * eight (the tail; 0 when the key has eight bytes or fewer) and its length. Two keys of at most
 * {@value #EXACT} bytes are equal exactly when the three are, so the plain scanner's duplicate check
 * and its projection look-up compare two longs instead of the bytes, for nearly every key of an ECS
 * document; longer keys compare their bytes too. The three also make a hash with every byte of a
 * short key in it (the earlier one saw only the length and the first and last byte).
 */
final class KeyWords {

    /** Keys up to this many bytes are told apart by head, tail and length alone. */
    static final int EXACT = 16;

    private KeyWords() {}

    /** The first {@code min(8, to - from)} bytes of {@code b[from, to)}, little-endian, zeros above. */
    static long head(byte[] b, int from, int to) {
        int length = to - from;
        if (length >= 8) {
            return JsonWords.word(b, from);
        }
        if (from + 8 <= b.length) {
            // the word runs past the key; the mask keeps only the key's bytes
            return JsonWords.word(b, from) & ((1L << (length << 3)) - 1);
        }
        long word = 0;
        for (int i = to - 1; i >= from; i--) {
            word = word << 8 | (b[i] & 0xff);
        }
        return word;
    }

    /** The last eight bytes of {@code b[from, to)}, or 0 when it has eight bytes or fewer. */
    static long tail(byte[] b, int from, int to) {
        return to - from > 8 ? JsonWords.word(b, to - 8) : 0L;
    }

    /** A hash of the three, with every bit of head and tail mixed into the high bits. */
    static long mix(long head, long tail, int length) {
        long h = head * 0x9E3779B97F4A7C15L + tail;
        h = (h ^ (h >>> 31) ^ length) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    /**
     * Whether the key {@code b[from, to)} is the one whose head, tail and bytes are given: by the words
     * alone up to {@value #EXACT} bytes, by the bytes beyond.
     */
    static boolean same(
            byte[] b,
            int from,
            int to,
            long head,
            long tail,
            byte[] other,
            int otherFrom,
            int otherTo,
            long otherHead,
            long otherTail) {
        int length = to - from;
        return head == otherHead
                && tail == otherTail
                && length == otherTo - otherFrom
                && (length <= EXACT || Arrays.equals(b, from, to, other, otherFrom, otherTo));
    }
}
