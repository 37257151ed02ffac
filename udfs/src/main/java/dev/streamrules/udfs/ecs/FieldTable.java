package dev.streamrules.udfs.ecs;

import java.util.Arrays;

/**
 * An open-addressing hash index over an event's field names, built once per event on its first
 * lookup. Rules and the process tree look up some sixty paths per event; a binary search over the
 * sorted names compared long dotted strings with shared prefixes ({@code process.entry_leader.…})
 * five or six times per lookup, where this compares hashes first and the strings once.
 *
 * <p>Each slot holds the name's index plus one in its low {@value #INDEX_BITS} bits and the high
 * bits of the name's hash above them, so a probe rarely reads a name that is not the one asked for.
 * Names are usually the parser's own path constants, whose hashes the JVM has already cached.
 *
 * <p>Immutable once built; the final fields publish it safely, as {@code String} publishes its hash.
 * Events of the same shape share one table and one names array ({@link FieldShapes}).
 */
final class FieldTable {

    static final int INDEX_BITS = 12;

    /** Events with more names than this (a projection of every leaf) keep a binary search. */
    static final int MAX_NAMES = (1 << INDEX_BITS) - 1;

    private static final int INDEX_MASK = (1 << INDEX_BITS) - 1;
    private static final int TAG_MASK = ~INDEX_MASK;

    private final String[] names;
    private final int[] slots;

    private FieldTable(String[] names, int[] slots) {
        this.names = names;
        this.slots = slots;
    }

    /** The index of {@code names} (sorted, distinct). */
    static FieldTable of(String[] names) {
        if (names.length > MAX_NAMES) {
            return new FieldTable(names, null);
        }
        // At most half full: most lookups end at their first or second slot.
        int capacity = Integer.highestOneBit(Math.max(8, names.length * 2 - 1)) << 1;
        int[] slots = new int[capacity];
        int mask = capacity - 1;
        for (int k = 0; k < names.length; k++) {
            int h = names[k].hashCode();
            int i = spread(h) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = (h & TAG_MASK) | (k + 1);
        }
        return new FieldTable(names, slots);
    }

    /** The names this table indexes (sorted, distinct). Do not modify. */
    String[] names() {
        return names;
    }

    /** Whether this table indexes exactly {@code other} (element by element). */
    boolean indexes(String[] other) {
        return Arrays.equals(names, other);
    }

    /** Position of {@code path} among the names, or -1. */
    int indexOf(String path) {
        if (slots == null) {
            int i = Arrays.binarySearch(names, path);
            return i < 0 ? -1 : i;
        }
        int h = path.hashCode();
        int tag = h & TAG_MASK;
        int mask = slots.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if ((slot & TAG_MASK) == tag) {
                int k = (slot & INDEX_MASK) - 1;
                String name = names[k];
                if (name == path || name.equals(path)) {
                    return k;
                }
            }
        }
    }

    private static int spread(int h) {
        // The tag keeps the high bits; mixing them into the low ones spreads paths that differ only
        // in their last characters.
        return h ^ (h >>> 16);
    }
}
