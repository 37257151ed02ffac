package dev.streamrules.udfs.cep;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.index.RuleSet;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The CEP pattern of a job's single-event rules: one event that some rule of the set matches. One
 * pattern (one CEP operator) serves the whole set, so the job graph does not grow with the number
 * of rules; {@link AlertPatternFunction} then writes one alert per rule the event matches.
 */
public final class RulePattern {

    /** Name of the pattern's only state; the match map is keyed by it. */
    public static final String MATCH = "match";

    private RulePattern() {}

    public static Pattern<EcsEvent, EcsEvent> of(RuleSet rules) {
        return Pattern.<EcsEvent>begin(MATCH).where(new AnyRuleMatches(rules));
    }

    /** Named class (not a lambda) so the condition is stable in savepoints and readable in plans. */
    static final class AnyRuleMatches extends SimpleCondition<EcsEvent> {
        private static final long serialVersionUID = 1L;
        private final RuleSet rules;

        AnyRuleMatches(RuleSet rules) {
            this.rules = rules;
        }

        @Override
        public boolean filter(EcsEvent event) {
            return rules.anyMatch(event);
        }
    }
}
