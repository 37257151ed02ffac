package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.tree.TreeMetrics.EvictionReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The process-tree operator's metrics (names in {@link ProcessTreeState}): two gauges kept as running
 * counts (tracked processes, waiting events) and the counters of resolutions, waits and evictions.
 * Receives the tree's size changes as its {@link TreeMetrics}.
 */
final class ProcessTreeMetrics implements TreeMetrics {

    private long tracked;
    private long waiting;
    private final Counter resolvedFromEvent;
    private final Counter resolvedFromState;
    private final Counter unresolved;
    private final Counter eventsWaited;
    private final Counter releasedByArrival;
    private final Counter releasedByTimeout;
    private final Counter releasedAtEnd;
    private final Counter waitOverflows;
    private final Counter evictions;
    private final Map<EvictionReason, Counter> evictionsByReason = new EnumMap<>(EvictionReason.class);

    ProcessTreeMetrics(MetricGroup group) {
        group.gauge(ProcessTreeState.METRIC_TRACKED, () -> tracked);
        group.gauge(ProcessTreeState.METRIC_WAITING, () -> waiting);
        resolvedFromEvent = group.counter(ProcessTreeState.METRIC_RESOLVED_EVENT);
        resolvedFromState = group.counter(ProcessTreeState.METRIC_RESOLVED_STATE);
        unresolved = group.counter(ProcessTreeState.METRIC_UNRESOLVED);
        eventsWaited = group.counter(ProcessTreeState.METRIC_WAITED);
        releasedByArrival = group.counter(ProcessTreeState.METRIC_RELEASED_BY_ARRIVAL);
        releasedByTimeout = group.counter(ProcessTreeState.METRIC_RELEASED_BY_TIMEOUT);
        releasedAtEnd = group.counter(ProcessTreeState.METRIC_RELEASED_AT_END);
        waitOverflows = group.counter(ProcessTreeState.METRIC_WAIT_OVERFLOW);
        evictions = group.counter(ProcessTreeState.METRIC_EVICTIONS);
        for (EvictionReason reason : EvictionReason.values()) {
            evictionsByReason.put(reason, group.counter(ProcessTreeState.METRIC_EVICTIONS_BY_REASON + reason.name()));
        }
    }

    /** After a restore the gauges start from what the state holds, not from zero. */
    void recounted(long trackedNow, long waitingNow) {
        tracked = trackedNow;
        waiting = waitingNow;
    }

    long tracked() {
        return tracked;
    }

    long waiting() {
        return waiting;
    }

    void resolved(Resolution.Source source) {
        switch (source) {
            case EVENT:
                resolvedFromEvent.inc();
                break;
            case STATE:
                resolvedFromState.inc();
                break;
            default:
                unresolved.inc();
        }
    }

    /** {@code count} events started or stopped waiting (negative: stopped). */
    void waitingChanged(int count) {
        waiting += count;
    }

    void parked() {
        eventsWaited.inc();
    }

    void overflowed() {
        waitOverflows.inc();
    }

    void releasedByArrival() {
        releasedByArrival.inc();
    }

    void releasedByTimeout() {
        releasedByTimeout.inc();
    }

    void releasedAtEnd() {
        releasedAtEnd.inc();
    }

    @Override
    public void added(int count) {
        tracked += count;
    }

    @Override
    public void evicted(EvictionReason reason, int count) {
        tracked -= count;
        evictions.inc(count);
        evictionsByReason.get(reason).inc(count);
    }
}
