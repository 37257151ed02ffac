package dev.streamrules.udfs.ecs;

import java.util.Arrays;

/**
 * Duplicate-key detection for {@link PlainScanner}: {@link ObjectKeys}' scheme (a 64-bit mask of a
 * cheap fingerprint per open object; only a key whose bit is set already is compared with the
 * object's earlier keys), with keys as byte ranges of the document instead of strings. Arrays open a
 * level too (they hold no keys), so the depth counts what Jackson's nesting limit counts.
 */
final class PlainKeys {

    private final byte[] b;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    /** Each key's fingerprint, 0-63: the bit of its object's mask. */
    private byte[] bits = new byte[32];

    private int count;
    private int[] firstKey = new int[8];
    private long[] masks = new long[8];
    private int depth;

    PlainKeys(byte[] document) {
        this.b = document;
    }

    /** Open objects and arrays. */
    int depth() {
        return depth;
    }

    /** An object or array begins. */
    void open() {
        if (depth == masks.length) {
            firstKey = Arrays.copyOf(firstKey, depth * 2);
            masks = Arrays.copyOf(masks, depth * 2);
        }
        firstKey[depth] = count;
        masks[depth++] = 0;
    }

    /** The innermost object or array ends: its keys are forgotten. */
    void close() {
        count = firstKey[--depth];
    }

    /** Adds the non-empty key {@code b[start, stop)} to the innermost object; false when it has it already. */
    boolean add(int start, int stop) {
        byte fingerprint = (byte) (((stop - start) * 31 + b[start] * 7 + b[stop - 1]) & 63);
        long bit = 1L << fingerprint;
        int object = depth - 1;
        long mask = masks[object];
        masks[object] = mask | bit;
        if ((mask & bit) != 0) {
            // only keys with the same fingerprint can be equal: a mask of ~30 keys has many collisions
            for (int i = firstKey[object]; i < count; i++) {
                if (bits[i] == fingerprint && Arrays.equals(b, starts[i], ends[i], b, start, stop)) {
                    return false;
                }
            }
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            bits = Arrays.copyOf(bits, count * 2);
        }
        bits[count] = fingerprint;
        starts[count] = start;
        ends[count++] = stop;
        return true;
    }
}
