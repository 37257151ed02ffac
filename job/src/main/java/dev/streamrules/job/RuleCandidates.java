package dev.streamrules.job;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.index.RuleSet;
import org.apache.flink.api.common.functions.FilterFunction;

/** Lets through only events some rule may match, so the rest never touch the CEP operator's state. */
public class RuleCandidates implements FilterFunction<EcsEvent> {

    private static final long serialVersionUID = 1L;

    private final RuleSet rules;

    public RuleCandidates(RuleSet rules) {
        this.rules = rules;
    }

    @Override
    public boolean filter(EcsEvent event) {
        return rules.mayMatch(event);
    }
}
