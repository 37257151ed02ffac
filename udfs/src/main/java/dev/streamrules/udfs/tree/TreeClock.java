package dev.streamrules.udfs.tree;

import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;

/**
 * The process tree's "now" ({@link ProcessTreeSettings.Clock}): the wall clock, or the newest record
 * timestamp this subtask has seen; and its timer services, in the same domain.
 */
final class TreeClock {

    private final ProcessTreeSettings.Clock clock;
    private final ProcessingTimeService wallClock;
    /**
     * {@link ProcessTreeSettings.Clock#EVENT_TIME}: the newest record timestamp seen. Not in state: after a
     * restore it restarts with the next record, and time never runs backwards for the tree (a lower
     * value only delays evictions).
     */
    private long eventClock;

    TreeClock(ProcessTreeSettings.Clock clock, ProcessingTimeService wallClock) {
        this.clock = clock;
        this.wallClock = wallClock;
    }

    /** Now; an event-time clock first moves on to {@code record}'s timestamp ({@code record} may be null). */
    long now(StreamRecord<?> record) {
        if (clock == ProcessTreeSettings.Clock.PROCESSING_TIME) {
            return wallClock.getCurrentProcessingTime();
        }
        if (record != null && record.hasTimestamp()) {
            eventClock = Math.max(eventClock, record.getTimestamp());
        }
        return eventClock;
    }

    /** {@code service}'s timers in this clock's domain. */
    ClockTimers timers(InternalTimerService<VoidNamespace> service) {
        return new ClockTimers(service, clock);
    }
}
