package dev.streamrules.job.kafka;

import java.io.Serializable;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;

/**
 * The largest record value a producer will send: its {@code max.request.size} (Kafka's default,
 * 1 MiB, unless {@code --kafka.properties.max.request.size} says otherwise) less the key, the headers
 * and the record batch's own overhead. A value over it fails the send with
 * {@code RecordTooLargeException}, which would fail the whole writer; so outputs are bounded by it first.
 */
public final class KafkaRecordLimit implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The producer's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    /** Record batch header (61 bytes) plus the record's varint lengths and attributes, with room to spare. */
    static final int RECORD_OVERHEAD_BYTES = 256;

    private final int maxRequestSize;

    public KafkaRecordLimit(int maxRequestSize) {
        if (maxRequestSize <= RECORD_OVERHEAD_BYTES) {
            throw new IllegalArgumentException(
                    "max.request.size must be more than " + RECORD_OVERHEAD_BYTES + " bytes, was " + maxRequestSize);
        }
        this.maxRequestSize = maxRequestSize;
    }

    /** The limit of producers configured with {@code producerConfig} (pass-through client properties). */
    public static KafkaRecordLimit of(Map<?, ?> producerConfig) {
        Object configured = producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return new KafkaRecordLimit(
                configured == null
                        ? DEFAULT_MAX_REQUEST_SIZE
                        : Integer.parseInt(configured.toString().trim()));
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    /** Bytes left for the value of a record with this key and these headers. */
    public long valueBudget(byte[] key, Iterable<Header> headers) {
        long used = RECORD_OVERHEAD_BYTES + (key == null ? 0 : key.length);
        for (Header h : headers) {
            used += h.key().length() + (h.value() == null ? 0 : h.value().length) + 10;
        }
        return maxRequestSize - used;
    }
}
