package dev.streamrules.udfs.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.index.RuleSet;
import dev.streamrules.udfs.rule.load.RuleSets;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule set's verdicts as the conditions operators take (the process tree's candidates and matches). */
class RuleSetConditionsTest {

    private static final RuleSet RULES = RuleSet.singleEvent(RuleSets.defaults().rules());

    static Stream<Arguments> cases() {
        return ProcMapsDiscoveryRuleTest.cases();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void matchesIsTheRulesVerdictAndEveryMatchIsACandidate(String name, String document, boolean expected) {
        EcsEvent event = EcsEventBuilder.parse(document);
        assertThat(RULES.matches().test(event)).as("%s: %s", name, document).isEqualTo(expected);
        if (expected) {
            assertThat(RULES.candidates().test(event)).as(name).isTrue();
        }
    }
}
