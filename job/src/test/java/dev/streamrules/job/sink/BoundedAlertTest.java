package dev.streamrules.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedAlertTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ONE_MIB = 1024 * 1024;

    /** The alert the job builds for an event, as in production (parser, rule, alert builder). */
    static Alert alertFor(String eventJson) {
        ParseResult parsed = new EcsEventParser()
                .parse(RawRecord.kafka("events", 0, 42, eventJson.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.isValid()).as("parses: %s", parsed).isTrue();
        assertThat(ProcMapsDiscoveryRule.RULE.matches(parsed.event()))
                .as("the rule matches")
                .isTrue();
        return new AlertBuilder(ProcMapsDiscoveryRule.RULE).build(parsed.event(), 1_700_000_000_000L);
    }

    @Test
    void thePoisonPillOfIssue10IsShrunkBelowOneMebibyteAndKeepsItsReferences() throws Exception {
        Alert alert = alertFor(AttackEvents.ofSize("host-1", "evt-big", AttackEvents.POISON_PILL_BYTES));
        assertThat(JsonShrinker.utf8Length(alert.getDocument()))
                .as("the alert is over the bound")
                .isGreaterThan(ONE_MIB - 1000);

        BoundedAlert bounded = BoundedAlert.of(alert.getDocument(), ONE_MIB - 1000);

        assertThat(bounded.outcome()).isEqualTo(BoundedAlert.Outcome.TRUNCATED);
        assertThat(JsonShrinker.utf8Length(bounded.document())).isLessThanOrEqualTo(ONE_MIB - 1000);
        JsonNode doc = JSON.readTree(bounded.document());
        JsonNode kibana = doc.path("kibana").path("alert");
        assertThat(kibana.path("original_truncated").asBoolean()).isTrue();
        assertThat(kibana.path("uuid").asText()).isEqualTo(alert.getId());
        assertThat(kibana.path("ancestors").get(0).path("id").asText()).isEqualTo("evt-big");
        assertThat(kibana.path("ancestors").get(0).path("index").asText()).isEqualTo("events");
        String commandLine = doc.path("process").path("command_line").asText();
        assertThat(commandLine).startsWith("cat /proc/1234/maps xxx").endsWith(JsonShrinker.MARKER);
        // The cut removed little more than the excess: the command line keeps all that fits.
        assertThat(commandLine.length()).isGreaterThan((ONE_MIB - 10_000) / 2);
        assertThat(kibana.path("reason").asText())
                .as("short values are left alone")
                .isEqualTo(new ObjectMapper()
                        .readTree(alert.getDocument())
                        .at("/kibana/alert/reason")
                        .asText());
    }

    @Test
    void aDocumentThatFitsIsLeftAlone() {
        Alert alert = alertFor(AttackEvents.ofSize("host-1", "evt-small", 2000));
        BoundedAlert bounded = BoundedAlert.of(alert.getDocument(), ONE_MIB);
        assertThat(bounded.outcome()).isEqualTo(BoundedAlert.Outcome.UNCHANGED);
        assertThat(bounded.document()).isSameAs(alert.getDocument());
    }

    @Test
    void hugeArraysOfShortValuesAreCutToTheirFirstElements() throws Exception {
        ObjectNode doc = (ObjectNode)
                JSON.readTree(alertFor(AttackEvents.ofSize("h", "e", 2000)).getDocument());
        ArrayNode args = doc.withObject("/process").putArray("args");
        for (int i = 0; i < 100_000; i++) {
            args.add("arg" + i);
        }
        BoundedAlert bounded = BoundedAlert.of(doc.toString(), 100_000);

        assertThat(bounded.outcome()).isEqualTo(BoundedAlert.Outcome.TRUNCATED);
        JsonNode shrunk = JSON.readTree(bounded.document());
        assertThat(JsonShrinker.utf8Length(bounded.document())).isLessThanOrEqualTo(100_000);
        assertThat(shrunk.path("process").path("args").size()).isBetween(1000, 99_999);
        assertThat(shrunk.path("process").path("args").get(0).asText()).isEqualTo("arg0");
    }

    @Test
    void whenCuttingIsNotEnoughACompactAlertKeepsTheDetectionAndTheEventReference() throws Exception {
        Alert alert = alertFor(AttackEvents.ofSize("host-1", "evt-1", 200_000));
        ObjectNode doc = (ObjectNode) JSON.readTree(alert.getDocument());
        ObjectNode many = doc.putObject("labels");
        for (int i = 0; i < 5000; i++) {
            many.put("label_" + i, i);
        }
        BoundedAlert bounded = BoundedAlert.of(doc.toString(), 8_000);

        assertThat(bounded.outcome()).isEqualTo(BoundedAlert.Outcome.COMPACTED);
        JsonNode compact = JSON.readTree(bounded.document());
        assertThat(JsonShrinker.utf8Length(bounded.document())).isLessThanOrEqualTo(8_000);
        assertThat(compact.has("labels")).isFalse();
        assertThat(compact.path("host").path("id").asText()).isEqualTo("host-1");
        assertThat(compact.path("kibana").path("alert").path("uuid").asText()).isEqualTo(alert.getId());
        assertThat(compact.path("kibana")
                        .path("alert")
                        .path("rule")
                        .path("rule_id")
                        .asText())
                .isEqualTo(ProcMapsDiscoveryRule.RULE_ID);
        assertThat(compact.path("kibana")
                        .path("alert")
                        .path("ancestors")
                        .get(0)
                        .path("id")
                        .asText())
                .isEqualTo("evt-1");
        assertThat(compact.path("kibana")
                        .path("alert")
                        .path("original_truncated")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aLimitBelowEvenTheCompactAlertMeansTooLargeAndACompactDeadLetter() throws Exception {
        Alert alert = alertFor(AttackEvents.ofSize("host-1", "evt-1", 5000));
        BoundedAlert bounded = BoundedAlert.of(alert.getDocument(), 300);
        assertThat(bounded.outcome()).isEqualTo(BoundedAlert.Outcome.TOO_LARGE);
        assertThat(bounded.document()).isNull();

        JsonNode letter = JSON.readTree(BoundedAlert.deadLetter(alert, "the topic t", 5000, 300));
        assertThat(letter.path("alert_id").asText()).isEqualTo(alert.getId());
        assertThat(letter.path("reason").asText())
                .contains("5000 bytes")
                .contains("the topic t")
                .contains("300");
        assertThat(letter.path("original_truncated").asBoolean()).isTrue();
    }

    /**
     * Property: whatever the document (random nesting, long and multi-byte strings, long arrays) and
     * the limit, the result is valid JSON within the limit, unchanged when it fitted, else flagged.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyResultIsValidJsonWithinTheLimit(long seed) throws Exception {
        Random random = new Random(seed);
        for (int round = 0; round < 8; round++) {
            ObjectNode doc = (ObjectNode) JSON.readTree(
                    alertFor(AttackEvents.ofSize("h", "e" + round, 1500)).getDocument());
            RandomJson.fill(doc, random, 3);
            String json = doc.toString();
            long limit = 200 + random.nextInt(Math.max(1, JsonShrinker.utf8Length(json) * 2));

            BoundedAlert bounded = BoundedAlert.of(json, limit);

            if (JsonShrinker.utf8Length(json) <= limit) {
                assertThat(bounded.outcome()).isEqualTo(BoundedAlert.Outcome.UNCHANGED);
                continue;
            }
            if (bounded.outcome() == BoundedAlert.Outcome.TOO_LARGE) {
                continue;
            }
            assertThat(bounded.document().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo((int) limit);
            JsonNode shrunk = JSON.readTree(bounded.document());
            assertThat(shrunk.at("/kibana/alert/original_truncated").asBoolean())
                    .isTrue();
            assertThat(shrunk.at("/kibana/alert/uuid").asText())
                    .isEqualTo(doc.at("/kibana/alert/uuid").asText());
        }
    }
}
