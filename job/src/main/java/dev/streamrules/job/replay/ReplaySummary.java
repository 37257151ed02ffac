package dev.streamrules.job.replay;

import dev.streamrules.job.CountAlerts;
import dev.streamrules.job.Streams;
import org.apache.flink.api.common.JobExecutionResult;

/** The counts a replay ends with, read from the job's accumulators. */
public final class ReplaySummary {

    private final long read;
    private final long valid;
    private final long deadLettered;
    private final long tooOld;
    private final long alerts;

    ReplaySummary(long read, long valid, long deadLettered, long tooOld, long alerts) {
        this.read = read;
        this.valid = valid;
        this.deadLettered = deadLettered;
        this.tooOld = tooOld;
        this.alerts = alerts;
    }

    static ReplaySummary of(JobExecutionResult result) {
        return new ReplaySummary(
                count(result, Streams.RECORDS_READ),
                count(result, Streams.RECORDS_VALID),
                count(result, Streams.RECORDS_DEAD),
                count(result, Streams.EVENTS_TOO_OLD),
                count(result, CountAlerts.ALERTS));
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

    public long alerts() {
        return alerts;
    }

    /** The one line a replay prints to stderr; scripts parse it, so keep its shape. */
    public String line() {
        return "events: " + read + " read, " + valid + " valid, " + deadLettered + " dead-lettered, " + alerts
                + " alerts" + (tooOld > 0 ? " (" + tooOld + " older than the maximum age set aside)" : "");
    }

    @Override
    public String toString() {
        return line();
    }
}
