package dev.streamrules.udfs.ecs;

import java.util.Arrays;

/**
 * Duplicate-key detection for a streaming pass: the keys of every open object on one stack, compared
 * by cached hash first. Jackson's own detection allocates a hash set per object, which profiled as
 * the largest single cost of a projected parse; objects in events are small, so a linear scan of
 * int hashes is cheaper. Only whether a duplicate exists is recorded: the reason for the dead letter
 * comes from {@link NormalizedDocument}.
 */
final class ObjectKeys {

    private String[] keys = new String[64];
    private int[] hashes = new int[64];
    private int count;
    private int[] starts = new int[16];
    private int depth;
    private boolean duplicate;

    void open() {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
        }
        starts[depth++] = count;
    }

    void close() {
        count = starts[--depth];
    }

    /** Adds a key of the innermost open object, noting whether that object already had it. */
    void add(String key) {
        int hash = key.hashCode();
        for (int i = starts[depth - 1]; i < count; i++) {
            if (hashes[i] == hash && keys[i].equals(key)) {
                duplicate = true;
                return;
            }
        }
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        keys[count] = key;
        hashes[count++] = hash;
    }

    boolean duplicateSeen() {
        return duplicate;
    }
}
