package dev.streamrules.job.sink.elasticsearch;

import dev.streamrules.udfs.alert.Alert;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.DequeRequestBuffer;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.SimpleBatchCreator;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.util.function.ThrowingRunnable;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts as bulk {@code create} operations and settles each item (see {@link BulkItemOutcome}):
 * created and already-present are done, rejected ones go to the {@link RejectedAlertHandler}, refused
 * credentials or certificates fail the job ({@link WholeSinkFailure}), the rest go back into the
 * buffer after an exponential backoff. While a batch waits out its backoff it keeps
 * its in-flight slot, so during an outage the writer stops sending, its buffer fills and it
 * back-pressures the job, which keeps running.
 *
 * <p>Checkpoints do not wait for Elasticsearch: a checkpoint saves the buffer and every batch not yet
 * settled (sent and unanswered, or waiting out a backoff) instead of waiting for them, so checkpoints,
 * and with them the Kafka alerts topic's transactions, keep completing while Elasticsearch is slow or
 * down. An alert is, at every checkpoint, either acknowledged by Elasticsearch or in the checkpoint;
 * after a restore it is sent again, and the deterministic id with {@code create} makes the repeat a
 * no-op (409). Only at the end of a bounded input are the batches awaited. (While Elasticsearch is
 * down the buffer fills; once {@code maxBufferedRequests} alerts wait, the writer back-pressures and
 * checkpoints wait again: that bounds the outage a job rides out without holding up the other sinks.)
 *
 * <p>Threads: HTTP callbacks only parse the response; everything else (metrics, handler, backoff)
 * runs on the task thread through the mailbox.
 *
 * <p>A little over 300 lines: the writer's state machine (send, settle, back off, snapshot) reads
 * as one; the request and the metrics already live in {@link BulkCall} and {@link WriterMetrics}.
 */
