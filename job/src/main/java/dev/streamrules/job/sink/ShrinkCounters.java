package dev.streamrules.job.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

/** The alert sinks' counts of how alerts were made to fit: {@code alertsTruncated}, {@code alertsCompacted}, {@code alertsTooLarge}. */
public final class ShrinkCounters {

    public static final String TRUNCATED = "alertsTruncated";
    public static final String COMPACTED = "alertsCompacted";
    public static final String TOO_LARGE = "alertsTooLarge";

    private final Counter truncated;
    private final Counter compacted;
    private final Counter tooLarge;

    public ShrinkCounters(MetricGroup metrics) {
        this.truncated = metrics.counter(TRUNCATED);
        this.compacted = metrics.counter(COMPACTED);
        this.tooLarge = metrics.counter(TOO_LARGE);
    }

    /** Counters registered nowhere, for a sink used outside a running job (unit tests). */
    public ShrinkCounters() {
        this.truncated = new SimpleCounter();
        this.compacted = new SimpleCounter();
        this.tooLarge = new SimpleCounter();
    }

    public void count(BoundedAlert.Outcome outcome) {
        switch (outcome) {
            case TRUNCATED:
                truncated.inc();
                break;
            case COMPACTED:
                compacted.inc();
                break;
            case TOO_LARGE:
                tooLarge.inc();
                break;
            default:
                break;
        }
    }
}
