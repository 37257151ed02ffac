package dev.streamrules.udfs.rule.index;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.CompiledEventQuery;
import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.eql.TermClause;
import dev.streamrules.udfs.rule.DetectionRule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The single-event rules of one job, evaluated together: the {@link RuleIndex} names the few rules
 * an event may match, and only those rules' conditions run. This is how hundreds of rules cost
 * little more than one: most events are dismissed by a hash lookup or two.
 */
public final class RuleSet implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int[] NONE = new int[0];

    private final List<DetectionRule> rules;
    private final RuleIndex index;

    /**
     * Names this set in the verdicts events remember ({@link EcsEvent#rememberMatches}). Every
     * operator holds its own deserialized copy of the set; the id travels with them, so the copy in
     * the CEP operator recognizes the verdict the process-tree operator's copy left on an event.
     */
    private final long id;

    private RuleSet(List<DetectionRule> rules, RuleIndex index) {
        this.rules = rules;
        this.index = index;
        this.id = ThreadLocalRandom.current().nextLong();
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
        return matchingRules(event).length > 0;
    }

    /** Calls {@code matched} for every rule matching the event, in rule-set order. */
    public void forEachMatch(EcsEvent event, Consumer<DetectionRule> matched) {
        for (int r : matchingRules(event)) {
            matched.accept(rules.get(r));
        }
    }

    /**
     * Positions of the rules matching the event, ascending. The rules run once per event: the
     * verdict is remembered on the event, and the operators chained after the first to ask (the
     * process tree, then the filter before the CEP operator, then its condition) find it there
     * instead of evaluating every candidate rule again.
     */
    private int[] matchingRules(EcsEvent event) {
        int[] known = event.rememberedMatches(id);
        if (known != null) {
            return known;
        }
        Matches found = new Matches(event);
        index.forEachCandidate(event, found);
        int[] matching = found.count == 0 ? NONE : Arrays.copyOf(found.rules, found.count);
        event.rememberMatches(id, matching);
        return matching;
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

    /** Collects the candidates that match, in the ascending order the index offers them. */
    private final class Matches implements IntConsumer {
        private final EcsEvent event;
        private int[] rules = NONE;
        private int count;

        Matches(EcsEvent event) {
            this.event = event;
        }

        @Override
        public void accept(int rule) {
            if (!RuleSet.this.rules.get(rule).matches(event)) {
                return;
            }
            if (count == rules.length) {
                rules = Arrays.copyOf(rules, Math.max(2, count * 2));
            }
            rules[count++] = rule;
        }
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