final class ElasticsearchAlertWriter extends AsyncSinkWriter<Alert, BulkCreate> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchAlertWriter.class);

    private final ElasticsearchSinkSettings settings;
    private final RejectedAlertHandler rejectedAlertHandler;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timeService;
    private final Backoff backoff;
    private final WriterMetrics metrics;
    private final AlertSizeGuard sizeGuard;
    private final RestClient client;
    private final UnsettledBatches unsettled = new UnsettledBatches();
    private volatile boolean closed;

    ElasticsearchAlertWriter(
            ElasticsearchSinkSettings settings,
            RejectedAlertHandler rejectedAlertHandler,
            ElementConverter<Alert, BulkCreate> converter,
            WriterInitContext context,
            Collection<BufferedRequestState<BulkCreate>> restoredState)
            throws Exception {
        this(
                settings,
                rejectedAlertHandler,
                converter,
                context,
                restoredState,
                new OutageTolerantRateLimiting(
                        settings.maxInFlightRequests(), settings.maxBatchSize(), settings.maxBufferedRequests()));
    }

    private ElasticsearchAlertWriter(
            ElasticsearchSinkSettings settings,
            RejectedAlertHandler rejectedAlertHandler,
            ElementConverter<Alert, BulkCreate> converter,
            WriterInitContext context,
            Collection<BufferedRequestState<BulkCreate>> restoredState,
            OutageTolerantRateLimiting rateLimiting)
            throws Exception {
        super(
                converter,
                context,
                writerConfiguration(settings, rateLimiting),
                restoredState,
                new SimpleBatchCreator<>(settings.maxBatchSizeInBytes()),
                new DequeRequestBuffer<>());
        this.settings = settings;
        this.rejectedAlertHandler = rejectedAlertHandler;
        this.mailbox = context.getMailboxExecutor();
        this.timeService = context.getProcessingTimeService();
        this.backoff = new Backoff(
                settings.initialBackoff().toMillis(), settings.maxBackoff().toMillis());
        rateLimiting.attach(() -> backoff.consecutiveFailures() > 0, unsettled::entryCount);
        SinkWriterMetricGroup group = context.metricGroup();
        this.metrics = new WriterMetrics(group);
        this.sizeGuard = new AlertSizeGuard(settings.index(), settings.maxRecordSizeInBytes(), group);
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        this.client = RestClients.create(settings);
        try {
            rejectedAlertHandler.open(new RejectedAlertHandler.Context() {
                @Override
                public int subtaskIndex() {
                    return subtask;
                }

                @Override
                public MetricGroup metricGroup() {
                    return group;
                }
            });
        } catch (Exception e) {
            client.close();
            throw e;
        }
        LOG.info("Elasticsearch alert writer {} started: {}", subtask, settings);
    }

    static AsyncSinkWriterConfiguration writerConfiguration(
            ElasticsearchSinkSettings settings, OutageTolerantRateLimiting rateLimiting) {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(settings.maxBatchSize())
                .setMaxBatchSizeInBytes(settings.maxBatchSizeInBytes())
                .setMaxInFlightRequests(settings.maxInFlightRequests())
                .setMaxBufferedRequests(settings.maxBufferedRequests())
                .setMaxTimeInBufferMS(settings.maxTimeInBuffer().toMillis())
                .setMaxRecordSizeInBytes(settings.maxRecordSizeInBytes())
                .setRequestTimeoutMS(settings.asyncRequestTimeoutMillis())
                .setFailOnTimeout(false)
                .setRateLimitingStrategy(rateLimiting)
                .build();
    }

    @Override
    public void write(Alert alert, Context context) throws IOException, InterruptedException {
        String problem = AlertSizeGuard.unsendable(alert);
        if (problem != null) {
            reject(new RejectedAlert(
                    alert.getId(),
                    settings.index(),
                    alert.getDocument(),
                    RejectedAlert.NOT_SENT,
                    "alert_not_sendable",
                    problem));
            return;
        }
        Alert fitting = sizeGuard.fit(alert, this::reject);
        if (fitting != null) {
            super.write(fitting, context);
        }
    }

    @Override
    protected long getSizeInBytes(BulkCreate entry) {
        return entry.sizeInBytes();
    }

    /** Before a checkpoint: no waiting for unanswered requests ({@link #snapshotState} saves them), except at the end. */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (endOfInput) {
            super.flush(true);
        }
    }

    @Override
    public List<BufferedRequestState<BulkCreate>> snapshotState(long checkpointId) {
        List<BufferedRequestState<BulkCreate>> states = new ArrayList<>(super.snapshotState(checkpointId));
        if (!unsettled.isEmpty()) {
            states.add(new BufferedRequestState<>(unsettled.entries()));
        }
        return states;
    }

    @Override
    protected void submitRequestEntries(List<BulkCreate> entries, ResultHandler<BulkCreate> handler) {
        ResultHandler<BulkCreate> result = unsettled.track(entries, handler);
        BulkCall.send(client, settings.index(), entries, new BulkCall.Outcome() {
            @Override
            public void answered(long latencyMillis, List<BulkResponses.Item> items) {
                inMailbox(
                        () -> {
                            metrics.latency.update(latencyMillis);
                            settle(entries, items, result);
                        },
                        "settle bulk response");
            }

            @Override
            public void failed(Exception e, boolean throttled) {
                inMailbox(
                        () -> {
                            metrics.failedRequests.inc();
                            Optional<String> wholeSink = WholeSinkFailure.of(e, settings.hosts());
                            if (wholeSink.isPresent()) {
                                result.completeExceptionally(new ElasticsearchSinkException(wholeSink.get()));
                                return;
                            }
                            if (throttled) {
                                metrics.throttled.inc(entries.size());
                            }
                            retryLater(entries, BulkCall.describe(e), result);
                        },
                        "retry failed bulk request");
            }
        });
    }

    /** Task thread: counts, hands over rejections, and completes or schedules the retries. */
    private void settle(List<BulkCreate> sent, List<BulkResponses.Item> items, ResultHandler<BulkCreate> result)
            throws Exception {
        BulkResponses.Sorted sorted = BulkResponses.sort(sent, items);
        metrics.written.inc(sorted.created);
        metrics.throttled.inc(sorted.throttled);
        metrics.alreadyPresent.inc(sorted.alreadyPresent);
        if (sorted.sinkFailure != null) {
            result.completeExceptionally(new ElasticsearchSinkException(sorted.sinkFailure));
            return;
        }
        for (BulkResponses.Rejection r : sorted.rejected) {
            reject(new RejectedAlert(
                    r.entry.id(), settings.index(), r.entry.documentAsString(), r.status, r.errorType, r.reason));
        }
        if (sorted.retry.isEmpty()) {
            if (backoff.consecutiveFailures() > 0) {
                LOG.info("Elasticsearch accepts alerts again after {} failed attempts", backoff.consecutiveFailures());
            }
            backoff.onSuccess();
            result.complete();
        } else {
            retryLater(
                    sorted.retry,
                    sorted.retry.size() + " of " + sent.size() + " alerts failed, e.g. "
                            + BulkCall.truncate(sorted.retryReason),
                    result);
        }
    }

    /** Task thread: puts {@code entries} back into the buffer after a backoff, or fails past maxRetries. */
    private void retryLater(List<BulkCreate> entries, String reason, ResultHandler<BulkCreate> result) {
        metrics.retried.inc(entries.size());
        List<BulkCreate> next = new ArrayList<>(entries.size());
        int maxAttempt = 0;
        for (BulkCreate e : entries) {
            BulkCreate n = e.nextAttempt();
            next.add(n);
            maxAttempt = Math.max(maxAttempt, n.attempt());
        }
        int maxRetries = settings.maxRetries();
        if (maxRetries != ElasticsearchSinkSettings.UNLIMITED_RETRIES && maxAttempt > maxRetries) {
            result.completeExceptionally(new ElasticsearchSinkException("Elasticsearch did not accept "
                    + entries.size() + " alerts after " + maxRetries + " retries (maxRetries); failing so the job "
                    + "restarts from its last checkpoint. Last error: " + reason));
            return;
        }
        long delay = backoff.onFailure();
        String message = "Elasticsearch bulk request to {} not (fully) accepted: {}; retrying {} alerts in {} ms "
                + "({} consecutive failures)";
        if (backoff.warnNow()) {
            LOG.warn(message, settings.hosts(), reason, entries.size(), delay, backoff.consecutiveFailures());
        } else {
            LOG.debug(message, settings.hosts(), reason, entries.size(), delay, backoff.consecutiveFailures());
        }
        timeService.registerTimer(timeService.getCurrentProcessingTime() + delay, time -> result.retryForEntries(next));
    }

    private void reject(RejectedAlert alert) throws IOException {
        metrics.rejected.inc();
        try {
            rejectedAlertHandler.onRejected(alert);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("rejected-alert handler failed for alert " + alert.id(), e);
        }
    }

    private void inMailbox(ThrowingRunnable<? extends Exception> action, String description) {
        try {
            mailbox.execute(action, description);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
            LOG.debug(
                    "Writer closed; dropping late callback '{}' (the batch is replayed from the last checkpoint)",
                    description);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("Closing the Elasticsearch client failed", e);
        }
        try {
            rejectedAlertHandler.close();
        } catch (Exception e) {
            LOG.warn("Closing the rejected-alert handler failed", e);
        }
        super.close();
    }
}
