package dev.streamrules.udfs.ecs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A parsed ECS event: the record's original bytes plus a flat, sorted index of the leaf values the
 * parser's {@link FieldProjection} selected (every leaf with {@link FieldProjection#all()}), by dotted
 * path, which is what rule conditions read. The whole document is decoded only on demand
 * ({@link #getDocument()}), when an alert is built.
 *
 * <p>Leaves are kept as text because that is how Elasticsearch's keyword fields see them: a JSON
 * number {@code 0} in {@code user.id} is the term {@code "0"}. A path holds every value found under
 * it (arrays, arrays of objects, and a path given both nested and dotted), mirroring how
 * Elasticsearch indexes a multi-valued field. Nulls are not indexed, so they are absent here.
 *
 * <p>Lookup goes through a hash index of the names ({@link FieldTable}): the parser and
 * {@link #withFields} hand events one shared by every event of the same shape, and any other event
 * builds its own on the first lookup. No allocation per lookup.
 *
 * <p>Immutable: every field of the event's value is final and the arrays are never written after the
 * parser built them (callers of {@link #values}, {@link #getPayload} and the array getters must not
 * modify them). That is what lets {@link EcsEventSerializer} (declared through {@link TypeInfo}, never
 * Kryo) return the same instance from {@code copy}, so chained operators pass an event on without
 * copying it, together with the rule verdict the first of them remembered ({@link #rememberMatches}).
 */
@TypeInfo(EcsEventSerializer.Factory.class)
public final class EcsEvent {

    /** Marker for "the document had no parseable {@code @timestamp}". */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /**
     * The host key of an event without exactly one non-empty {@code host.id}. Such an event is still
     * evaluated by every rule (a single-event rule is a filter over each document, as in
     * Elasticsearch); it only has no process-tree state, and sequences key it by their own join keys.
     */
    public static final String NO_HOST = "";

    /** Shapes of events the process tree filled in ({@link #withFields}); shared by all threads, see {@link FieldShapes}. */
    private static final FieldShapes FILLED_SHAPES = new FieldShapes();

    private final String hostId;
    private final String source;
    private final int partition;
    private final long position;
    private final long timestampMillis;
    private final byte[] payload;
    private final String[] fieldNames;
    private final String[][] fieldValues;
    private final String enrichment;

    /**
     * Which rules of one rule set match this event, once a rule set has asked ({@link
     * #rememberMatches}). Not part of the event's value: a cache, like {@code String}'s hash, that the
     * serializer neither writes nor compares; a copy made by {@link #withEnrichment} keeps it because
     * its fields are the same.
     */
    private long matchesOf;

    private int[] matches;

    /** Index of {@link #fieldNames}, given by the parser or built on the first lookup; a cache like {@link #matches}. */
    private FieldTable table;

    /** The parser's event: {@code names} indexes the sorted field names, {@code fieldValues} is parallel to them. */
    EcsEvent(
            RawRecord origin,
            String hostId,
            long timestampMillis,
            byte[] payload,
            FieldTable names,
            String[][] fieldValues) {
        this(
                hostId,
                origin.getSource(),
                origin.getPartition(),
                origin.getPosition(),
                timestampMillis,
                payload,
                names.names(),
                fieldValues,
                null);
        this.table = names;
    }

    /** Every field as given (the serializer's and the {@code with...} copies' constructor); arrays are taken. */
    EcsEvent(
            String hostId,
            String source,
            int partition,
            long position,
            long timestampMillis,
            byte[] payload,
            String[] fieldNames,
            String[][] fieldValues,
            String enrichment) {
        this.hostId = hostId;
        this.source = source;
        this.partition = partition;
        this.position = position;
        this.timestampMillis = timestampMillis;
        this.payload = payload;
        this.fieldNames = fieldNames;
        this.fieldValues = fieldValues;
        this.enrichment = enrichment;
    }

    /** Every value of a dotted path, or {@code null} when the document has none. Do not modify. */
    public String[] values(String path) {
        FieldTable t = table;
        if (t == null) {
            // Racing threads may each build one; they are equal, and the final field inside
            // publishes whichever wins completely.
            t = table = FieldTable.of(fieldNames);
        }
        int i = t.indexOf(path);
        return i < 0 ? null : fieldValues[i];
    }

    /** The first value of a path, or {@code null}. */
    public String first(String path) {
        String[] values = values(path);
        return values == null || values.length == 0 ? null : values[0];
    }

    public boolean has(String path) {
        return values(path) != null;
    }

    /** A copy of the field index as an ordered map (tests, enrichment). */
    public Map<String, String[]> fields() {
        Map<String, String[]> map = new TreeMap<>();
        for (int i = 0; i < fieldNames.length; i++) {
            map.put(fieldNames[i], fieldValues[i]);
        }
        return map;
    }

    /**
     * A copy whose index has the given paths replaced (or added). The source document is untouched:
     * derived values belong in the alert's enrichment, not in what the sensor sent.
     */
    public EcsEvent withFields(Map<String, String[]> overrides) {
        // A merge of two sorted lists, not a sorted map: the process tree calls this for every event a
        // rule may match. Events filled alike share one names array and its index.
        String[] added = overrides.keySet().toArray(new String[0]);
        Arrays.sort(added);
        String[] names = new String[fieldNames.length + added.length];
        String[][] values = new String[names.length][];
        int i = 0;
        int a = 0;
        int n = 0;
        while (i < fieldNames.length || a < added.length) {
            int cmp = i == fieldNames.length ? 1 : a == added.length ? -1 : fieldNames[i].compareTo(added[a]);
            if (cmp < 0) {
                names[n] = fieldNames[i];
                values[n++] = fieldValues[i++];
            } else {
                names[n] = added[a];
                values[n++] = overrides.get(added[a++]);
                i += cmp == 0 ? 1 : 0;
            }
        }
        FieldTable merged = FILLED_SHAPES.of(n == names.length ? names : Arrays.copyOf(names, n));
        EcsEvent copy = new EcsEvent(
                hostId,
                source,
                partition,
                position,
                timestampMillis,
                payload,
                merged.names(),
                n == values.length ? values : Arrays.copyOf(values, n),
                enrichment);
        copy.table = merged;
        return copy;
    }

    /** A copy carrying an enrichment JSON object that alert builders merge into the alert. */
    public EcsEvent withEnrichment(String enrichmentJson) {
        EcsEvent copy = new EcsEvent(
                hostId, source, partition, position, timestampMillis, payload, fieldNames, fieldValues, enrichmentJson);
        copy.matchesOf = matchesOf;
        copy.matches = matches;
        copy.table = table;
        return copy;
    }

    /**
     * The rules that rule set {@code ruleSetId} found matching this event (positions in that set), or
     * {@code null} when it has not asked yet. Do not modify.
     */
    public int[] rememberedMatches(long ruleSetId) {
        return matches != null && matchesOf == ruleSetId ? matches : null;
    }

    /**
     * Remembers the verdict of rule set {@code ruleSetId}, so the operators after the one that
     * evaluated it (chained: the same instance travels on) do not evaluate the rules again. The
     * verdict depends only on the field index, which never changes after construction.
     */
    public void rememberMatches(long ruleSetId, int[] matchingRules) {
        this.matchesOf = ruleSetId;
        this.matches = matchingRules;
    }

    /** Coordinates of the record this event was parsed from, e.g. {@code events.ndjson:12}. */
    public String origin() {
        return RawRecord.origin(source, partition, position);
    }

    /** Whether the event names exactly one host, so the per-host process tree can place it. */
    public boolean hasHost() {
        return hostId != null && !hostId.isEmpty();
    }

    public String getHostId() {
        return hostId;
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

    public long getTimestampMillis() {
        return timestampMillis;
    }

    /**
     * The whole source document as compact JSON, dotted keys expanded into nested objects. Decoded from
     * the original bytes at each call: meant for alerts and tests, not for per-event work.
     */
    public String getDocument() {
        return NormalizedDocument.of(payload).toString();
    }

    /** The record's original bytes, as the sender wrote them. Do not modify. */
    public byte[] getPayload() {
        return payload;
    }

    public String[] getFieldNames() {
        return fieldNames;
    }

    public String[][] getFieldValues() {
        return fieldValues;
    }

    /** JSON object added to alerts by enrichment steps, or {@code null}. */
    public String getEnrichment() {
        return enrichment;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EcsEvent)) {
            return false;
        }
        EcsEvent that = (EcsEvent) o;
        return partition == that.partition
                && position == that.position
                && timestampMillis == that.timestampMillis
                && Objects.equals(hostId, that.hostId)
                && Objects.equals(source, that.source)
                && Arrays.equals(payload, that.payload)
                && Arrays.equals(fieldNames, that.fieldNames)
                && Arrays.deepEquals(fieldValues, that.fieldValues)
                && Objects.equals(enrichment, that.enrichment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostId, source, partition, position) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String text = payload == null ? "" : new String(payload, StandardCharsets.UTF_8).strip();
        return "EcsEvent{" + origin() + ", host=" + hostId + ", " + text + "}";
    }
}
