package dev.streamrules.udfs.ecs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Steps over string text eight bytes at a time: most of a document's bytes are inside strings, and
 * a word with no quote, backslash, control character or non-ASCII byte can be passed with one test
 * instead of eight. Shared by the scans that walk a record's bytes ({@link PlainScanner}, {@link
 * HostIdScan}) and, through {@link #indexOf}, by the replay reader that splits a file into records.
 */
public final class JsonWords {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * ' ';
    private static final long PAST_SPACES = ONES * (' ' + 1);
    private static final long DOTS = ONES * '.';

    private JsonWords() {}

    /** The eight bytes at {@code at} as a little-endian long (the first byte lowest). */
    static long word(byte[] b, int at) {
        return (long) WORDS.get(b, at);
    }

    /**
     * The index of the first {@code target} byte in {@code b[from, end)}, or -1. The replay reader
     * finds line feeds with it: a byte loop was 8% of its thread, the one a replay waits for.
     */
    public static int indexOf(byte[] b, int from, int end, byte target) {
        long targets = ONES * (target & 0xff);
        int pos = from;
        while (pos + 8 <= end) {
            long flagged = zeroBytes(word(b, pos) ^ targets) & HIGH_BITS;
            if (flagged != 0) {
                return pos + (Long.numberOfTrailingZeros(flagged) >>> 3);
            }
            pos += 8;
        }
        for (; pos < end; pos++) {
            if (b[pos] == target) {
                return pos;
            }
        }
        return -1;
    }

    /**
     * The index of the first quote, backslash, control character or byte of a multi-byte character
     * at or after {@code from}, found a word at a time; or of the last bytes before {@code end} that
     * make no whole word. The caller goes on byte by byte from the index returned.
     */
    static int plainTextEnd(byte[] b, int from, int end) {
        return firstSpecial(b, from, end, QUOTES, SPACES);
    }

    /**
     * As {@link #plainTextEnd}, for a key: it also stops at a dot (a dotted key is checked segment by
     * segment) and at a space (a blank segment is not plain), so a key it passes whole up to its quote
     * is a plain key of printable ASCII.
     */
    static int plainKeyEnd(byte[] b, int from, int end) {
        return firstSpecial(b, from, end, DOTS, PAST_SPACES);
    }

    /**
     * The first quote, backslash, byte equal to {@code also}'s, byte below {@code below}'s or byte
     * with its high bit set (each a byte repeated over the word); or where the whole words end.
     */
    private static int firstSpecial(byte[] b, int from, int end, long also, long below) {
        int pos = from;
        while (pos + 8 <= end) {
            long w = word(b, pos);
            long quote = w ^ QUOTES;
            long backslash = w ^ BACKSLASHES;
            long other = w ^ also;
            long special = zeroBytes(quote) | zeroBytes(backslash) | zeroBytes(other) | ((w - below) & ~w);
            long flagged = (special | w) & HIGH_BITS;
            if (flagged != 0) {
                return pos + (Long.numberOfTrailingZeros(flagged) >>> 3);
            }
            pos += 8;
        }
        return pos;
    }

    /**
     * Sets the high bit of each zero byte of {@code x} (and of other bytes, to be masked off). A
     * borrow only ever flags bytes above a real zero, so the lowest flag is exact: callers take the
     * lowest.
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x;
    }
}
