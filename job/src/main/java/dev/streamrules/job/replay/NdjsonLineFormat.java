package dev.streamrules.job.replay;

import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.FieldProjection;
import dev.streamrules.udfs.ecs.JsonWords;
import dev.streamrules.udfs.ecs.ParseAheadBalance;
import dev.streamrules.udfs.ecs.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a newline-delimited file as raw byte lines, numbered from 1, without decoding them: invalid
 * UTF-8 must reach the parser as it is, to be dead-lettered with a reason rather than silently
 * "repaired". A line longer than the parser's limit is not buffered whole: the reader keeps its start
 * (for the dead letter), skips the rest and marks the record truncated.
 *
 * <p>{@linkplain #parsingAhead Parsing ahead}, the reader also parses lines on its own thread
 * (Flink's split fetcher) and attaches the result for the parse operator to take: in a replay at
 * parallelism 1, whose parse is chained to this source, reading and parsing then overlap with the
 * task's detection instead of taking turns with it on the task's thread. It parses a line ahead only
 * while the operator is behind (more than one and a half of Flink's fetch size,
 * {@code source.file.stream.io-fetch-size}, read and not yet taken); otherwise the operator parses
 * it, so neither thread waits while the other has work ({@link ParseAheadBalance}).
 *
 * <p>Not splittable, so one reader sees the whole file and line numbers are exact; on recovery Flink
 * re-reads from the start and skips the records already emitted, which keeps the numbering right.
 */
public final class NdjsonLineFormat implements StreamFormat<RawRecord> {

    private static final long serialVersionUID = 1L;

    /** How much of an oversized line is kept for its dead letter. */
    static final int TRUNCATED_KEEP_BYTES = 16 * 1024;

    private final String sourceName;
    private final int maxLineBytes;
    private final EcsEventParser parser; // null: records are not parsed ahead

    public NdjsonLineFormat(String sourceName) {
        this(sourceName, EcsEventParser.MAX_RECORD_BYTES, null);
    }

    NdjsonLineFormat(String sourceName, int maxLineBytes, EcsEventParser parser) {
        this.sourceName = sourceName;
        this.maxLineBytes = maxLineBytes;
        this.parser = parser;
    }

    /**
     * The same format, parsing each line on the reader's thread with {@code projection}, which must
     * be the parse operator's (one with another projection parses again, so a mismatch costs time,
     * never fields). Worth it only when the parse is chained to the source: a record that is
     * serialized loses its parse.
     */
    public NdjsonLineFormat parsingAhead(FieldProjection projection) {
        return new NdjsonLineFormat(sourceName, maxLineBytes, new EcsEventParser(projection));
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream, long fileLen, long splitEnd) {
        return new LineReader(sourceName, maxLineBytes, parser, balance(config), stream);
    }

    @Override
    public Reader<RawRecord> restoreReader(
            Configuration config, FSDataInputStream stream, long restoredOffset, long fileLen, long splitEnd)
            throws IOException {
        // Without checkpointed offsets Flink restores from the split start and skips emitted records.
        stream.seek(restoredOffset);
        return new LineReader(sourceName, maxLineBytes, parser, balance(config), stream);
    }

    /** Parsing ahead, the reader's share of the parse: it parses while a batch and a half waits. */
    private ParseAheadBalance balance(Configuration config) {
        if (parser == null) {
            return null;
        }
        MemorySize fetch = config.get(FETCH_IO_SIZE);
        return new ParseAheadBalance(fetch.getBytes() + fetch.getBytes() / 2);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    static final class LineReader implements StreamFormat.Reader<RawRecord> {
        private final String sourceName;
        private final int maxLineBytes;
        private final EcsEventParser parser;
        private final ParseAheadBalance balance;
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int bufferPos;
        private int bufferEnd;
        private byte[] line = new byte[1024];
        private long lineNumber;
        private boolean eof;

        LineReader(
                String sourceName, int maxLineBytes, EcsEventParser parser, ParseAheadBalance balance, InputStream in) {
            this.sourceName = sourceName;
            this.maxLineBytes = maxLineBytes;
            this.parser = parser;
            this.balance = balance;
            this.in = in;
        }

        @Override
        public RawRecord read() throws IOException {
            RawRecord record = readLine();
            if (record != null && parser != null) {
                parser.parseAhead(record, balance);
            }
            return record;
        }

        private RawRecord readLine() throws IOException {
            if (eof) {
                return null;
            }
            // Most lines lie whole in the buffer: one copy straight out of it.
            boolean scanned = bufferPos < bufferEnd;
            int first = scanned ? indexOfNewline() : -1;
            if (first >= 0 && first - bufferPos <= maxLineBytes) {
                int end = first > bufferPos && buffer[first - 1] == '\r' ? first - 1 : first;
                byte[] payload = Arrays.copyOfRange(buffer, bufferPos, end);
                bufferPos = first + 1;
                lineNumber++;
                return RawRecord.line(sourceName, lineNumber, payload, false);
            }
            int length = 0;
            long total = 0;
            boolean sawAny = false;
            // The line is copied in chunks up to each newline: a byte-by-byte copy was the source
            // thread's top frame, and with parsing after the keyBy that thread feeds every subtask.
            while (true) {
                if (bufferPos == bufferEnd && !fill()) {
                    eof = true;
                    if (!sawAny) {
                        return null; // the file ended with a newline: no further line
                    }
                    break;
                }
                sawAny = true;
                // The first chunk was searched above (a line running past the buffer's end, or
                // longer than allowed): search it once.
                int newline = scanned ? first : indexOfNewline();
                scanned = false;
                int end = newline < 0 ? bufferEnd : newline;
                int chunk = end - bufferPos;
                int keep = (int) Math.max(0, Math.min(chunk, maxLineBytes + 1L - total));
                if (keep > 0) {
                    if (length + keep > line.length) {
                        line = Arrays.copyOf(
                                line, Math.min(Math.max(line.length * 2, length + keep), maxLineBytes + 1));
                    }
                    System.arraycopy(buffer, bufferPos, line, length, keep);
                    length += keep;
                }
                total += chunk;
                bufferPos = end;
                if (newline >= 0) {
                    bufferPos++;
                    break;
                }
            }
            lineNumber++;
            boolean truncated = total > maxLineBytes;
            if (!truncated && length > 0 && line[length - 1] == '\r') {
                length--; // CRLF files
            }
            byte[] payload = Arrays.copyOf(line, truncated ? Math.min(length, TRUNCATED_KEEP_BYTES) : length);
            if (line.length > 64 * 1024) {
                line = new byte[1024]; // do not pin a huge buffer after one long line
            }
            return RawRecord.line(sourceName, lineNumber, payload, truncated);
        }

        private int indexOfNewline() {
            return JsonWords.indexOf(buffer, bufferPos, bufferEnd, (byte) '\n');
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            bufferPos = 0;
            bufferEnd = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
