package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.EventCondition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Flink operator around {@link ProcessTree}: keyed by {@code host.id}, EcsEvent in, enriched
 * EcsEvent out. It owns what the pure core cannot: keyed state (the nodes through
 * {@link StateNodeStore}, the per-host {@link HostState}), the clock and its two timer services
 * (eviction sweeps here, waiting deadlines in {@link WaitingEvents}), the end of a bounded input, and
 * the metrics ({@link ProcessTreeMetrics}).
 *
 * <p>For each event: learn it into the tree, resolve its entry leader; if the ancestry stops at a
 * process whose own event has not been seen, park the event (bounded per host) until that event
 * arrives or {@link ProcessTreeSettings#parentWaitMillis()} passes; otherwise emit it enriched.
 * Then retry the events waiting for any process this event completed, and keep the tree within its
 * cap. No event is ever dropped: overflowing the buffer evaluates at once, and
 * {@link #endInput()} emits everything still waiting (processing-time timers do not fire after the
 * end of a bounded input).
 *
 * <p>The clock ({@link TreeClock}) is the wall clock, or the newest event time this
 * subtask has seen, with timers that fire as the watermark passes them.
 */
public class ProcessTreeOperator extends AbstractStreamOperator<EcsEvent>
        implements OneInputStreamOperator<EcsEvent, EcsEvent>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final ProcessTreeSettings settings;
    private final ProcessTreeEnricher enricher;

    private transient HostStateSlot hostState;
    private transient ClockTimers sweepTimers;
    private transient StateNodeStore store;
    private transient ProcessTree tree;
    private transient ProcessTreeMetrics metrics;
    private transient WaitingEvents waiting;
    private transient TreeClock clock;

    public ProcessTreeOperator(ProcessTreeSettings settings) {
        this(settings, null);
    }

    /** With a candidate filter: see {@link ProcessTreeEnricher#ProcessTreeEnricher(EventCondition)}. */
    public ProcessTreeOperator(ProcessTreeSettings settings, EventCondition candidates) {
        this(settings, candidates, null);
    }

    /** With a match condition too: see {@link ProcessTreeEnricher#ProcessTreeEnricher(EventCondition, EventCondition)}. */
    public ProcessTreeOperator(ProcessTreeSettings settings, EventCondition candidates, EventCondition alerting) {
        this.enricher = new ProcessTreeEnricher(candidates, alerting);
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        this.settings = settings;
    }

    public ProcessTreeSettings settings() {
        return settings;
    }

    /** Value of the {@value ProcessTreeState#METRIC_TRACKED} gauge (tests). */
    long trackedProcesses() {
        return metrics.tracked();
    }

    /** Value of the {@value ProcessTreeState#METRIC_WAITING} gauge (tests). */
    long waitingEvents() {
        return metrics.waiting();
    }

    @Override
    public void open() throws Exception {
        super.open();
        MapState<String, ProcessNode> nodes = getRuntimeContext().getMapState(ProcessTreeState.NODES);
        hostState = new HostStateSlot(getRuntimeContext().getState(ProcessTreeState.HOST));
        clock = new TreeClock(settings.clock(), getProcessingTimeService());
        sweepTimers = timers(ProcessTreeState.SWEEP_TIMERS, this::onSweep);
        ClockTimers waitTimers = timers(ProcessTreeState.WAIT_TIMERS, this::onWaitDeadline);
        metrics = new ProcessTreeMetrics(getRuntimeContext().getMetricGroup().addGroup(ProcessTreeState.METRIC_GROUP));
        store = new StateNodeStore(nodes);
        tree = new ProcessTree(store, settings, metrics);
        waiting = new WaitingEvents(
                getRuntimeContext().getMapState(ProcessTreeState.WAITING),
                waitTimers,
                tree,
                metrics,
                this::emitReleased);
        recount();
    }

    private ClockTimers timers(String name, TimerTrigger.Handler handler) {
        return clock.timers(getInternalTimerService(name, VoidNamespaceSerializer.INSTANCE, new TimerTrigger(handler)));
    }

    /** After a restore the gauges start from what the state holds, not from zero. */
    private void recount() throws Exception {
        long[] counts = new long[2];
        forEachHost((host, state) -> {
            counts[0] += state.getNodes();
            counts[1] += state.getWaiting();
        });
        metrics.recounted(counts[0], counts[1]);
    }

    // ---------------------------------------------------------------- events

    @Override
    public void processElement(StreamRecord<EcsEvent> record) throws Exception {
        EcsEvent event = record.getValue();
        if (!event.hasHost()) {
            // No host, no tree to place it in: events of unknown hosts under one key would make one
            // tree of unrelated processes. The rules still see the event, as the sensor sent it.
            output.collect(record);
            return;
        }
        long now = clock.now(record);
        HostState host = loadHost();

        ProcessTree.Learned learned = tree.learn(event, now);
        Resolution resolution = tree.resolve(event);
        if (resolution.awaitedId() != null) {
            if (host.getWaiting() < settings.maxWaitingPerHost()) {
                // a fresh object: with object reuse on, the input instance may be overwritten by the next record
                EcsEvent held = event.withEnrichment(event.getEnrichment());
                waiting.park(
                        host,
                        resolution.awaitedId(),
                        new PendingEvent(
                                held,
                                now,
                                now + settings.parentWaitMillis(),
                                record.hasTimestamp(),
                                record.getTimestamp()));
            } else {
                metrics.overflowed();
                output.collect(record.replace(enrich(event, resolution, -1)));
            }
        } else {
            output.collect(record.replace(enrich(event, resolution, -1)));
        }

        if (host.getWaiting() > 0) {
            waiting.releaseFor(host, learned.upgraded(), now);
        }
        tree.enforceCap(learned.touched());
        scheduleSweep(host, learned.earliestDeadline());
        saveHost(host);
    }

    private EcsEvent enrich(EcsEvent event, Resolution resolution, long waitedMillis) {
        metrics.resolved(resolution.source());
        return enricher.enrich(event, resolution, waitedMillis);
    }

    private void emitReleased(PendingEvent pending, Resolution resolution, long now) {
        EcsEvent enriched = enrich(pending.getEvent(), resolution, Math.max(0, now - pending.getArrivedAt()));
        output.collect(
                pending.isTimestamped()
                        ? new StreamRecord<>(enriched, pending.getTimestamp())
                        : new StreamRecord<>(enriched));
    }

    private void onWaitDeadline(long time) throws Exception {
        HostState host = loadHost();
        waiting.releaseDue(host, time);
        saveHost(host);
    }

    /**
     * End of a bounded input: pending processing-time timers will never fire, so every waiting event
     * of every host is emitted now, with what the tree knows. (Event-time timers have all fired by
     * now, on the input's last watermark.)
     */
    @Override
    public void endInput() throws Exception {
        long now = clock.now(null);
        List<String> hosts = new ArrayList<>();
        forEachHost((host, state) -> {
            if (state.getWaiting() > 0) {
                hosts.add(host);
            }
        });
        for (String key : hosts) {
            setCurrentKey(key);
            HostState host = loadHost();
            waiting.releaseAll(host, now);
            saveHost(host);
        }
    }

    // ---------------------------------------------------------------- eviction

    /** Makes sure a sweep runs no later than {@code deadline} (rounded up to the sweep interval). */
    private void scheduleSweep(HostState host, long deadline) {
        if (deadline == ProcessTree.NO_DEADLINE) {
            return;
        }
        long at = sweepTime(deadline);
        if (host.getSweepAt() == 0 || at < host.getSweepAt()) {
            if (host.getSweepAt() != 0) {
                sweepTimers.delete(host.getSweepAt());
            }
            sweepTimers.register(at);
            host.setSweepAt(at);
        }
    }

    /**
     * Rounds up to the sweep interval, with a per-host phase so hosts do not all sweep at once.
     */
    private long sweepTime(long deadline) {
        long interval = settings.sweepIntervalMillis();
        long phase = Math.floorMod(Objects.hashCode(getCurrentKey()), interval);
        long shifted = deadline - phase;
        long rounded = Math.floorDiv(shifted + interval - 1, interval) * interval;
        return rounded + phase;
    }

    private void onSweep(long time) throws Exception {
        HostState host = loadHost();
        if (host.getSweepAt() != time) {
            return; // superseded by an earlier sweep
        }
        host.setSweepAt(0);
        if (host.getWaiting() > 0) {
            waiting.releaseDueBefore(host, time);
        }
        long next = tree.sweep(time);
        if (next != ProcessTree.NO_DEADLINE) {
            scheduleSweep(host, Math.max(next, time + 1)); // never a timer in the past: no busy loop
        }
        saveHost(host);
    }

    // ---------------------------------------------------------------- host state

    private HostState loadHost() throws Exception {
        HostState host = hostState.load();
        store.bind(host);
        return host;
    }

    private void saveHost(HostState host) throws Exception {
        store.flushAndForget();
        if (host.getNodes() == 0 && host.getSweepAt() != 0) {
            sweepTimers.delete(host.getSweepAt());
            host.setSweepAt(0);
        }
        hostState.save(host);
    }

    /** Visits every host that has state (for the gauges and the end of input). */
    private void forEachHost(BiConsumer<String, HostState> action) throws Exception {
        KeyedStateBackend<String> backend = getKeyedStateBackend();
        String previousKey = backend.getCurrentKey();
        List<String> hosts;
        try (Stream<String> keys = backend.getKeys(ProcessTreeState.HOST.getName(), VoidNamespace.INSTANCE)) {
            hosts = keys.collect(Collectors.toCollection(ArrayList::new));
        }
        for (String host : new LinkedHashSet<>(hosts)) {
            setCurrentKey(host);
            HostState state = hostState.peek();
            if (state != null) {
                action.accept(host, state);
            }
        }
        if (previousKey != null) {
            setCurrentKey(previousKey);
        }
    }
}
