package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Lines of {@link #EVENT}, numbered from 1, each {@code EVENT.length() + 1} bytes to the balance. */
    private static RawRecord line(int number) {
        return EcsEventBuilder.line(EVENT, number);
    }

    @Test
    void aBalancedReaderParsesAheadOnlyWhileTheOperatorHasMoreThanTheThresholdToTake() {
        long perLine = EVENT.length() + 1L;
        ParseAheadBalance balance = new ParseAheadBalance(2 * perLine);
        EcsEventParser reader = parser(NAME);
        EcsEventParser operators = parser(NAME);

        RawRecord[] lines = new RawRecord[6];
        for (int i = 0; i < 3; i++) {
            lines[i] = line(i + 1);
            reader.parseAhead(lines[i], balance);
        }
        // the operator has taken nothing: the third line has two before it, more than the threshold
        assertThat(operators.parse(lines[0])).isNotSameAs(operators.parse(lines[0]));
        assertThat(operators.parse(lines[1])).isNotSameAs(operators.parse(lines[1]));
        ParseResult third = operators.parse(lines[2]);
        assertThat(operators.parse(lines[2])).as("parsed ahead").isSameAs(third);

        // taken up to the third: the reader is ahead by one line, the operator is not behind
        lines[3] = line(4);
        reader.parseAhead(lines[3], balance);
        assertThat(operators.parse(lines[3])).isNotSameAs(operators.parse(lines[3]));
    }

    @Test
    void whoeverParsesALineTheOperatorGetsTheSameEventOrDeadLetter() {
        RawRecord dead = EcsEventBuilder.line("{\"host\":", 2);
        for (RawRecord record : List.of(line(1), dead)) {
            RawRecord ahead = RawRecordSerializer.INSTANCE.copy(record);
            parser(NAME).parseAhead(ahead, new ParseAheadBalance(0));
            RawRecord notAhead = RawRecordSerializer.INSTANCE.copy(record);
            parser(NAME).parseAhead(notAhead, new ParseAheadBalance(Long.MAX_VALUE));

            ParseResult a = parser(NAME).parse(ahead);
            ParseResult b = parser(NAME).parse(notAhead);
            assertThat(a.isValid()).isEqualTo(b.isValid());
            if (a.isValid()) {
                assertThat(a.event()).isEqualTo(b.event());
            } else {
                assertThat(a.deadLetter()).isEqualTo(b.deadLetter());
            }
        }
    }

    @Test
    void aNegativeThresholdIsRefused() {
        assertThatThrownBy(() -> new ParseAheadBalance(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thresholdBytes");
    }
}
