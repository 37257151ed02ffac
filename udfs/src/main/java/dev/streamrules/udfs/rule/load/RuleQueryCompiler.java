package dev.streamrules.udfs.rule.load;

import dev.streamrules.udfs.eql.EqlException;
import dev.streamrules.udfs.eql.EventCondition;

/**
 * Turns a rule's query text into the condition that decides a match. Rule loading only needs this
 * much of the EQL compiler, and reports an {@link EqlException}'s offset as a position in the rule file.
 * {@link EqlRuleCompiler} is the real one; its conditions are {@code CompiledEventQuery}s, which also
 * name the fields they read and the terms every match has.
 */
@FunctionalInterface
public interface RuleQueryCompiler {

    /**
     * @throws EqlException when the query cannot run here (syntax, unknown field or function, wrong
     *     argument type, unsupported query kind), located inside {@code query}
     */
    EventCondition compile(String query);
}
