package dev.streamrules.job.sink.elasticsearch;

import dev.streamrules.job.sink.BoundedAlert;
import dev.streamrules.job.sink.JsonShrinker;
import dev.streamrules.job.sink.ShrinkCounters;
import dev.streamrules.udfs.alert.Alert;
import java.io.IOException;
import org.apache.flink.metrics.MetricGroup;

/**
 * Makes every alert fit the sink's {@code maxRecordSizeInBytes} before it is buffered
 * ({@link BoundedAlert}: shrunk, else compacted, else handed over as a compact rejected alert), so that
 * no alert can fail the writer; counted in {@code alertsTruncated}, {@code alertsCompacted} and
 * {@code alertsTooLarge}.
 */
final class AlertSizeGuard {

    /** Where alerts that cannot be made to fit go. */
    interface Rejections {
        void reject(RejectedAlert alert) throws IOException;
    }

    private final String index;
    private final long maxRecordSizeInBytes;
    private final ShrinkCounters counters;

    AlertSizeGuard(String index, long maxRecordSizeInBytes, MetricGroup metrics) {
        this.index = index;
        this.maxRecordSizeInBytes = maxRecordSizeInBytes;
        this.counters = new ShrinkCounters(metrics);
    }

    /** Why an alert cannot be sent at all, or null when it can. */
    static String unsendable(Alert alert) {
        if (alert.getId() == null || alert.getId().isBlank()) {
            return "alert has no id";
        }
        if (alert.getDocument() == null || alert.getDocument().isBlank()) {
            return "alert has no document";
        }
        return null;
    }

    /** The alert as it fits, or null when it went to {@code rejections} instead. */
    Alert fit(Alert alert, Rejections rejections) throws IOException {
        long budget = documentBudget(alert.getId(), maxRecordSizeInBytes);
        // UTF-8 needs at most 3 bytes per char: only near the limit is the exact size computed
        if (3L * alert.getDocument().length() <= budget) {
            return alert;
        }
        BoundedAlert fitted = BoundedAlert.of(BulkCreate.singleLine(alert.getDocument()), budget);
        counters.count(fitted.outcome());
        if (fitted.outcome() == BoundedAlert.Outcome.UNCHANGED) {
            return alert;
        }
        if (fitted.outcome() == BoundedAlert.Outcome.TOO_LARGE) {
            long size = JsonShrinker.utf8Length(alert.getDocument());
            rejections.reject(new RejectedAlert(
                    alert.getId(),
                    index,
                    BoundedAlert.deadLetter(alert, "Elasticsearch index " + index, size, budget),
                    RejectedAlert.NOT_SENT,
                    "alert_too_large",
                    "alert is " + size + " bytes, more than the sink's maxRecordSizeInBytes (" + maxRecordSizeInBytes
                            + ") even compacted"));
            return null;
        }
        return new Alert(
                alert.getId(), alert.getHostId(), alert.getRuleId(), fitted.document(), alert.getDetectedAtMillis());
    }

    /** Bytes the document of a bulk {@code create} may have so the whole operation fits {@code maxRecordBytes}. */
    static long documentBudget(String id, long maxRecordBytes) {
        return maxRecordBytes - JsonShrinker.utf8Length(id) - BulkCreate.ACTION_OVERHEAD_BYTES;
    }
}
