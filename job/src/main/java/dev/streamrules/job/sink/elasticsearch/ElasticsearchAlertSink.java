package dev.streamrules.job.sink.elasticsearch;

import dev.streamrules.udfs.alert.Alert;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes alerts to Elasticsearch, each exactly once: bulk {@code create} with the alert's
 * deterministic id as {@code _id}, so a replay after a restore meets a 409 (counted in
 * {@code alertsAlreadyPresent}) instead of a duplicate. Delivery itself is at-least-once: nothing is
 * dropped, transient failures are retried with backoff and back-pressure, and only documents
 * Elasticsearch refuses for good go to the {@link RejectedAlertHandler}.
 *
 * <p>Built on Flink's {@code AsyncSinkBase}; small on purpose, to be replaced by an official
 * Elasticsearch connector for Flink 2 once one exists. Create it with {@link #builder()}.
 *
 * <p>Metrics per writer: {@code alertsWritten}, {@code alertsAlreadyPresent}, {@code alertsRejected},
 * {@code alertsRetried}, {@code bulkRequestsFailed}, {@code bulkItemsThrottled} (429s),
 * {@code bulkLatencyMs} (histogram), {@code alertsTruncated}, {@code alertsCompacted},
 * {@code alertsTooLarge}, plus Flink's sink metrics.
 */
public class ElasticsearchAlertSink extends AsyncSinkBase<Alert, BulkCreate> {

    private static final long serialVersionUID = 1L;

    private final ElasticsearchSinkSettings settings;
    private final RejectedAlertHandler rejectedAlertHandler;

    ElasticsearchAlertSink(ElasticsearchSinkSettings settings, RejectedAlertHandler rejectedAlertHandler) {
        super(
                new AlertToBulkCreate(),
                settings.maxBatchSize(),
                settings.maxInFlightRequests(),
                settings.maxBufferedRequests(),
                settings.maxBatchSizeInBytes(),
                settings.maxTimeInBuffer().toMillis(),
                settings.maxRecordSizeInBytes(),
                settings.asyncRequestTimeoutMillis(),
                false);
        this.settings = settings;
        this.rejectedAlertHandler = rejectedAlertHandler;
    }

    public static ElasticsearchAlertSinkBuilder builder() {
        return new ElasticsearchAlertSinkBuilder();
    }

    public ElasticsearchSinkSettings settings() {
        return settings;
    }

    public RejectedAlertHandler rejectedAlertHandler() {
        return rejectedAlertHandler;
    }

    @Override
    public StatefulSinkWriter<Alert, BufferedRequestState<BulkCreate>> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, Collections.emptyList());
    }

    @Override
    public StatefulSinkWriter<Alert, BufferedRequestState<BulkCreate>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<BulkCreate>> recoveredState) throws IOException {
        try {
            return new ElasticsearchAlertWriter(
                    settings, rejectedAlertHandler, getElementConverter(), context, recoveredState);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot open the Elasticsearch alert writer: " + e.getMessage(), e);
        }
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<BulkCreate>> getWriterStateSerializer() {
        return new BulkCreateStateSerializer();
    }

    @Override
    public String toString() {
        return "ElasticsearchAlertSink{" + settings + "}";
    }
}
