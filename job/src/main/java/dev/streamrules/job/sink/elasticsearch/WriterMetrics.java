package dev.streamrules.job.sink.elasticsearch;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** The Elasticsearch writer's own metrics (see {@link ElasticsearchAlertSink} for what each counts). */
final class WriterMetrics {

    static final String METRIC_WRITTEN = "alertsWritten";
    static final String METRIC_ALREADY_PRESENT = "alertsAlreadyPresent";
    static final String METRIC_REJECTED = "alertsRejected";
    static final String METRIC_RETRIED = "alertsRetried";
    static final String METRIC_FAILED_REQUESTS = "bulkRequestsFailed";
    static final String METRIC_THROTTLED = "bulkItemsThrottled";
    static final String METRIC_LATENCY = "bulkLatencyMs";

    /** Bulk requests the latency histogram's percentiles are computed over. */
    private static final int LATENCY_WINDOW = 1000;

    final Counter written;
    final Counter alreadyPresent;
    final Counter rejected;
    final Counter retried;
    final Counter failedRequests;
    final Counter throttled;
    final Histogram latency;

    WriterMetrics(SinkWriterMetricGroup metrics) {
        this.written = metrics.counter(METRIC_WRITTEN);
        this.alreadyPresent = metrics.counter(METRIC_ALREADY_PRESENT);
        this.rejected = metrics.counter(METRIC_REJECTED);
        this.retried = metrics.counter(METRIC_RETRIED);
        this.failedRequests = metrics.counter(METRIC_FAILED_REQUESTS);
        this.throttled = metrics.counter(METRIC_THROTTLED);
        this.latency = metrics.histogram(METRIC_LATENCY, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
    }
}
