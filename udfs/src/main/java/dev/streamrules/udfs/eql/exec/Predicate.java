package dev.streamrules.udfs.eql.exec;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.io.Serializable;

/**
 * One node of a compiled condition, shaped like the Elasticsearch query the EQL planner would build:
 * index queries (term, terms, range, wildcard, regexp, prefix, exists) that are simply true or false
 * for a document, boolean combinations of them ({@code filter}, {@code should}, {@code must_not}), and
 * script queries that evaluate an expression with nulls and match only when it is {@code true}.
 */
public interface Predicate extends Serializable {

    boolean test(EcsEvent event);
}
