package dev.streamrules.job.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.FieldProjection;
import dev.streamrules.udfs.ecs.ParseAheadBalance;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NdjsonLineFormatTest {

    private static List<RawRecord> read(byte[] content, int maxLineBytes, int chunk) throws IOException {
        return read(content, maxLineBytes, chunk, null);
    }

    private static List<RawRecord> read(byte[] content, int maxLineBytes, int chunk, EcsEventParser parser)
            throws IOException {
        // threshold 0: every line parsed ahead (the balance itself is tested in udfs' ParseAheadTest)
        NdjsonLineFormat.LineReader reader = new NdjsonLineFormat.LineReader(
                "f.ndjson",
                maxLineBytes,
                parser,
                parser == null ? null : new ParseAheadBalance(0),
                new ChunkedStream(content, chunk));
        List<RawRecord> out = new ArrayList<>();
        for (RawRecord r; (r = reader.read()) != null; ) {
            out.add(r);
        }
        return out;
    }

    private static List<String> texts(List<RawRecord> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(new String(r.getPayload(), StandardCharsets.UTF_8)));
        return out;
    }

    /** Buffer boundaries must not matter: read in chunks of 1 byte up to more than the file. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 65536})
    void numbersLinesFromOneIncludingEmptyOnesAndTheUnterminatedLast(int chunk) throws IOException {
        List<RawRecord> records = read("a\n\nbb\r\nccc".getBytes(StandardCharsets.UTF_8), 100, chunk);
        assertThat(texts(records)).containsExactly("a", "", "bb", "ccc");
        assertThat(records).extracting(RawRecord::getPosition).containsExactly(1L, 2L, 3L, 4L);
        assertThat(records).extracting(RawRecord::getSource).containsOnly("f.ndjson");
    }

    @Test
    void aTrailingNewlineDoesNotMakeAnExtraLine() throws IOException {
        assertThat(read("x\ny\n".getBytes(StandardCharsets.UTF_8), 100, 3)).hasSize(2);
        assertThat(read(new byte[0], 100, 3)).isEmpty();
    }

    @Test
    void keepsBytesUndecodedSoInvalidUtf8ReachesTheParser() throws IOException {
        byte[] content = {'{', (byte) 0xC0, (byte) 0xAF, '}', '\n'};
        assertThat(read(content, 100, 2).get(0).getPayload()).containsExactly('{', (byte) 0xC0, (byte) 0xAF, '}');
    }

    /** Lines that lie whole in the reader's buffer take a shorter path than those that straddle it. */
    @ParameterizedTest
    @ValueSource(ints = {5, 65536})
    void cutsAnOversizedLineMarksItTruncatedAndCarriesOnWithTheNextLine(int chunk) throws IOException {
        byte[] longLine = new byte[1000];
        Arrays.fill(longLine, (byte) 'x');
        byte[] content = (new String(longLine, StandardCharsets.US_ASCII) + "\nnext\n" + "y".repeat(64) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        List<RawRecord> records = read(content, 64, chunk);
        assertThat(records).hasSize(3);
        assertThat(records.get(0).isTruncated()).isTrue();
        assertThat(records.get(0).getPayload().length).isLessThanOrEqualTo(65);
        assertThat(records.get(1).isTruncated()).isFalse();
        assertThat(texts(records).get(1)).isEqualTo("next");
        assertThat(records.get(2).isTruncated())
                .as("exactly at the limit is allowed")
                .isFalse();
        assertThat(records).extracting(RawRecord::getPosition).containsExactly(1L, 2L, 3L);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 65536})
    void parsingAheadAttachesEachLinesEventOrDeadLetterForTheParseOperator(int chunk) throws IOException {
        FieldProjection projection = FieldProjection.of(List.of("process.name"));
        byte[] content = "{\"host\":{\"id\":\"h\"},\"process\":{\"name\":\"cat\"}}\n{\"host\":\n"
                .getBytes(StandardCharsets.UTF_8);
        List<RawRecord> records = read(content, 100, chunk, new EcsEventParser(projection));

        EcsEventParser operators = new EcsEventParser(projection);
        ParseResult first = operators.parse(records.get(0));
        assertThat(operators.parse(records.get(0))).as("parsed once, ahead").isSameAs(first);
        assertThat(first.event().first("process.name")).isEqualTo("cat");
        ParseResult second = operators.parse(records.get(1));
        assertThat(operators.parse(records.get(1))).isSameAs(second);
        assertThat(second.deadLetter().getPosition()).isEqualTo(2L);
    }

    /** Returns at most {@code chunk} bytes per read, like a slow stream. */
    private static final class ChunkedStream extends ByteArrayInputStream {
        private final int chunk;

        ChunkedStream(byte[] content, int chunk) {
            super(content);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
