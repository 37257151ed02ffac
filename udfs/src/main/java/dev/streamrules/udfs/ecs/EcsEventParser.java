package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * Turns raw records into {@link EcsEvent}s, or into dead letters with a reason. Never throws on bad
 * input: a malformed record must not stop the job.
 *
 * <p>One streaming pass extracts the fields of a {@link FieldProjection} and walks past the rest
 * without decoding it: {@link PlainScanner} over the bytes for plain documents, Jackson's tokens (no
 * tree) for every other one; the event keeps the record's original bytes, from
 * which an alert (rare) is built with the whole document. Documents may use nested objects, dotted
 * keys ({@code "process.name": "cat"}) or any mix; both spellings of a path end up as one
 * multi-valued field, as in Elasticsearch.
 *
 * <p>Limits protect the job from hostile or broken producers: records over {@link #MAX_RECORD_BYTES},
 * nesting deeper than {@link #MAX_DEPTH} (counted after dotted keys are expanded), invalid UTF-8,
 * invalid JSON, duplicate keys (Elasticsearch rejects those documents too), a path that is both a
 * value and an object. A missing or ambiguous {@code host.id} is not a reason: see {@link
 * EcsEvent#NO_HOST}. The projection never changes the verdict: a document the streaming pass
 * rejects, or one with dotted keys that {@link ExpansionCheck} cannot vouch for, is judged by {@link
 * NormalizedDocument}, so verdicts and reasons are the same whatever the projection, and the same as
 * {@link NormalizedDocument}'s.
 *
 * <p>Thread-safe and serializable: Flink functions hold one instance.
 */
public final class EcsEventParser implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Records longer than 1 MiB are dead letters. */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    /** Objects and arrays nested deeper than this are dead letters. */
    public static final int MAX_DEPTH = 200;

    public static final String HOST_ID = "host.id";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build(); // duplicate keys: ObjectKeys, cheaper than Jackson's detection

    private final FieldProjection projection;
    private final boolean plainScan;

    /** Built on first use, also in a deserialized copy. */
    private transient FieldShapes shapes;

    // The projection of the last parse ahead found equal to ours: later ones are compared by identity
    // (the reader's parser and this one are separate copies of the job graph). A race only repeats
    // the equals.
    private transient FieldProjection aheadProjection;

    /** Extracts every field (see {@link FieldProjection#all()}). */
    public EcsEventParser() {
        this(FieldProjection.all());
    }

    /** Extracts the projected fields, plus {@code host.id}, which keys the process tree. */
    public EcsEventParser(FieldProjection projection) {
        this(projection, true);
    }

    /** {@code plainScan} false: every document through Jackson (the reference the tests compare with). */
    EcsEventParser(FieldProjection projection, boolean plainScan) {
        this.projection = projection.union(FieldProjection.of(List.of(HOST_ID)));
        this.plainScan = plainScan;
    }

    public FieldProjection projection() {
        return projection;
    }

    private boolean sameProjection(FieldProjection other) {
        if (other == projection || other == aheadProjection) {
            return true;
        }
        if (!other.equals(projection)) {
            return false;
        }
        aheadProjection = other;
        return true;
    }

    /**
     * Parses the record now and attaches the result to it, for the parse operator's parser to take
     * instead of parsing again: a source reader that parses on its own thread (a replay at
     * parallelism 1) overlaps parsing with the task's detection. The result is kept only by copies
     * within a task, never serialized.
     */
    public void parseAhead(RawRecord record) {
        record.parsedAhead(parseNow(record), projection);
    }

    /**
     * As {@link #parseAhead(RawRecord)} while {@code balance} says the parse operator is behind;
     * otherwise the record goes on unparsed and the operator parses it. Either way the operator's
     * {@link #parse} reports the record taken to {@code balance}. The reader's thread only.
     */
    public void parseAhead(RawRecord record, ParseAheadBalance balance) {
        long mark = balance.read(record);
        record.balancedBy(balance, mark);
        if (balance.operatorBehind(mark)) {
            parseAhead(record);
        }
    }

    /** The record's event or dead letter: the one attached by {@link #parseAhead} if it used this projection. */
    public ParseResult parse(RawRecord record) {
        record.taken();
        ParseResult ahead = record.parsedAhead();
        if (ahead != null && sameProjection(record.parsedAheadWith())) {
            return ahead;
        }
        return parseNow(record);
    }

    private ParseResult parseNow(RawRecord record) {
        byte[] bytes = record.getPayload();
        if (record.isTruncated() || (bytes != null && bytes.length > MAX_RECORD_BYTES)) {
            return ParseResult.dead(record, "record larger than " + MAX_RECORD_BYTES + " bytes");
        }
        if (bytes == null || isBlank(bytes)) {
            return ParseResult.dead(record, "empty record");
        }
        if (plainScan) {
            ProjectedReader plain = new ProjectedReader(projection, !record.hasEventTime());
            if (PlainScanner.read(bytes, plain)) {
                return valid(record, plain, bytes); // the scanner checked UTF-8 on its way
            }
        }
        int bad = Utf8.firstInvalid(bytes, bytes.length);
        if (bad >= 0) {
            return ParseResult.dead(record, "invalid UTF-8 at byte " + bad);
        }
        // A fresh reader: one the scanner declined holds part of the document.
        ProjectedReader reader = new ProjectedReader(projection, !record.hasEventTime());
        boolean object;
        try (JsonParser p = JSON.createParser(bytes)) {
            object = reader.read(p);
        } catch (IOException e) {
            object = false;
        }
        if (!object || (reader.hasDottedKeys() && !expandsCleanly(bytes))) {
            String problem = NormalizedDocument.problem(bytes);
            if (problem != null) {
                return ParseResult.dead(record, problem);
            }
            if (!object) {
                // Cannot happen while both readers use the same Jackson settings; never accept it silently.
                return ParseResult.dead(record, "invalid JSON");
            }
        }
        return valid(record, reader, bytes);
    }

    private ParseResult valid(RawRecord record, ProjectedReader reader, byte[] bytes) {
        long timestamp = record.hasEventTime() ? record.getEventTimeMillis() : reader.timestampMillis();
        if (shapes == null) {
            shapes = new FieldShapes();
        }
        FieldTable names = shapes.of(reader.fieldNames());
        return ParseResult.valid(
                new EcsEvent(record, hostKey(reader.values(HOST_ID)), timestamp, bytes, names, reader.fieldValues()));
    }

    /** Whether the document's dotted keys certainly expand without a problem (see {@link ExpansionCheck}). */
    static boolean expandsCleanly(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            return ExpansionCheck.certainlyValid(p);
        } catch (IOException e) {
            return false; // cannot happen after the first pass; the slow path decides
        }
    }

    /**
     * The host an event is keyed by: its one non-empty {@code host.id}, else {@link EcsEvent#NO_HOST}.
     * An event without one (or with several, which Elasticsearch indexes as a multi-valued field and
     * still matches queries on) is a valid event: rule conditions read its fields as they are, only the
     * per-host process tree cannot place it.
     */
    private static String hostKey(String[] hostIds) {
        return hostIds != null && hostIds.length == 1 ? hostIds[0] : EcsEvent.NO_HOST;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
