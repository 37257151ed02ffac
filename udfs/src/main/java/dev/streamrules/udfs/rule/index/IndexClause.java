package dev.streamrules.udfs.rule.index;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A necessary condition of one rule: whenever the rule matches an event, some value of
 * {@code field} is one of {@code values} (compared lower-cased when {@code caseInsensitive}).
 * The compiler derives these from a query's top-level conjunction ({@code event.action == "exec"},
 * {@code process.name in (...)}, {@code process.name : "cat"}); the index uses one per rule.
 */
public record IndexClause(String field, Set<String> values, boolean caseInsensitive) implements Serializable {

    public IndexClause {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("index clause needs a field");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("index clause on " + field + " needs at least one value");
        }
        TreeSet<String> normalized = new TreeSet<>();
        for (String v : values) {
            normalized.add(caseInsensitive ? v.toLowerCase(Locale.ROOT) : v);
        }
        values = Set.copyOf(normalized);
    }
}
