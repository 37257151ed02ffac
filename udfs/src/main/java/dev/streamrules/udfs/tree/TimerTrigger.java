package dev.streamrules.udfs.tree;

import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.Triggerable;

/** Routes one processing-time timer service to a handler; Flink sets the current key before it fires. */
final class TimerTrigger implements Triggerable<String, VoidNamespace> {

    @FunctionalInterface
    interface Handler {
        void fire(long time) throws Exception;
    }

    private final Handler handler;

    TimerTrigger(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
        // only processing-time timers are registered
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        handler.fire(timer.getTimestamp());
    }
}
