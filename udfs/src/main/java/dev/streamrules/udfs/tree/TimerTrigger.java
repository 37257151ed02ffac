package dev.streamrules.udfs.tree;

import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.Triggerable;

/**
 * Routes one timer service to a handler; Flink sets the current key before it fires. A service's
 * timers are all in the domain of the operator's clock, so both domains go to the same handler.
 */
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
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        handler.fire(timer.getTimestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        handler.fire(timer.getTimestamp());
    }
}
