package dev.streamrules.job;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.index.RuleSet;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * Lets through only events some rule matches, so the rest never touch the CEP operator's state.
 * Cheap when the process tree ran before it: the tree's operator already evaluated the rules on the
 * enriched event and the verdict travels on the event ({@link RuleSet#anyMatch}).
 */
public class RuleMatches implements FilterFunction<EcsEvent> {

    private static final long serialVersionUID = 1L;

    private final RuleSet rules;

    public RuleMatches(RuleSet rules) {
        this.rules = rules;
    }

    @Override
    public boolean filter(EcsEvent event) {
        return rules.anyMatch(event);
    }
}
