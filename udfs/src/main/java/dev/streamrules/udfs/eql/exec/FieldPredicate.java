package dev.streamrules.udfs.eql.exec;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.types.FieldInfo;
import java.io.Serializable;
import java.util.List;

/**
 * An index query on one field (term, terms, range, wildcard, regexp, prefix, exists): true when any
 * indexed value of the field satisfies the test, false on a missing or null field.
 */
public final class FieldPredicate implements Predicate {

    private static final long serialVersionUID = 1L;

    /** The per-value test of an index query; values are typed as {@link FieldValues} produces them. */
    public interface ValueTest extends Serializable {
        boolean test(Object value);
    }

    private final FieldInfo field;
    private final ValueTest test;
    private final String description;

    public FieldPredicate(FieldInfo field, ValueTest test, String description) {
        this.field = field;
        this.test = test;
        this.description = description;
    }

    /** {@code exists}: the field has at least one indexed value. */
    public static FieldPredicate exists(FieldInfo field) {
        return new FieldPredicate(field, new Exists(), "exists(" + field.path() + ")");
    }

    public FieldInfo field() {
        return field;
    }

    public ValueTest valueTest() {
        return test;
    }

    @Override
    public boolean test(EcsEvent event) {
        String[] raw = event.values(field.path());
        if (raw == null) {
            return false;
        }
        for (String value : raw) {
            Object typed = FieldValues.convert(field, value);
            if (typed != null && test.test(typed)) {
                return true;
            }
        }
        return false;
    }

    /** Values as the compiled test sees them (tests, debugging). */
    public List<Object> indexed(EcsEvent event) {
        return FieldValues.indexed(event, field);
    }

    @Override
    public String toString() {
        return description;
    }

    private static final class Exists implements ValueTest {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean test(Object value) {
            return true;
        }
    }
}
