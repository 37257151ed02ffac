package dev.streamrules.udfs.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.CompiledEventQuery;
import dev.streamrules.udfs.rule.index.RuleSet;
import dev.streamrules.udfs.rule.load.LoadedRules;
import dev.streamrules.udfs.rule.load.RuleSets;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed rule shipped as a TOML file is the rule the project started with: same identity, same verdicts. */
class SeedRuleFileTest {

    private static final LoadedRules DEFAULTS = RuleSets.defaults();

    private static final DetectionRule SEED = DEFAULTS.rules().get(0);

    private static final RuleSet SET = RuleSet.singleEvent(DEFAULTS.rules());

    @Test
    void theDefaultRuleSetIsTheSeedRuleAndLoadsCleanly() {
        assertThat(DEFAULTS.problems()).isEmpty();
        assertThat(DEFAULTS.summary()).isEqualTo("rules: 1 loaded, 0 skipped, 0 failed");
        assertThat(SEED.ruleId()).isEqualTo(ProcMapsDiscoveryRule.RULE_ID);
        assertThat(SEED.name()).isEqualTo("Suspicious /proc/maps Discovery");
        assertThat(SEED.severity()).isEqualTo("low");
        assertThat(SEED.riskScore()).isEqualTo(21);
        assertThat(SEED.schedule()).isEqualTo(RuleSchedule.of("5m", "now-9m", 100));
        assertThat(SEED.threats()).containsExactly(new Threat("TA0007", "Discovery", "T1057", "Process Discovery"));
        assertThat(SEED.tags())
                .containsExactly(
                        "Domain: Endpoint",
                        "OS: Linux",
                        "Use Case: Threat Detection",
                        "Tactic: Discovery",
                        "Data Source: Elastic Defend");
        assertThat(SEED.condition()).isInstanceOf(CompiledEventQuery.class);
        assertThat(((CompiledEventQuery) SEED.condition()).fieldsRead())
                .containsExactlyInAnyOrder(
                        "event.category",
                        "host.os.type",
                        "event.type",
                        "event.action",
                        "process.name",
                        "process.args",
                        "process.entry_leader.name");
    }

    static Stream<Arguments> cases() {
        return ProcMapsDiscoveryRuleTest.cases();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void compiledFromTheFileItGivesTheVerdictsOfTheOriginalRule(String name, String document, boolean expected) {
        EcsEvent event = EcsEventBuilder.parse(document);
        assertThat(SEED.matches(event)).as("%s: %s", name, document).isEqualTo(expected);
        // the same verdict through the conditions operators take (the process tree's)
        assertThat(SET.matches().test(event)).as(name).isEqualTo(expected);
        if (expected) {
            assertThat(SET.candidates().test(event)).as(name).isTrue();
        }
    }

    @Test
    void theQueryIsTheSeedQuery() {
        assertThat(SEED.query().replaceAll("\\s+", " ").trim()).isEqualTo(ProcMapsDiscoveryRule.QUERY);
    }
}
