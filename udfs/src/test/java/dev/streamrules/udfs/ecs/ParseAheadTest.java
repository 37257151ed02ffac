package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * A parse done ahead ({@link EcsEventParser#parseAhead}, on a source reader's thread) is what the
 * parse operator's parser returns, only for the projection it was made with, and only within a task:
 * a copy keeps it, serialization drops it.
 */
class ParseAheadTest {

    private static final String EVENT =
            "{\"host\":{\"id\":\"h\"},\"process\":{\"name\":\"cat\",\"args\":[\"cat\",\"/proc/1/maps\"]}}";
    private static final List<String> NAME = List.of("process.name");

    private static EcsEventParser parser(List<String> fields) {
        return new EcsEventParser(FieldProjection.of(fields));
    }

    @Test
    void aParserWithAnEqualProjectionTakesTheParseInsteadOfRepeatingIt() {
        RawRecord record = EcsEventBuilder.line(EVENT, 1);
        parser(NAME).parseAhead(record);

        EcsEventParser operators = parser(NAME); // another instance, as in a deserialized job graph
        ParseResult taken = operators.parse(record);
        assertThat(operators.parse(record)).isSameAs(taken);
        assertThat(taken.event().first("process.name")).isEqualTo("cat");

        RawRecord notAhead = EcsEventBuilder.line(EVENT, 1);
        assertThat(operators.parse(notAhead)).isNotSameAs(operators.parse(notAhead));
    }

    @Test
    void aParserWithAnotherProjectionParsesAgainAndMissesNoField() {
        RawRecord record = EcsEventBuilder.line(EVENT, 1);
        parser(NAME).parseAhead(record);

        ParseResult again = parser(List.of("process.name", "process.args")).parse(record);
        assertThat(again.event().values("process.args")).containsExactly("cat", "/proc/1/maps");
    }

    @Test
    void deadLettersAreParsedAheadToo() {
        RawRecord record = EcsEventBuilder.line("{\"host\":", 3);
        parser(NAME).parseAhead(record);

        ParseResult taken = parser(NAME).parse(record);
        assertThat(taken.isValid()).isFalse();
        assertThat(parser(NAME).parse(record)).isSameAs(taken);
    }

    @Test
    void aCopyKeepsTheParseAndARoundTripDropsIt() throws IOException {
        RawRecord record = EcsEventBuilder.line(EVENT, 1);
        EcsEventParser parser = parser(NAME);
        parser.parseAhead(record);
        ParseResult ahead = parser.parse(record);

        assertThat(parser.parse(RawRecordSerializer.INSTANCE.copy(record))).isSameAs(ahead);

        DataOutputSerializer out = new DataOutputSerializer(256);
        RawRecordSerializer.INSTANCE.serialize(record, out);
        RawRecord back = RawRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        ParseResult again = parser.parse(back);
        assertThat(again).isNotSameAs(ahead);
        assertThat(again.event().first("process.name")).isEqualTo("cat");
    }
}
