package dev.streamrules.udfs.ecs;

import java.util.Arrays;

/**
 * Duplicate-key detection for a streaming pass: the keys of every open object on one stack. Jackson's
 * own detection allocates a hash set per object, which profiled as the largest single cost of a
 * projected parse. Here each open object has a 64-bit mask of a cheap fingerprint of its keys (length,
 * first and last character: {@code String.hashCode} profiled as recomputed for every key); only a
 * key whose bit is already set is compared with the object's other keys. Only whether a duplicate exists is recorded: the reason for the dead letter
 * comes from {@link NormalizedDocument}.
 */
final class ObjectKeys {

    private String[] keys = new String[32];
    private int count;
    private int[] starts = new int[16];
    private long[] masks = new long[16];
    private int depth;
    private boolean duplicate;

    void open() {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
            masks = Arrays.copyOf(masks, depth * 2);
        }
        masks[depth] = 0;
        starts[depth++] = count;
    }

    void close() {
        count = starts[--depth];
    }

    /** Adds a key of the innermost open object, noting whether that object already had it. */
    void add(String key) {
        int length = key.length();
        long bit = length == 0 ? 1L : 1L << (length * 31 + key.charAt(0) * 7 + key.charAt(length - 1)); // mod 64
        long mask = masks[depth - 1];
        masks[depth - 1] = mask | bit;
        if ((mask & bit) != 0) {
            scan(key);
        }
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
        }
        keys[count++] = key;
    }

    private void scan(String key) {
        int length = key.length();
        for (int i = starts[depth - 1]; i < count; i++) {
            String other = keys[i];
            if (other == key || (other.length() == length && other.equals(key))) {
                duplicate = true;
                return;
            }
        }
    }

    boolean duplicateSeen() {
        return duplicate;
    }
}
