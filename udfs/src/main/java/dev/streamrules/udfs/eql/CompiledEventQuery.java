package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.exec.Predicate;
import java.util.List;
import java.util.Set;

/**
 * An EQL event query compiled against field types: a condition over events with Elasticsearch's
 * semantics, the fields it reads, and the clauses any matching event satisfies.
 */
public final class CompiledEventQuery implements EventCondition {

    private static final long serialVersionUID = 1L;

    private final String category;
    private final Predicate categoryFilter;
    private final Predicate condition;
    private final Set<String> fieldsRead;
    private final List<TermClause> requiredTerms;
    private final String text;

    CompiledEventQuery(
            String category,
            Predicate categoryFilter,
            Predicate condition,
            Set<String> fieldsRead,
            List<TermClause> requiredTerms,
            String text) {
        this.category = category;
        this.categoryFilter = categoryFilter;
        this.condition = condition;
        this.fieldsRead = Set.copyOf(fieldsRead);
        this.requiredTerms = List.copyOf(requiredTerms);
        this.text = text;
    }

    @Override
    public boolean test(EcsEvent event) {
        return (categoryFilter == null || categoryFilter.test(event)) && condition.test(event);
    }

    /** The event category ({@code process} in {@code process where}), {@code null} for {@code any}. */
    public String category() {
        return category;
    }

    /** Every field path the query reads (aliases resolved to their targets), event.category included when filtered. */
    public Set<String> fieldsRead() {
        return fieldsRead;
    }

    /** Clauses every matching event satisfies (see {@link TermClause}); empty when none is known. */
    public List<TermClause> requiredTerms() {
        return requiredTerms;
    }

    /** The compiled form, shaped like the Elasticsearch query (for debugging). */
    public String plan() {
        return (categoryFilter == null ? "" : categoryFilter + " AND ") + condition;
    }

    @Override
    public String toString() {
        return text != null ? text : plan();
    }
}
