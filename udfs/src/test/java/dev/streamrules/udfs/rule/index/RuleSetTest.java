package dev.streamrules.udfs.rule.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.eql.TermClause;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rule set's verdict: which rules match, evaluated once per event however many operators ask. */
class RuleSetTest {

    /** Evaluations per rule name; static because the conditions travel through serialization. */
    private static final Map<String, AtomicInteger> EVALUATIONS = new ConcurrentHashMap<>();

    /** {@code path == value}, counting its evaluations. */
    private record CountedEquals(String rule, String path, String value) implements EventCondition {
        @Override
        public boolean test(EcsEvent event) {
            EVALUATIONS.computeIfAbsent(rule, r -> new AtomicInteger()).incrementAndGet();
            return value.equals(event.first(path));
        }
    }

    private static DetectionRule rule(String name, String path, String value) {
        return DetectionRule.builder()
                .ruleId("rule-" + name)
                .name(name)
                .severity("low")
                .riskScore(21)
                .query("eql", "any where " + path + " == \"" + value + "\"")
                .condition(new CountedEquals(name, path, value))
                .build();
    }

    /** Rules without index clauses: every one is a candidate for every event. */
    private static RuleSet set(DetectionRule... rules) {
        List<List<TermClause>> clauses = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            clauses.add(List.of());
        }
        return RuleSet.of(List.of(rules), clauses);
    }

    private static int evaluations(String rule) {
        AtomicInteger n = EVALUATIONS.get(rule);
        return n == null ? 0 : n.get();
    }

    private static List<String> matching(RuleSet set, EcsEvent event) {
        List<String> names = new ArrayList<>();
        set.forEachMatch(event, r -> names.add(r.name()));
        return names;
    }

    @BeforeEach
    void resetCounts() {
        EVALUATIONS.clear();
    }

    @Test
    void copiesOfOneSetEvaluateEachRuleOncePerEvent() throws Exception {
        RuleSet set = set(
                rule("cat", "process.name", "cat"),
                rule("grep", "process.name", "grep"),
                rule("exec", "event.action", "exec"));
        // Each operator of the job holds its own deserialized copy of the set.
        RuleSet inTree = InstantiationUtil.clone(set);
        RuleSet inCep = InstantiationUtil.clone(set);
        EcsEvent event = EcsEventBuilder.procMapsRead().event();

        assertThat(inTree.anyMatch(event)).isTrue();
        assertThat(inCep.anyMatch(event)).isTrue();
        assertThat(matching(inCep, event)).containsExactly("cat", "exec");
        assertThat(matching(set, event)).containsExactly("cat", "exec");

        assertThat(List.of(evaluations("cat"), evaluations("grep"), evaluations("exec")))
                .containsExactly(1, 1, 1);
    }

    @Test
    void anotherSetEvaluatesForItself() {
        DetectionRule cat = rule("cat", "process.name", "cat");
        RuleSet first = set(cat);
        RuleSet second = set(rule("grep", "process.name", "grep"), cat);
        EcsEvent event = EcsEventBuilder.procMapsRead().event();

        assertThat(first.anyMatch(event)).isTrue();
        // The positions of another set mean other rules: its own verdict, not the first one's.
        assertThat(matching(second, event)).containsExactly("cat");

        assertThat(evaluations("cat")).isEqualTo(2);
        assertThat(evaluations("grep")).isEqualTo(1);
    }

    @Test
    void fieldsFilledLaterAreEvaluatedAgainButEnrichmentAloneIsNot() {
        RuleSet set = set(rule("from-bash", "process.parent.name", "bash"));
        EcsEvent sent = EcsEventBuilder.procMapsRead().event();
        assertThat(sent.has("process.parent.name")).isFalse();

        assertThat(set.anyMatch(sent)).isFalse();
        // The process tree fills the parent in: a new field index, so a new verdict.
        EcsEvent filled = sent.withFields(Map.of("process.parent.name", new String[] {"bash"}));
        assertThat(set.anyMatch(filled)).isTrue();
        // Only the enrichment object changes: the fields, hence the verdict, are the same.
        EcsEvent enriched = filled.withEnrichment("{\"process_tree\":{}}");
        assertThat(matching(set, enriched)).containsExactly("from-bash");

        assertThat(evaluations("from-bash")).isEqualTo(2);
    }

    @Test
    void anEventNoRuleMatchesRemembersThatToo() {
        RuleSet set = set(rule("curl", "process.name", "curl"));
        EcsEvent event = EcsEventBuilder.procMapsRead().event();

        assertThat(set.anyMatch(event)).isFalse();
        assertThat(set.anyMatch(event)).isFalse();
        assertThat(matching(set, event)).isEmpty();

        assertThat(evaluations("curl")).isEqualTo(1);
    }
}
