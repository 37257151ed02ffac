package dev.streamrules.udfs.ecs;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One input record before parsing: its bytes and where it came from. The coordinates travel with
 * the record so a dead letter can point at the exact line or offset, and so an event without
 * {@code event.id} still has a stable identity for its alert id.
 *
 * <p>Serialized by {@link RawRecordSerializer} (declared through {@link TypeInfo}), never by Kryo. Only
 * the routing key and the event time are set after construction; the payload is never written.
 */
@TypeInfo(RawRecordSerializer.Factory.class)
public class RawRecord {

    /** Partition value for sources that have none (files). */
    public static final int NO_PARTITION = -1;

    private final String source;
    private final int partition;
    private final long position;
    private final byte[] payload;
    private final boolean truncated;
    private boolean eventTimeRead;
    private long eventTimeMillis = EcsEvent.NO_TIMESTAMP;
    private String hostKey;
    // A parse done before the record reached its parse operator, on the source reader's own thread
    // (a replay at parallelism 1), so reading and parsing overlap with the task's detection. Kept by
    // copies within a chain, never serialized: a record that crosses the network is parsed where it
    // lands.
    private ParseResult parsedAhead;
    private FieldProjection parsedAheadWith;
    // Set when the reader shares the parse with the operator: reported back when the operator takes it.
    private ParseAheadBalance balance;
    private long balanceMark;

    public RawRecord(String source, int partition, long position, byte[] payload, boolean truncated) {
        this.source = source;
        this.partition = partition;
        this.position = position;
        this.payload = payload;
        this.truncated = truncated;
    }

    /** A line of a file: position is the 1-based line number. */
    public static RawRecord line(String file, long lineNumber, byte[] payload, boolean truncated) {
        return new RawRecord(file, NO_PARTITION, lineNumber, payload, truncated);
    }

    /** A Kafka record: position is the offset. */
    public static RawRecord kafka(String topic, int partition, long offset, byte[] payload) {
        return new RawRecord(topic, partition, offset, payload, false);
    }

    /** Stable text identity of the record's coordinates, e.g. {@code events.ndjson:12} or {@code topic/3@1042}. */
    public String origin() {
        return origin(source, partition, position);
    }

    /** The one spelling of record coordinates, shared by events, dead letters and alert ids. */
    public static String origin(String source, int partition, long position) {
        return partition == NO_PARTITION ? source + ":" + position : source + "/" + partition + "@" + position;
    }

    public String getSource() {
        return source;
    }

    public int getPartition() {
        return partition;
    }

    public long getPosition() {
        return position;
    }

    public byte[] getPayload() {
        return payload;
    }

    /** True when the reader stopped keeping bytes because the record exceeded its cap. */
    public boolean isTruncated() {
        return truncated;
    }

    /**
     * Records the {@code @timestamp} read before parsing (by {@link EventTimestampAssigner}, for
     * watermarks), so that the parser does not read it a second time.
     */
    public void eventTime(long millis) {
        this.eventTimeMillis = millis;
        this.eventTimeRead = true;
    }

    /** Whether {@link #eventTime(long)} was called; {@link #getEventTimeMillis()} is meaningful only then. */
    public boolean hasEventTime() {
        return eventTimeRead;
    }

    /** Epoch millis of the record's {@code @timestamp}, or {@link EcsEvent#NO_TIMESTAMP}. */
    public long getEventTimeMillis() {
        return eventTimeMillis;
    }

    /**
     * The {@code host.id} the record is partitioned by before it is parsed ({@link HostIdScan}; the
     * event's host id for every valid event), or {@code null} before routing. Derived from the
     * payload, so not part of {@link #equals}.
     */
    public String getHostKey() {
        return hostKey;
    }

    public void setHostKey(String hostKey) {
        this.hostKey = hostKey;
    }

    /** Attaches the result of parsing this record with {@code projection}; see {@link EcsEventParser#parseAhead}. */
    void parsedAhead(ParseResult result, FieldProjection projection) {
        this.parsedAhead = result;
        this.parsedAheadWith = projection;
    }

    /** The parse attached by {@link EcsEventParser#parseAhead}, or {@code null}. */
    ParseResult parsedAhead() {
        return parsedAhead;
    }

    /** The projection {@link #parsedAhead()} used. */
    FieldProjection parsedAheadWith() {
        return parsedAheadWith;
    }

    /** Makes the operator's parse of this record report to {@code balance}; see {@link EcsEventParser#parseAhead(RawRecord, ParseAheadBalance)}. */
    void balancedBy(ParseAheadBalance balance, long mark) {
        this.balance = balance;
        this.balanceMark = mark;
    }

    /** The parse operator took this record: tells the reader's balance, if there is one. */
    void taken() {
        if (balance != null) {
            balance.taken(balanceMark);
        }
    }

    /** Gives {@code copy} the parse attached to this record, if any (a copy is the same record). */
    void copyParsedAheadTo(RawRecord copy) {
        copy.parsedAhead = parsedAhead;
        copy.parsedAheadWith = parsedAheadWith;
        copy.balance = balance;
        copy.balanceMark = balanceMark;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RawRecord)) {
            return false;
        }
        RawRecord that = (RawRecord) o;
        return partition == that.partition
                && position == that.position
                && truncated == that.truncated
                && eventTimeRead == that.eventTimeRead
                && eventTimeMillis == that.eventTimeMillis
                && Objects.equals(source, that.source)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, partition, position, truncated) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RawRecord{" + origin() + ", " + (payload == null ? 0 : payload.length) + " bytes}";
    }
}
