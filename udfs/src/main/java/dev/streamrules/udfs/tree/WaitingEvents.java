package dev.streamrules.udfs.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.state.MapState;

/**
 * The current host's events waiting for a process's own event, grouped by the awaited entity id, with
 * a deadline each on the operator's clock. Parking, releasing on arrival, on deadline and at the end of input;
 * the operator owns the host state and the output, handed in per call.
 */
final class WaitingEvents {

    /** Emits a released event, enriched with what the tree knows now. */
    @FunctionalInterface
    interface Release {
        void emit(PendingEvent pending, Resolution resolution, long now);
    }

    private final MapState<String, List<PendingEvent>> waiting;
    private final ClockTimers deadlines;
    private final ProcessTree tree;
    private final ProcessTreeMetrics metrics;
    private final Release release;

    WaitingEvents(
            MapState<String, List<PendingEvent>> waiting,
            ClockTimers deadlines,
            ProcessTree tree,
            ProcessTreeMetrics metrics,
            Release release) {
        this.waiting = waiting;
        this.deadlines = deadlines;
        this.tree = tree;
        this.metrics = metrics;
        this.release = release;
    }

    void park(HostState host, String awaitedId, PendingEvent pending) throws Exception {
        add(host, awaitedId, pending);
        deadlines.register(pending.getDeadline());
        metrics.parked();
    }

    private void add(HostState host, String awaitedId, PendingEvent pending) throws Exception {
        List<PendingEvent> group = waiting.get(awaitedId);
        List<PendingEvent> updated = group == null ? new ArrayList<>(1) : new ArrayList<>(group);
        updated.add(pending);
        waiting.put(awaitedId, updated);
        host.setWaiting(host.getWaiting() + 1);
        metrics.waitingChanged(1);
    }

    /** Retries the events waiting for processes that just became known. */
    void releaseFor(HostState host, Collection<String> ids, long now) throws Exception {
        for (String id : ids) {
            List<PendingEvent> group = waiting.get(id);
            if (group == null) {
                continue;
            }
            waiting.remove(id);
            host.setWaiting(host.getWaiting() - group.size());
            metrics.waitingChanged(-group.size());
            for (PendingEvent pending : group) {
                Resolution resolution = tree.resolve(pending.getEvent());
                String next = resolution.awaitedId();
                if (next != null && now < pending.getDeadline()) {
                    // the chain now stops higher up: keep waiting, with the same deadline (its timer stays)
                    add(host, next, pending);
                } else {
                    metrics.releasedByArrival();
                    release.emit(pending, resolution, now);
                }
            }
        }
    }

    /** A waiting deadline passed: emit what is due with what is known. */
    void releaseDue(HostState host, long time) throws Exception {
        releaseDue(host, time, false);
    }

    /**
     * An eviction at {@code time} is about to run: emit what was due by then first, each as of its own
     * deadline. On event time one watermark can pass a deadline and a later eviction together, and the
     * timer services fire one after the other, not in time order.
     */
    void releaseDueBefore(HostState host, long time) throws Exception {
        releaseDue(host, time, true);
    }

    private void releaseDue(HostState host, long time, boolean atDeadlines) throws Exception {
        List<Map.Entry<String, PendingEvent>> due = new ArrayList<>();
        List<Map.Entry<String, List<PendingEvent>>> kept = new ArrayList<>();
        for (Iterator<Map.Entry<String, List<PendingEvent>>> it = waiting.iterator(); it.hasNext(); ) {
            Map.Entry<String, List<PendingEvent>> group = it.next();
            List<PendingEvent> remaining = new ArrayList<>();
            for (PendingEvent pending : group.getValue()) {
                if (pending.getDeadline() <= time) {
                    due.add(Map.entry(group.getKey(), pending));
                } else {
                    remaining.add(pending);
                }
            }
            if (remaining.size() != group.getValue().size()) {
                kept.add(Map.entry(group.getKey(), remaining));
            }
        }
        for (Map.Entry<String, List<PendingEvent>> group : kept) {
            if (group.getValue().isEmpty()) {
                waiting.remove(group.getKey());
            } else {
                waiting.put(group.getKey(), group.getValue());
            }
        }
        host.setWaiting(host.getWaiting() - due.size());
        metrics.waitingChanged(-due.size());
        due.stream().map(Map.Entry::getKey).distinct().forEach(tree::settle);
        for (Map.Entry<String, PendingEvent> entry : due) {
            metrics.releasedByTimeout();
            PendingEvent pending = entry.getValue();
            release.emit(pending, tree.resolve(pending.getEvent()), atDeadlines ? pending.getDeadline() : time);
        }
    }

    /** End of a bounded input: every waiting event of the host now, its timers deleted. */
    void releaseAll(HostState host, long now) throws Exception {
        List<PendingEvent> all = new ArrayList<>();
        Set<Long> times = new TreeSet<>();
        for (List<PendingEvent> group : waiting.values()) {
            all.addAll(group);
        }
        waiting.clear();
        for (PendingEvent pending : all) {
            times.add(pending.getDeadline());
        }
        for (long deadline : times) {
            deadlines.delete(deadline);
        }
        host.setWaiting(0);
        metrics.waitingChanged(-all.size());
        for (PendingEvent pending : all) {
            metrics.releasedAtEnd();
            release.emit(pending, tree.resolve(pending.getEvent()), now);
        }
    }
}
