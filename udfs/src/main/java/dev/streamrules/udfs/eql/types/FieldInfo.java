package dev.streamrules.udfs.eql.types;

import java.io.Serializable;

/**
 * One mapped field. {@code path} is where the event carries the value (an alias is already resolved
 * to its target). For text fields, {@code exactIgnoreAbove} belongs to the keyword multi-field that
 * Elasticsearch's EQL uses for exact comparisons, and {@code hasExact} says whether there is one.
 *
 * @param ignoreAbove values longer than this are not indexed (no term, wildcard, regexp, range or
 *     script sees them); {@link Integer#MAX_VALUE} when unlimited
 */
public record FieldInfo(String path, FieldType type, String esType, int ignoreAbove, boolean hasExact)
        implements Serializable {

    public static final int UNLIMITED = Integer.MAX_VALUE;

    public FieldInfo {
        // Interned, here and in the parser's projection, so an event's field lookup usually matches
        // by reference. A record's canonical constructor also runs on deserialization.
        path = path.intern();
    }

    public static FieldInfo of(String path, FieldType type, String esType, int ignoreAbove) {
        return new FieldInfo(path, type, esType, ignoreAbove, type != FieldType.TEXT);
    }

    /** Whether a value is indexed (and has doc values) under this field's {@code ignore_above}. */
    public boolean indexes(String value) {
        return ignoreAbove == UNLIMITED || value.length() <= ignoreAbove;
    }

    public FieldInfo withPath(String newPath) {
        return new FieldInfo(newPath, type, esType, ignoreAbove, hasExact);
    }
}
