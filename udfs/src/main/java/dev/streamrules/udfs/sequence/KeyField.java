package dev.streamrules.udfs.sequence;

import java.io.Serializable;
import java.util.Objects;

/**
 * One join-key field of a step: a dotted path, optional when written {@code ?field}. A missing
 * non-optional key keeps the event out of that step; a missing optional key joins as {@code null}.
 */
public final class KeyField implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final boolean optional;

    public KeyField(String path, boolean optional) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a join key needs a field path");
        }
        this.path = path;
        this.optional = optional;
    }

    public static KeyField required(String path) {
        return new KeyField(path, false);
    }

    public static KeyField optional(String path) {
        return new KeyField(path, true);
    }

    public String path() {
        return path;
    }

    public boolean optional() {
        return optional;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyField k && k.path.equals(path) && k.optional == optional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, optional);
    }

    @Override
    public String toString() {
        return (optional ? "?" : "") + path;
    }
}
