package dev.streamrules.udfs.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceAlertBuilderTest {

    private static final long DETECTED = 1_714_564_800_000L;

    private static final SequenceAlertBuilder BUILDER =
            new SequenceAlertBuilder("rule-seq", new AlertBuilder(ProcMapsDiscoveryRule.RULE));

    private static EcsEvent event(String eventId, int pid, long line) {
        return EcsEventBuilder.procMapsRead().eventId(eventId).pid(pid).event(line);
    }

    private static final EcsEvent[] SEQUENCE = {event("evt-a", 10, 1), event("evt-b", 11, 2), event("evt-c", 12, 3)};

    private static JsonNode doc(Alert alert) {
        return EcsEventBuilder.tree(alert.getDocument());
    }

    @Test
    void oneShellAlertThenOneBuildingBlockPerEventInOrder() {
        List<Alert> alerts = BUILDER.build(SEQUENCE, DETECTED);
        assertThat(alerts).hasSize(4);
        JsonNode shell = doc(alerts.get(0)).at("/kibana/alert");
        String groupId = alerts.get(0).getId();
        assertThat(shell.get("uuid").asText()).isEqualTo(groupId);
        assertThat(shell.at("/group/id").asText()).isEqualTo(groupId);
        assertThat(shell.has("building_block_type")).isFalse();
        assertThat(shell.get("depth").asInt()).isEqualTo(2);
        assertThat(shell.at("/rule/rule_id").asText()).isEqualTo(ProcMapsDiscoveryRule.RULE.ruleId());

        List<String> events = new ArrayList<>();
        List<String> signals = new ArrayList<>();
        for (JsonNode ancestor : shell.get("ancestors")) {
            (ancestor.get("type").asText().equals("event") ? events : signals)
                    .add(ancestor.get("id").asText());
        }
        assertThat(events).containsExactly("evt-a", "evt-b", "evt-c");
        assertThat(signals)
                .containsExactly(
                        alerts.get(1).getId(),
                        alerts.get(2).getId(),
                        alerts.get(3).getId());

        for (int i = 1; i < alerts.size(); i++) {
            JsonNode block = doc(alerts.get(i)).at("/kibana/alert");
            assertThat(block.get("uuid").asText()).isEqualTo(alerts.get(i).getId());
            assertThat(block.get("building_block_type").asText()).isEqualTo("default");
            assertThat(block.at("/group/id").asText()).isEqualTo(groupId);
            assertThat(block.at("/group/index").asInt()).isEqualTo(i - 1);
            assertThat(block.at("/ancestors/0/id").asText()).isEqualTo(SEQUENCE[i - 1].first("event.id"));
            assertThat(doc(alerts.get(i)).at("/event/kind").asText()).isEqualTo("signal");
        }
    }

    @Test
    void theShellHoldsTheFieldsEveryEventShares() {
        JsonNode shell = doc(BUILDER.build(SEQUENCE, DETECTED).get(0));
        assertThat(shell.at("/host/id").asText()).isEqualTo("host-1");
        assertThat(shell.at("/process/name").asText()).isEqualTo("cat");
        assertThat(shell.at("/process/pid").isMissingNode())
                .as("differs between events")
                .isTrue();
        assertThat(shell.at("/event/id").isMissingNode()).isTrue();
        assertThat(shell.at("/event/kind").asText()).isEqualTo("signal");
        assertThat(shell.get("@timestamp").asText()).isEqualTo("2024-05-01T12:00:00Z");
    }

    @Test
    void idsAreDeterministicFromTheRuleAndTheMemberEvents() {
        List<String> ids =
                BUILDER.build(SEQUENCE, DETECTED).stream().map(Alert::getId).toList();
        assertThat(BUILDER.build(SEQUENCE, DETECTED + 5_000).stream()
                        .map(Alert::getId)
                        .toList())
                .as("a replay later")
                .isEqualTo(ids);
        assertThat(ids).doesNotHaveDuplicates();
        EcsEvent[] other = {SEQUENCE[0], SEQUENCE[1], event("evt-d", 13, 4)};
        assertThat(BUILDER.build(other, DETECTED).get(0).getId()).isNotEqualTo(ids.get(0));
        SequenceAlertBuilder otherRule =
                new SequenceAlertBuilder("rule-2", new AlertBuilder(ProcMapsDiscoveryRule.RULE));
        assertThat(otherRule.build(SEQUENCE, DETECTED).get(0).getId()).isNotEqualTo(ids.get(0));
    }
}
