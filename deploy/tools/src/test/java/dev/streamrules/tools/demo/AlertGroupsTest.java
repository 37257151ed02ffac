package dev.streamrules.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert documents shaped as the job writes them (Kibana's sequence alert groups), sorted out and checked. */
class AlertGroupsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "rule-1";

    private static JsonNode single(String uuid, String eventId) {
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode alert = doc.putObject("kibana").putObject("alert");
        alert.put("uuid", uuid);
        alert.putObject("rule").put("rule_id", "seed");
        alert.putObject("original_event").put("id", eventId);
        return doc;
    }

    private static JsonNode block(String group, int index, String eventId) {
        ObjectNode doc = (ObjectNode) single(group + "-" + index, eventId);
        ObjectNode alert = (ObjectNode) doc.path("kibana").path("alert");
        alert.put("building_block_type", "default");
        alert.putObject("group").put("id", group).put("index", index);
        return doc;
    }

    private static JsonNode shell(String group, String... eventIds) {
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode alert = doc.putObject("kibana").putObject("alert");
        alert.put("uuid", group);
        alert.putObject("rule").put("rule_id", RULE);
        alert.putObject("group").put("id", group);
        ArrayNode ancestors = alert.putArray("ancestors");
        for (int i = 0; i < eventIds.length; i++) {
            ancestors.addObject().put("type", "event").put("id", eventIds[i]).put("depth", 0);
            ancestors
                    .addObject()
                    .put("type", "signal")
                    .put("id", group + "-" + i)
                    .put("depth", 1);
        }
        return doc;
    }

    /** One sequence (a, b), complete, plus a single-event alert; then read again. */
    private static List<JsonNode> oneGroup() {
        return List.of(shell("g1", "a", "b"), block("g1", 1, "b"), block("g1", 0, "a"), single("s1", "x"));
    }

    @Test
    void shellsBecomeTruthLinesAndBlocksListTheSameMembers() {
        AlertGroups groups = AlertGroups.of(oneGroup());
        assertThat(groups.shellLines()).containsExactly("SEQ rule-1 a,b");
        assertThat(groups.shellMembers()).isEqualTo(Map.of("g1", List.of("a", "b")));
        assertThat(groups.blockMembers()).isEqualTo(groups.shellMembers());
        assertThat(groups.singleEventIds()).containsExactly("x");

        SequenceCheck check = SequenceCheck.of(groups, List.of("SEQ rule-1 a,b"));
        assertThat(check.exactly()).isTrue();
        assertThat(check.line("Elasticsearch")).isEqualTo("sequences: 1 in Elasticsearch, 1 expected, 0 duplicates");
    }

    @Test
    void theSameDocumentReadTwiceIsNoDuplicateButWrittenTwiceIs() {
        AlertGroups reread = AlertGroups.of(oneGroup());
        oneGroup().forEach(reread::add);
        assertThat(reread.sequenceDuplicates()).isZero();
        assertThat(reread.singleEventDuplicates()).isZero();

        AlertGroups twice = new AlertGroups();
        int offset = 0;
        for (List<JsonNode> copy : List.of(oneGroup(), oneGroup())) {
            for (JsonNode doc : copy) {
                twice.add(doc, "record@" + offset++);
            }
        }
        assertThat(twice.sequenceDuplicates()).as("shell and two blocks again").isEqualTo(3);
        assertThat(twice.singleEventDuplicates()).isEqualTo(1);
        SequenceCheck check = SequenceCheck.of(twice, List.of("SEQ rule-1 a,b"));
        assertThat(check.exactly()).isFalse();
        assertThat(check.line("the topic")).isEqualTo("sequences: 1 in the topic, 1 expected, 3 duplicates");
    }

    @Test
    void missingUnexpectedAndIncompleteGroupsAreReported() {
        AlertGroups groups = AlertGroups.of(List.of(
                shell("g1", "a", "b"),
                block("g1", 0, "a"),
                shell("g2", "n1", "n2"),
                block("g2", 0, "n1"),
                block("g2", 1, "n2")));
        SequenceCheck check = SequenceCheck.of(groups, List.of("SEQ rule-1 a,b", "SEQ rule-1 c,d"));
        assertThat(check.exactly()).isFalse();
        assertThat(check.missing()).containsExactly("SEQ rule-1 c,d");
        assertThat(check.unexpected()).containsExactly("SEQ rule-1 n1,n2");
        assertThat(check.badGroups()).as("g1 lacks the building block of b").isEqualTo(1);
        assertThat(check.line("Elasticsearch")).isEqualTo("sequences: 2 in Elasticsearch, 2 expected, 0 duplicates");
        assertThat(check.problems())
                .isEqualTo("1 expected sequences missing, e.g. SEQ rule-1 c,d; 1 sequences not planted as attacks, e.g."
                        + " SEQ rule-1 n1,n2; 1 groups whose building blocks differ");
    }
}
