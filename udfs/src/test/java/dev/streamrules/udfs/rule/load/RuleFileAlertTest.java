package dev.streamrules.udfs.rule.load;

import static dev.streamrules.udfs.testing.EcsEventBuilder.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An alert carries what the rule file says, as the file says it. */
class RuleFileAlertTest {

    private static final DetectionRule RULE = new RuleLoader(EqlRuleCompiler.ecs())
            .loadText(
                    RuleFiles.NAME,
                    RuleFiles.edit("type = \"eql\"\n", """
                    type = "eql"
                    version = 4
                    from = "now-119m"
                    interval = "1h"
                    max_signals = 7
                    references = ["https://example.org/shadow"]
                    false_positives = ["Backups read shadow."]
                    note = "## Triage"
                    setup = "Needs Elastic Defend."
                    timestamp_override = "event.ingested"
                    index = ["logs-endpoint.events.process*"]
                    """)
                            .replace("from = \"now-9m\"\n", "")
                            .replace("interval = \"5m\"\n", "")
                            .replace("max_signals = 100\n", ""))
            .rules()
            .get(0);

    private static final JsonNode ALERT = tree(new AlertBuilder(RULE)
            .build(EcsEventBuilder.procMapsRead().event(), 1714564805250L)
            .getDocument());

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /kibana/alert/rule/rule_id                                    | "rule-1"
            /kibana/alert/rule/name                                       | "Test rule"
            /kibana/alert/rule/description                                | "Reads a test file."
            /kibana/alert/rule/severity                                   | "medium"
            /kibana/alert/severity                                        | "medium"
            /kibana/alert/rule/risk_score                                 | 47
            /kibana/alert/rule/version                                    | 4
            /kibana/alert/rule/type                                       | "eql"
            /kibana/alert/rule/from                                       | "now-119m"
            /kibana/alert/rule/interval                                   | "1h"
            /kibana/alert/rule/max_signals                                | 7
            /kibana/alert/rule/tags                                       | ["OS: Linux","Tactic: Credential Access"]
            /kibana/alert/rule/author                                     | ["streamrules","A. Tester"]
            /kibana/alert/rule/license                                    | "Apache-2.0"
            /kibana/alert/rule/references                                 | ["https://example.org/shadow"]
            /kibana/alert/rule/false_positives                            | ["Backups read shadow."]
            /kibana/alert/rule/note                                       | "## Triage"
            /kibana/alert/rule/setup                                      | "Needs Elastic Defend."
            /kibana/alert/rule/timestamp_override                         | "event.ingested"
            /kibana/alert/rule/parameters/index                           | ["logs-endpoint.events.process*"]
            /kibana/alert/rule/parameters/language                        | "eql"
            /kibana/alert/rule/threat/0/tactic/id                         | "TA0006"
            /kibana/alert/rule/threat/0/technique/0/id                    | "T1003"
            /kibana/alert/rule/threat/0/technique/0/subtechnique/1/name   | "/etc/passwd and /etc/shadow"
            /kibana/alert/rule/threat/0/technique/0/subtechnique/1/reference | "https://attack.mitre.org/techniques/T1003/008/"
            /kibana/alert/rule/threat/0/technique/1/reference             | "https://attack.mitre.org/techniques/T1057/"
            /kibana/alert/rule/threat/1/tactic/name                       | "Discovery"
            /kibana/alert/rule/threat/1/technique                         | []
            /kibana/alert/reason                                          | "process event with process cat, by alice on web-01 created medium alert Test rule."
            """)
    void everyRuleValueComesFromTheFile(String pointer, String expectedJson) {
        assertThat(ALERT.at(pointer)).isEqualTo(tree(expectedJson));
    }

    @Test
    void theQueryIsCopiedAsWritten() {
        assertThat(ALERT.at("/kibana/alert/rule/parameters/query").asText()).isEqualTo(RULE.query());
        assertThat(ALERT.at("/kibana/alert/rule/threat/0/technique/1/subtechnique")
                        .isMissingNode())
                .isTrue();
    }
}
