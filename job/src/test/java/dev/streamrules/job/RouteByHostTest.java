package dev.streamrules.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every valid event is routed by its parsed host id, whether the byte scan or the parser found it;
 * records the parser rejects after a scan cannot tell go to one key.
 */
class RouteByHostTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"host\":{\"id\":\"h-1\"}}                | false | h-1",
                "{\"host\":{\"id\":\"h\\u002d1\"}}          | false | h-1",
                "{\"host\":[{\"id\":\"h-1\"}]}              | false | h-1",
                "{\"host\":{\"id\":42}}                     | false | 42",
                "{\"host\":{\"id\":[\"a\",\"b\"]}}          | false | ''",
                "{\"event\":{\"kind\":\"event\"}}           | false | ''",
                "{\"host\":{\"id\":\"h-1\"}}                | true  | ''",
            })
    void routesByTheHostIdTheParserFinds(String json, boolean truncated, String expected) {
        RawRecord record = RawRecord.line("test", 1, json.strip().getBytes(StandardCharsets.UTF_8), truncated);
        assertThat(new RouteByHost().map(record).getHostKey()).isEqualTo(expected);
    }

    /** A routing key the parse contradicts (a scan bug) makes a dead letter, not a failed job. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"h-1 | true", "h-2 | false", "'' | false"})
    void aRecordRoutedByAnotherHostIsADeadLetter(String routedBy, boolean valid) {
        RawRecord record =
                RawRecord.line("test", 1, "{\"host\":{\"id\":\"h-1\"}}".getBytes(StandardCharsets.UTF_8), false);
        record.setHostKey(routedBy);
        ParseResult result = ParseEventsFunction.routed(record, new EcsEventParser().parse(record));
        assertThat(result.isValid()).isEqualTo(valid);
        if (!valid) {
            assertThat(result.deadLetter().getReason()).startsWith("routed by host.id '" + routedBy + "'");
        }
    }
}
