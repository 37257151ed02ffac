package dev.streamrules.job.sink.elasticsearch;

import java.io.Serializable;
import org.apache.flink.metrics.MetricGroup;

/**
 * Receives the alerts the Elasticsearch sink gives up on for good: documents Elasticsearch refuses
 * (a 400 such as {@code document_parsing_exception}) and alerts the sink cannot send. Everything
 * else is retried, so these are the only alerts that do not reach the index; route them somewhere
 * durable (a dead-letter topic) rather than only logging them.
 *
 * <p>One instance per parallel writer, used from the writer's task thread only (no synchronization
 * needed). The sink counts every rejection in its {@code alertsRejected} metric whatever the handler
 * does. An exception thrown here fails the task, and the job restarts from its last checkpoint.
 */
public interface RejectedAlertHandler extends Serializable {

    /** Called once when the writer opens, before any {@link #onRejected}. */
    default void open(Context context) throws Exception {}

    void onRejected(RejectedAlert alert) throws Exception;

    /** Called when the writer closes. */
    default void close() throws Exception {}

    /** What a handler may need from the writer it runs in. */
    interface Context {
        int subtaskIndex();

        /** The sink writer's metric group, for the handler's own metrics. */
        MetricGroup metricGroup();
    }
}
