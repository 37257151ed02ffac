package dev.streamrules.udfs.ecs;

import java.util.Arrays;

/**
 * Duplicate-key detection for a streaming pass: the keys of every open object on one stack. Jackson's
 * own detection allocates a hash set per object, which profiled as the largest single cost of a
 * projected parse; objects in events are small, so a linear scan is cheaper. Jackson hands out
 * canonical (interned) key strings, so equal keys are usually the same instance; {@code equals} is
 * the fallback for keys of the same length. Only whether a duplicate exists is recorded: the reason for the dead letter
 * comes from {@link NormalizedDocument}.
 */
final class ObjectKeys {

    private String[] keys = new String[32];
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
        int length = key.length();
        for (int i = starts[depth - 1]; i < count; i++) {
            String other = keys[i];
            if (other == key || (other.length() == length && other.equals(key))) {
                duplicate = true;
                return;
            }
        }
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
        }
        keys[count++] = key;
    }

    boolean duplicateSeen() {
        return duplicate;
    }
}
