package dev.streamrules.udfs.alert;

import static dev.streamrules.udfs.testing.EcsEventBuilder.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AlertBuilderTest {

    private static final AlertBuilder BUILDER = new AlertBuilder(ProcMapsDiscoveryRule.RULE);

    /** 2024-05-01T12:00:05.250Z, a few seconds after the baseline event. */
    private static final long DETECTED_AT = 1714564805250L;

    private static final EcsEvent EVENT = EcsEventBuilder.procMapsRead().event(8);

    private static final Alert ALERT = BUILDER.build(EVENT, DETECTED_AT);

    private static final JsonNode DOC = tree(ALERT.getDocument());

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /@timestamp                                          | "2024-05-01T12:00:05.250Z"
            /event/kind                                          | "signal"
            /event/id                                            | "evt-1"
            /event/action                                        | "exec"
            /process/args                                        | ["cat","/proc/1234/maps"]
            /process/entry_leader/name                           | "bash"
            /process/pid                                         | 4242
            /host/name                                           | "web-01"
            /user/name                                           | "alice"
            /kibana/alert/original_time                          | "2024-05-01T12:00:00.123456789Z"
            /kibana/alert/original_event/id                      | "evt-1"
            /kibana/alert/original_event/kind                    | "event"
            /kibana/alert/original_event/category                | ["process"]
            /kibana/alert/original_event/type                    | ["start"]
            /kibana/alert/original_event/action                  | "exec"
            /kibana/alert/severity                               | "low"
            /kibana/alert/risk_score                             | 21
            /kibana/alert/workflow_status                        | "open"
            /kibana/alert/status                                 | "active"
            /kibana/alert/depth                                  | 1
            /kibana/alert/ancestors                              | [{"id":"evt-1","type":"event","index":"events.ndjson","depth":0}]
            /kibana/alert/rule/rule_id                           | "2f95540c-923e-4f57-9dae-de30169c68b9"
            /kibana/alert/rule/name                              | "Suspicious /proc/maps Discovery"
            /kibana/alert/rule/severity                          | "low"
            /kibana/alert/rule/risk_score                        | 21
            /kibana/alert/rule/type                              | "eql"
            /kibana/alert/rule/rule_type_id                      | "siem.eqlRule"
            /kibana/alert/rule/interval                          | "5m"
            /kibana/alert/rule/from                              | "now-9m"
            /kibana/alert/rule/max_signals                       | 100
            /kibana/alert/rule/threat/0/framework                | "MITRE ATT&CK"
            /kibana/alert/rule/threat/0/tactic/id                | "TA0007"
            /kibana/alert/rule/threat/0/tactic/name              | "Discovery"
            /kibana/alert/rule/threat/0/tactic/reference         | "https://attack.mitre.org/tactics/TA0007/"
            /kibana/alert/rule/threat/0/technique/0/id           | "T1057"
            /kibana/alert/rule/threat/0/technique/0/name         | "Process Discovery"
            /kibana/alert/rule/threat/0/technique/0/reference    | "https://attack.mitre.org/techniques/T1057/"
            /kibana/alert/rule/parameters/language               | "eql"
            /kibana/space_ids                                    | ["default"]
            """)
    void alertDocumentFollowsTheKibanaSchema(String pointer, String expectedJson) {
        assertThat(DOC.at(pointer)).isEqualTo(tree(expectedJson));
    }

    @Test
    void alertCarriesItsDeterministicIdEverywhere() {
        String id = AlertId.of(ProcMapsDiscoveryRule.RULE_ID, EVENT);
        assertThat(ALERT.getId()).isEqualTo(id);
        assertThat(DOC.at("/kibana/alert/uuid").asText()).isEqualTo(id);
        assertThat(ALERT.getHostId()).isEqualTo("host-1");
        assertThat(ALERT.getRuleId()).isEqualTo(ProcMapsDiscoveryRule.RULE_ID);
        assertThat(ALERT.getDetectedAtMillis()).isEqualTo(DETECTED_AT);
        assertThat(DOC.at("/kibana/alert/rule/parameters/query").asText())
                .isEqualTo(ProcMapsDiscoveryRule.RULE.query());
        assertThat(BUILDER.build(EVENT, DETECTED_AT + 1000).getId())
                .as("detection time is not identity")
                .isEqualTo(id);
    }

    @Test
    void keepsEverySourceField() {
        EcsEventBuilder.leaves(EcsEventBuilder.procMapsRead().tree()).forEach((path, value) -> {
            if (!path.equals("@timestamp") && !path.equals("event.kind")) {
                assertThat(DOC.at("/" + path.replace('.', '/'))).as(path).isEqualTo(value);
            }
        });
    }

    static Stream<Arguments> reasons() {
        String tail = " created low alert Suspicious /proc/maps Discovery.";
        return Stream.of(
                reason(e -> e, "process event with process cat, by alice on web-01" + tail),
                reason(
                        e -> e.set("process.parent.name", "bash"),
                        "process event with process cat, parent process bash, by alice on web-01" + tail),
                reason(e -> e.remove("host.name"), "process event with process cat, by alice" + tail),
                reason(e -> e.remove("user.name").remove("process.name"), "process event on web-01" + tail),
                reason(
                        e -> e.set("event.category", List.of("process", "file")),
                        "process, file event with process cat, by alice on web-01" + tail),
                reason(
                        e -> e.set("file.name", "maps").set("user.name", "-"),
                        "process event with process cat, file maps, on web-01" + tail),
                reason(
                        e -> e.set("source.address", "10.0.0.1")
                                .set("source.port", 40000)
                                .set("destination.address", "10.0.0.2")
                                .set("destination.port", 22),
                        "process event with process cat, source 10.0.0.1:40000, destination 10.0.0.2:22, by alice on web-01"
                                + tail));
    }

    private static Arguments reason(UnaryOperator<EcsEventBuilder> edit, String expected) {
        return Arguments.of(edit.apply(EcsEventBuilder.procMapsRead()).json(), expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("reasons")
    void reasonIsKibanasShapeFromTheEventAndTheRule(String document, String expected) {
        JsonNode alert =
                tree(BUILDER.build(EcsEventBuilder.parse(document), DETECTED_AT).getDocument());
        assertThat(alert.at("/kibana/alert/reason").asText()).isEqualTo(expected);
    }

    @Test
    void enrichmentIsDeepMerged() {
        String enrichment = "{\"process\":{\"parent\":{\"name\":\"sshd\",\"pid\":1},\"entry_leader\":{\"pid\":7}},"
                + "\"kibana\":{\"alert\":{\"process_tree\":[\"sshd\",\"bash\",\"cat\"]}}}";
        JsonNode alert = tree(
                BUILDER.build(EVENT.withEnrichment(enrichment), DETECTED_AT).getDocument());
        assertThat(alert.at("/process/parent/name").asText()).isEqualTo("sshd");
        assertThat(alert.at("/process/entry_leader/pid").asInt()).isEqualTo(7);
        assertThat(alert.at("/kibana/alert/process_tree")).isEqualTo(tree("[\"sshd\",\"bash\",\"cat\"]"));
        // merged, not replaced: siblings from the event and from the alert survive
        assertThat(alert.at("/process/entry_leader/name").asText()).isEqualTo("bash");
        assertThat(alert.at("/process/name").asText()).isEqualTo("cat");
        assertThat(alert.at("/kibana/alert/uuid").asText()).isEqualTo(ALERT.getId());
        assertThat(alert.at("/kibana/alert/rule/rule_id").asText()).isEqualTo(ProcMapsDiscoveryRule.RULE_ID);
    }

    @Test
    void eventWithoutTimestampOrEventIdStillAlerts() {
        EcsEvent event = EcsEventBuilder.procMapsRead()
                .remove("@timestamp")
                .remove("event.id")
                .event(21);
        JsonNode alert = tree(BUILDER.build(event, DETECTED_AT).getDocument());
        assertThat(alert.has("@timestamp")).isTrue();
        assertThat(alert.at("/kibana/alert/original_time").isMissingNode()).isTrue();
        assertThat(alert.at("/kibana/alert/ancestors/0/id").asText()).isEqualTo("events.ndjson:21");
        assertThat(alert.at("/kibana/alert/original_event/id").isMissingNode()).isTrue();
    }

    @Test
    void invalidEnrichmentIsRejectedLoudly() {
        for (String bad : List.of("{", "[1]")) {
            assertThatThrownBy(() -> BUILDER.build(EVENT.withEnrichment(bad), DETECTED_AT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("enrichment is not");
        }
    }
}
