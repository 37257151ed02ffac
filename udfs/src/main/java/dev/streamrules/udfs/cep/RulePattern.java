package dev.streamrules.udfs.cep;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.DetectionRule;

import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** The CEP pattern of a single-event rule: one event satisfying the rule's condition. */
public final class RulePattern {

    /** Name of the pattern's only state; the match map is keyed by it. */
    public static final String MATCH = "match";

    private RulePattern() {}

    public static Pattern<EcsEvent, EcsEvent> of(DetectionRule rule) {
        return Pattern.<EcsEvent>begin(MATCH).where(new RuleCondition(rule));
    }

    /** Named class (not a lambda) so the condition is stable in savepoints and readable in plans. */
    static final class RuleCondition extends SimpleCondition<EcsEvent> {
        private static final long serialVersionUID = 1L;
        private final DetectionRule rule;

        RuleCondition(DetectionRule rule) {
            this.rule = rule;
        }

        @Override
        public boolean filter(EcsEvent event) {
            return rule.matches(event);
        }
    }
}
