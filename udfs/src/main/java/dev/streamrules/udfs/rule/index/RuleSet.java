package dev.streamrules.udfs.rule.index;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.CompiledEventQuery;
import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.eql.TermClause;
import dev.streamrules.udfs.rule.DetectionRule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The single-event rules of one job, evaluated together: the {@link RuleIndex} names the few rules
 * an event may match, and only those rules' conditions run. This is how hundreds of rules cost
 * little more than one: most events are dismissed by a hash lookup or two.
 */
public final class RuleSet implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<DetectionRule> rules;
    private final RuleIndex index;

    private RuleSet(List<DetectionRule> rules, RuleIndex index) {
        this.rules = rules;
        this.index = index;
    }

    /**
     * The single-event rules among {@code rules}, each filed under the terms its compiled query
     * requires (a condition that is not a compiled query, e.g. in tests, is checked for every event).
     */
    public static RuleSet singleEvent(List<DetectionRule> rules) {
        List<DetectionRule> single = new ArrayList<>();
        List<List<TermClause>> clauses = new ArrayList<>();
        for (DetectionRule rule : rules) {
            if (rule.isCorrelation()) {
                continue;
            }
            single.add(rule);
            clauses.add(rule.condition() instanceof CompiledEventQuery q ? q.requiredTerms() : List.of());
        }
        return of(single, clauses);
    }

    /** A rule set whose rules are filed under the necessary clauses {@code clauses.get(i)} of rule i. */
    public static RuleSet of(List<DetectionRule> rules, List<List<TermClause>> clauses) {
        if (rules.size() != clauses.size()) {
            throw new IllegalArgumentException(
                    "one clause list per rule: " + rules.size() + " rules, " + clauses.size() + " clause lists");
        }
        Set<String> ids = new HashSet<>();
        for (DetectionRule rule : rules) {
            if (!ids.add(rule.ruleId())) {
                throw new IllegalArgumentException("rule_id " + rule.ruleId() + " appears twice in the rule set");
            }
        }
        return new RuleSet(List.copyOf(rules), RuleIndex.build(clauses));
    }

    public List<DetectionRule> rules() {
        return rules;
    }

    public RuleIndex index() {
        return index;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Whether some rule may match: decided by the index alone, from fields the sensor sends (never
     * ones the process tree fills in), so it can run before enrichment.
     */
    public boolean mayMatch(EcsEvent event) {
        return index.hasCandidate(event);
    }

    /** Whether some rule matches the event. */
    public boolean anyMatch(EcsEvent event) {
        boolean[] found = {false};
        index.forEachCandidate(event, r -> found[0] |= !found[0] && rules.get(r).matches(event));
        return found[0];
    }

    /** Calls {@code matched} for every rule matching the event, in rule-set order. */
    public void forEachMatch(EcsEvent event, Consumer<DetectionRule> matched) {
        index.forEachCandidate(event, r -> {
            DetectionRule rule = rules.get(r);
            if (rule.matches(event)) {
                matched.accept(rule);
            }
        });
    }

    /** The rules matching the event (tests, tools). */
    public List<DetectionRule> matching(EcsEvent event) {
        List<DetectionRule> out = new ArrayList<>();
        forEachMatch(event, out::add);
        return out;
    }

    /** {@link #mayMatch} as a condition, for operators that take one (the process tree). */
    public EventCondition candidates() {
        return new Verdict(this, false);
    }

    /** {@link #anyMatch} as a condition: the process tree writes its alert enrichment only then. */
    public EventCondition matches() {
        return new Verdict(this, true);
    }

    /** Named class, not a lambda: it is part of the job graph and must serialize predictably. */
    private static final class Verdict implements EventCondition {
        private static final long serialVersionUID = 1L;
        private final RuleSet rules;
        private final boolean full;

        /** {@code full}: whether a rule matches ({@link #anyMatch}), else whether one may ({@link #mayMatch}). */
        Verdict(RuleSet rules, boolean full) {
            this.rules = rules;
            this.full = full;
        }

        @Override
        public boolean test(EcsEvent event) {
            return full ? rules.anyMatch(event) : rules.mayMatch(event);
        }
    }
}
