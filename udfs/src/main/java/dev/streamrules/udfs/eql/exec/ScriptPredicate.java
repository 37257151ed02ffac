package dev.streamrules.udfs.eql.exec;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.types.FieldInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A script query, as Elasticsearch's EQL planner makes one for functions, arithmetic and other
 * expressions it cannot turn into an index query. Each field occurrence iterates over the field's
 * doc values independently (a missing field is one {@code null}), and the document matches when the
 * expression is {@code true} for some combination; {@code null} and {@code false} do not match. An
 * evaluation error (overflow, integer division by zero, a number that does not parse) fails the whole
 * search in Elasticsearch; here that combination simply does not match.
 */
public final class ScriptPredicate implements Predicate {

    private static final long serialVersionUID = 1L;

    private final Value expression;
    private final FieldInfo[] slots;

    public ScriptPredicate(Value expression, List<FieldInfo> slots) {
        this.expression = expression;
        this.slots = slots.toArray(new FieldInfo[0]);
    }

    public Value expression() {
        return expression;
    }

    public List<FieldInfo> slots() {
        return List.of(slots);
    }

    @Override
    public boolean test(EcsEvent event) {
        return anyCombination(event, new Object[slots.length], 0);
    }

    private boolean anyCombination(EcsEvent event, Object[] bound, int slot) {
        if (slot == slots.length) {
            try {
                return Boolean.TRUE.equals(expression.eval(bound));
            } catch (ArithmeticException | ScriptError e) {
                return false;
            }
        }
        // The indexed values (FieldValues.indexed) converted one by one, without a list per check.
        FieldInfo field = slots[slot];
        String[] raw = event.values(field.path());
        boolean indexed = false;
        if (raw != null) {
            for (String value : raw) {
                Object typed = FieldValues.convert(field, value);
                if (typed == null) {
                    continue;
                }
                indexed = true;
                bound[slot] = docValue(field, typed);
                if (anyCombination(event, bound, slot + 1)) {
                    return true;
                }
            }
        }
        if (indexed) {
            return false;
        }
        bound[slot] = null; // no indexed value: the field occurrence is null
        return anyCombination(event, bound, slot + 1);
    }

    /** Scripts see dates as date-times and addresses as text. */
    private static Object docValue(FieldInfo field, Object indexed) {
        if (field.type().isDate()) {
            return dateValue((Long) indexed);
        }
        if (indexed instanceof byte[]) {
            return IpAddresses.format((byte[]) indexed);
        }
        return indexed;
    }

    /** Date doc values for a date field slot. */
    static Object dateValue(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .atZone(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "script[" + expression + "]";
    }

    /** An error a script raises at run time (Elasticsearch would fail the search). */
    public static final class ScriptError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ScriptError(String message) {
            super(message, null, false, false);
        }
    }
}
