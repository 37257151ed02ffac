package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The values of every field the tree reads ({@link ProcessTreeFields#PATHS}) in one event, found in
 * one pass over the event's sorted field index. Learning and resolving one event read some seventy
 * of these; as binary searches over paths with long common prefixes they were a tenth of the tree's
 * cost. Paths outside the list are looked up in the event.
 */
final class EventFields {

    private static final String[] PATHS =
            ProcessTreeFields.PATHS.stream().sorted().distinct().toArray(String[]::new);
    // By identity: the tree passes its path constants, which are interned (literals, or interned
    // where built), so no path is hashed or compared per event. Any other instance of a listed path
    // is looked up in the event, with the same result.
    private static final Map<String, Integer> INDEX = new IdentityHashMap<>();

    static {
        for (int i = 0; i < PATHS.length; i++) {
            INDEX.put(PATHS[i], i);
        }
    }

    private final EcsEvent event;
    private final String[][] values = new String[PATHS.length][];

    private EventFields(EcsEvent event) {
        this.event = event;
        // A merge of two sorted lists: both are ordered by String.compareTo, as EcsEvent keeps its index.
        String[] names = event.getFieldNames();
        String[][] found = event.getFieldValues();
        int n = 0;
        for (int k = 0; k < PATHS.length && n < names.length; k++) {
            int cmp;
            while ((cmp = names[n].compareTo(PATHS[k])) < 0) {
                if (++n == names.length) {
                    return;
                }
            }
            if (cmp == 0) {
                values[k] = found[n];
            }
        }
    }

    static EventFields of(EcsEvent event) {
        return new EventFields(event);
    }

    EcsEvent event() {
        return event;
    }

    /** As {@link EcsEvent#values}. Do not modify. */
    String[] values(String path) {
        Integer i = INDEX.get(path);
        return i == null ? event.values(path) : values[i];
    }

    /** As {@link EcsEvent#first}. */
    String first(String path) {
        String[] v = values(path);
        return v == null || v.length == 0 ? null : v[0];
    }
}
