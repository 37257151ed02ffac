package dev.streamrules.udfs.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertIdTest {

    private static final String RULE = ProcMapsDiscoveryRule.RULE_ID;

    static Stream<Arguments> pairs() {
        EcsEventBuilder noId = EcsEventBuilder.procMapsRead().remove("event.id");
        return Stream.of(
                same(
                        "same event twice",
                        line(EcsEventBuilder.procMapsRead(), 1),
                        line(EcsEventBuilder.procMapsRead(), 1)),
                same(
                        "same event.id read from another line (replay)",
                        line(EcsEventBuilder.procMapsRead(), 1),
                        line(EcsEventBuilder.procMapsRead(), 99)),
                same(
                        "same event.id from a file and from Kafka",
                        line(EcsEventBuilder.procMapsRead(), 1),
                        kafka(EcsEventBuilder.procMapsRead(), 0, 5)),
                differ(
                        "different event.id",
                        line(EcsEventBuilder.procMapsRead(), 1),
                        line(EcsEventBuilder.procMapsRead().set("event.id", "evt-2"), 1)),
                differ(
                        "same event.id on another host",
                        line(EcsEventBuilder.procMapsRead(), 1),
                        line(EcsEventBuilder.procMapsRead().set("host.id", "host-2"), 1)),
                same("no event.id, same line", line(noId, 4), line(noId, 4)),
                differ("no event.id, another line", line(noId, 4), line(noId, 5)),
                same("no event.id, same Kafka offset", kafka(noId, 2, 10), kafka(noId, 2, 10)),
                differ("no event.id, another partition", kafka(noId, 2, 10), kafka(noId, 3, 10)),
                differ("no event.id, another offset", kafka(noId, 2, 10), kafka(noId, 2, 11)),
                same(
                        "empty event.id falls back to the origin",
                        line(EcsEventBuilder.procMapsRead().set("event.id", ""), 4),
                        line(noId, 4)),
                differ(
                        "empty event.id, another line",
                        line(EcsEventBuilder.procMapsRead().set("event.id", ""), 4),
                        line(noId, 5)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("pairs")
    void identityDecidesTheId(String name, EcsEvent a, EcsEvent b, boolean same) {
        String idA = AlertId.of(RULE, a);
        String idB = AlertId.of(RULE, b);
        assertThat(idA).matches("[0-9a-f]{64}");
        assertThat(idB).matches("[0-9a-f]{64}");
        assertThat(idA.equals(idB)).as("%s vs %s", idA, idB).isEqualTo(same);
    }

    @Test
    void ruleIdIsPartOfTheId() {
        EcsEvent event = EcsEventBuilder.procMapsRead().event();
        assertThat(AlertId.of(RULE, event)).isNotEqualTo(AlertId.of("another-rule", event));
    }

    @Test
    void digestIsSha256InLowerCaseHex() {
        assertThat(AlertId.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static Arguments same(String name, EcsEvent a, EcsEvent b) {
        return Arguments.of(name, a, b, true);
    }

    private static Arguments differ(String name, EcsEvent a, EcsEvent b) {
        return Arguments.of(name, a, b, false);
    }

    private static EcsEvent line(EcsEventBuilder doc, long line) {
        return doc.event(line);
    }

    private static EcsEvent kafka(EcsEventBuilder doc, int partition, long offset) {
        return new EcsEventParser()
                .parse(RawRecord.kafka(
                        "ecs-events", partition, offset, doc.json().getBytes(StandardCharsets.UTF_8)))
                .event();
    }
}
