package dev.streamrules.udfs.ecs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a raw record, taken from its top-level {@code @timestamp} before full parsing, so
 * that watermarks can be generated per source partition (where idleness works). Only top-level
 * keys are scanned and nested values skipped; the first {@code @timestamp} wins. A record without a
 * usable one falls back to the source's timestamp (Kafka's record time). The value read is kept on
 * the record ({@link RawRecord#eventTime(long)}), so {@code @timestamp} is decoded once per event.
 */
public final class EventTimestampAssigner implements SerializableTimestampAssigner<RawRecord> {

    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public long extractTimestamp(RawRecord record, long sourceTimestamp) {
        long ts = peek(record.getPayload());
        record.eventTime(ts); // the parser reuses it instead of reading @timestamp again
        return ts == EcsEvent.NO_TIMESTAMP ? sourceTimestamp : ts;
    }

    /** Epoch millis of the top-level {@code @timestamp}, or {@link EcsEvent#NO_TIMESTAMP}. */
    public static long peek(byte[] json) {
        if (json == null || json.length == 0) {
            return EcsEvent.NO_TIMESTAMP;
        }
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return EcsEvent.NO_TIMESTAMP;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("@timestamp".equals(name)) {
                    return EventTimestamps.read(p, value);
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // Malformed records are the parser's business (dead letters); here they just have no time.
        }
        return EcsEvent.NO_TIMESTAMP;
    }
}
