package dev.streamrules.udfs.ecs;

import java.util.Arrays;

/**
 * Duplicate-key detection for {@link PlainScanner}: {@link ObjectKeys}' scheme (a 64-bit mask of a
 * fingerprint per open object; only a key whose bit is set already is compared with the object's
 * earlier keys), with keys as byte ranges of the document instead of strings, told apart by their
 * {@link KeyWords} (two longs) before any byte is compared. Arrays open a level too (they hold no
 * keys), so the depth counts what Jackson's nesting limit counts.
 */
final class PlainKeys {

    private static final int KEYS = 64;
    private static final int LEVELS = 8;
    /** Past this many keys or levels, a reset drops the arrays rather than keep one odd document's size. */
    private static final int KEEP_UP_TO = 1024;

    // One per thread, reset for each document: a new set's arrays were 15% of the bytes a replay
    // allocated, and every collection the allocation causes copies the process tree's young nodes.
    private static final ThreadLocal<PlainKeys> PER_THREAD = ThreadLocal.withInitial(PlainKeys::new);

    private byte[] b;
    private int[] starts = new int[KEYS];
    private int[] ends = new int[KEYS];
    private long[] heads = new long[KEYS];
    private long[] tails = new long[KEYS];

    private int count;
    private int[] firstKey = new int[LEVELS];
    private long[] masks = new long[LEVELS];
    private int depth;

    private PlainKeys() {}

    /** This thread's set, emptied, for the keys of {@code document}. Not re-entrant: one document at a time. */
    static PlainKeys forDocument(byte[] document) {
        PlainKeys keys = PER_THREAD.get();
        keys.reset(document);
        return keys;
    }

    private void reset(byte[] document) {
        b = document;
        count = 0;
        depth = 0;
        if (starts.length > KEEP_UP_TO) {
            starts = new int[KEYS];
            ends = new int[KEYS];
            heads = new long[KEYS];
            tails = new long[KEYS];
        }
        if (masks.length > KEEP_UP_TO) {
            firstKey = new int[LEVELS];
            masks = new long[LEVELS];
        }
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

    /**
     * Adds the non-empty key {@code b[start, stop)}, whose {@link KeyWords} are {@code head} and
     * {@code tail}, to the innermost object; false when it has it already.
     */
    boolean add(int start, int stop, long head, long tail) {
        long bit = 1L << (KeyWords.mix(head, tail, stop - start) >>> 58);
        int object = depth - 1;
        long mask = masks[object];
        masks[object] = mask | bit;
        if ((mask & bit) != 0) {
            // a mask of ~30 keys has collisions; the words settle nearly all of them without the bytes
            for (int i = firstKey[object]; i < count; i++) {
                if (KeyWords.same(b, start, stop, head, tail, b, starts[i], ends[i], heads[i], tails[i])) {
                    return false;
                }
            }
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            heads = Arrays.copyOf(heads, count * 2);
            tails = Arrays.copyOf(tails, count * 2);
        }
        heads[count] = head;
        tails[count] = tail;
        starts[count] = start;
        ends[count++] = stop;
        return true;
    }
}
