package dev.streamrules.udfs.tree;

import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimerService;

/**
 * One of the operator's timer services, in the domain its {@link ProcessTreeSettings.Clock} keeps
 * time by: processing-time timers fire on the wall clock, event-time timers when the watermark
 * passes them. Callers register and delete without knowing which.
 */
final class ClockTimers {

    private final InternalTimerService<VoidNamespace> service;
    private final boolean eventTime;

    ClockTimers(InternalTimerService<VoidNamespace> service, ProcessTreeSettings.Clock clock) {
        this.service = service;
        this.eventTime = clock == ProcessTreeSettings.Clock.EVENT_TIME;
    }

    void register(long time) {
        if (eventTime) {
            service.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
        } else {
            service.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
        }
    }

    void delete(long time) {
        if (eventTime) {
            service.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
        } else {
            service.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
        }
    }
}
