package dev.streamrules.job.replay;

import dev.streamrules.job.CountAlerts;
import dev.streamrules.job.Streams;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;

/** The counts a replay ends with, read from the job's accumulators. */
public final class ReplaySummary {

    private final long read;
    private final long valid;
    private final long deadLettered;
    private final long tooOld;
    private final long withoutHost;
    private final long alerts;
    private final long netRuntimeMillis;

    ReplaySummary(
            long read,
            long valid,
            long deadLettered,
            long tooOld,
            long withoutHost,
            long alerts,
            long netRuntimeMillis) {
        this.read = read;
        this.valid = valid;
        this.deadLettered = deadLettered;
        this.tooOld = tooOld;
        this.withoutHost = withoutHost;
        this.alerts = alerts;
        this.netRuntimeMillis = netRuntimeMillis;
    }

    static ReplaySummary of(JobExecutionResult result) {
        return new ReplaySummary(
                count(result, Streams.RECORDS_READ),
                count(result, Streams.RECORDS_VALID),
                count(result, Streams.RECORDS_DEAD),
                count(result, Streams.EVENTS_TOO_OLD),
                count(result, Streams.EVENTS_WITHOUT_HOST),
                count(result, CountAlerts.ALERTS),
                result.getNetRuntime());
    }

    private static long count(JobExecutionResult result, String name) {
        Object value = result.getAccumulatorResult(name);
        return value == null ? 0L : ((Number) value).longValue();
    }

    public long read() {
        return read;
    }

    public long valid() {
        return valid;
    }

    public long deadLettered() {
        return deadLettered;
    }

    public long tooOld() {
        return tooOld;
    }

    /** Valid events without exactly one {@code host.id} (part of {@link #valid()}). */
    public long withoutHost() {
        return withoutHost;
    }

    public long alerts() {
        return alerts;
    }

    /**
     * Flink's net runtime of the job: from its initialization to its end. JVM start and building the
     * job are excluded; deploying, opening and finishing the tasks are included.
     */
    public long netRuntimeMillis() {
        return netRuntimeMillis;
    }

    /**
     * The replay's own throughput, printed after {@link #line()}: records read per second of net
     * runtime (a runtime under 1 ms counts as 1 ms, so a tiny input does not divide by zero).
     */
    public String throughputLine() {
        long millis = Math.max(1L, netRuntimeMillis);
        long perSecond = Math.round(read * 1000.0 / millis);
        return "throughput: " + perSecond + " events/s (" + read + " events in " + netRuntimeMillis
                + " ms, job start to end of input)";
    }

    /**
     * The one line a replay prints to stderr; scripts parse it, so keep its shape: notes on the valid
     * events come last, in parentheses, and only when there is something to say.
     */
    public String line() {
        List<String> notes = new ArrayList<>();
        if (withoutHost > 0) {
            notes.add(withoutHost + " valid without a single host.id");
        }
        if (tooOld > 0) {
            notes.add(tooOld + " older than the maximum age set aside");
        }
        return "events: " + read + " read, " + valid + " valid, " + deadLettered + " dead-lettered, " + alerts
                + " alerts" + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
    }

    @Override
    public String toString() {
        return line();
    }
}
