package dev.streamrules.udfs.rule.load;

import dev.streamrules.udfs.eql.EqlException;
import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.sequence.KeyedMatcher;
import java.time.Duration;

/**
 * Turns a rule's query text into what decides a match. Rule loading only needs this much of the EQL
 * compiler, and reports an {@link EqlException}'s offset as a position in the rule file.
 * {@link EqlRuleCompiler} is the real one; its conditions are {@code CompiledEventQuery}s, which also
 * name the fields they read and the terms every match has.
 */
@FunctionalInterface
public interface RuleQueryCompiler {

    /**
     * An event query's condition.
     *
     * @throws EqlException when the query cannot run here (syntax, unknown field or function, wrong
     *     argument type, unsupported query kind), located inside {@code query}
     */
    EventCondition compile(String query);

    /**
     * The rule's query compiled: a single-event condition, or for {@code sequence} and {@code sample}
     * queries a matcher that needs the rule's identity, look-back (how long a step waits when the
     * query has no maxspan) and timestamp field. Compilers that only know event queries compile it
     * as one.
     */
    default CompiledRuleQuery compileRule(String query, String ruleId, Duration lookback, String timestampField) {
        return new CompiledRuleQuery(compile(query), null);
    }

    /** Exactly one of the two is set. */
    record CompiledRuleQuery(EventCondition condition, KeyedMatcher<?> correlation) {}
}
