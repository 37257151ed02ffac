package dev.streamrules.udfs.ecs;

/**
 * The field-name arrays of recent events with their {@link FieldTable}s, so events of the same shape
 * share one names array and one table. A sensor sends a handful of shapes (a fork, an exec, an end,
 * each with the same fields every time): nearly every event finds its shape here, and neither the
 * array nor its index is built per event.
 *
 * <p>Direct-mapped by a hash of the names; a collision only replaces an entry. Entries are immutable,
 * so a parser shared by threads at worst misses.
 */
final class FieldShapes {

    private static final int SIZE = 32;

    private final FieldTable[] recent = new FieldTable[SIZE];

    /** A table over names equal to {@code names}, element by element: a cached one, else a new one. */
    FieldTable of(String[] names) {
        int h = names.length;
        for (String name : names) {
            h = 31 * h + name.hashCode(); // the parser's names are path constants: hashes cached
        }
        int slot = (h ^ (h >>> 16)) & (SIZE - 1);
        FieldTable cached = recent[slot];
        if (cached != null && cached.indexes(names)) {
            return cached;
        }
        FieldTable table = FieldTable.of(names);
        recent[slot] = table;
        return table;
    }
}
