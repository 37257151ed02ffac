package dev.streamrules.udfs.eql;

import java.io.Serializable;
import java.util.Set;

/**
 * A clause that must hold for a query to match: some value of {@code field} is one of {@code values}.
 * With {@code caseInsensitive}, values are given as {@link #key} keys and an event value must be
 * compared through {@link #key} too. A rule index looks events up by these clauses so that most events
 * reach no rule at all; the clause is sound (a matching event always satisfies it) but not complete.
 */
public record TermClause(String field, Set<String> values, boolean caseInsensitive) implements Serializable {

    public TermClause {
        field = field.intern(); // as FieldInfo's path: field lookups then match by reference
        values = Set.copyOf(values);
    }

    /** The form an event value is looked up in: itself, or its case-folded key. */
    public String key(String eventValue) {
        return caseInsensitive ? WildcardPattern.foldKey(eventValue) : eventValue;
    }

    /** Whether one event value satisfies the clause. */
    public boolean accepts(String eventValue) {
        return values.contains(key(eventValue));
    }
}
