package dev.streamrules.udfs.rule.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.TermClause;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleIndexTest {

    private static TermClause clause(String field, boolean caseInsensitive, String... values) {
        return new TermClause(field, Set.of(values), caseInsensitive);
    }

    private static List<Integer> candidates(RuleIndex index, EcsEvent event) {
        List<Integer> out = new ArrayList<>();
        index.forEachCandidate(event, out::add);
        return out;
    }

    /** The baseline fixture: event.action exec, process.name cat, args [cat, /proc/1234/maps]. */
    private static EcsEvent baseline() {
        return EcsEventBuilder.procMapsRead().event();
    }

    @Test
    void filesEachRuleUnderItsMostSelectiveClause() {
        RuleIndex index = RuleIndex.build(List.of(
                List.of(clause("event.category", false, "process"), clause("process.name", false, "cat", "grep")),
                List.of(clause("event.category", false, "process")),
                List.of(clause("event.type", false, "start"), clause("event.category", false, "process")),
                List.of(clause("event.action", false, "exec"), clause("process.name", false, "cat", "grep")),
                List.of(clause("event.type", false, "start"), clause("event.action", false, "exec"))));
        assertThat(index.clauseOf(0).field()).isEqualTo("process.name");
        assertThat(index.clauseOf(1).field()).isEqualTo("event.category");
        assertThat(index.clauseOf(2).field()).isEqualTo("event.type");
        assertThat(index.clauseOf(3).field())
                .as("a name in a list, not the action")
                .isEqualTo("process.name");
        assertThat(index.clauseOf(4).field()).as("the best of the weak").isEqualTo("event.action");
    }

    @Test
    void neverUsesFieldsTheProcessTreeFillsIn() {
        RuleIndex index = RuleIndex.build(List.of(
                List.of(clause("process.parent.name", false, "sshd")),
                List.of(clause("process.entry_leader.name", false, "bash"), clause("event.action", false, "exec"))));
        assertThat(index.clauseOf(0)).isNull();
        assertThat(index.alwaysChecked()).containsExactly(0);
        assertThat(index.clauseOf(1).field()).isEqualTo("event.action");
    }

    @Test
    void findsOnlyRulesWhoseClauseTheEventSatisfies() {
        RuleIndex index = RuleIndex.build(List.of(
                List.of(clause("process.name", false, "cat")),
                List.of(clause("process.name", false, "curl")),
                List.of(clause("process.args", false, "/proc/1234/maps", "cat")),
                List.of(clause("event.action", false, "fork"))));
        assertThat(candidates(index, baseline())).containsExactly(0, 2);
        assertThat(index.hasCandidate(baseline())).isTrue();
    }

    @Test
    void caseInsensitiveClausesCompareLowerCased() {
        RuleIndex index = RuleIndex.build(List.of(List.of(clause("process.name", true, "cat"))));
        EcsEvent upper = EcsEventBuilder.procMapsRead().name("Cat").event();
        assertThat(candidates(index, upper)).containsExactly(0);
    }

    @Test
    void anEventNoRuleCanMatchTouchesNone() {
        RuleIndex index = RuleIndex.build(List.of(List.of(clause("process.name", false, "curl"))));
        assertThat(candidates(index, baseline())).isEmpty();
        assertThat(index.hasCandidate(baseline())).isFalse();
    }

    @Test
    void rulesWithoutClausesAreCandidatesForEveryEvent() {
        RuleIndex index = RuleIndex.build(List.of(List.of(clause("process.name", false, "curl")), List.of()));
        assertThat(candidates(index, baseline())).containsExactly(1);
        assertThat(index.hasCandidate(baseline())).isTrue();
    }
}
