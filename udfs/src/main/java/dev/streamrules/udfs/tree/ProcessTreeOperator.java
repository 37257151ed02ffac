package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.tree.TreeMetrics.EvictionReason;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.FlinkRuntimeException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Flink operator around {@link ProcessTree}: keyed by {@code host.id}, EcsEvent in, enriched
 * EcsEvent out. It owns what the pure core cannot: keyed state, the two processing-time timer
 * services (eviction sweeps, waiting deadlines), metrics, and the end of a bounded input.
 *
 * <p>For each event: learn it into the tree, resolve its entry leader; if the ancestry stops at a
 * process whose own event has not been seen, park the event (bounded per host) until that event
 * arrives or {@link ProcessTreeSettings#parentWaitMillis()} passes; otherwise emit it enriched.
 * Then retry the events waiting for any process this event completed, and keep the tree within its
 * cap. No event is ever dropped: overflowing the buffer evaluates at once, and
 * {@link #endInput()} emits everything still waiting (processing-time timers do not fire after the
 * end of a bounded input).
 */
public class ProcessTreeOperator extends AbstractStreamOperator<EcsEvent>
        implements OneInputStreamOperator<EcsEvent, EcsEvent>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final ProcessTreeSettings settings;
    private final ProcessTreeEnricher enricher;

    private transient MapState<String, ProcessNode> nodes;
    private transient MapState<String, List<PendingEvent>> waiting;
    private transient ValueState<HostState> hostState;
    private transient InternalTimerService<VoidNamespace> sweepTimers;
    private transient InternalTimerService<VoidNamespace> waitTimers;
    private transient StateNodeStore store;
    private transient ProcessTree tree;

    private transient long tracked;
    private transient long waitingNow;
    private transient Counter resolvedFromEvent;
    private transient Counter resolvedFromState;
    private transient Counter unresolved;
    private transient Counter eventsWaited;
    private transient Counter releasedByArrival;
    private transient Counter releasedByTimeout;
    private transient Counter releasedAtEnd;
    private transient Counter waitOverflows;
    private transient Counter evictions;
    private transient Map<EvictionReason, Counter> evictionsByReason;

    public ProcessTreeOperator(ProcessTreeSettings settings) {
        this(settings, null);
    }

    /** With a candidate filter: see {@link ProcessTreeEnricher#ProcessTreeEnricher(EventCondition)}. */
    public ProcessTreeOperator(ProcessTreeSettings settings, EventCondition candidates) {
        this.enricher = new ProcessTreeEnricher(candidates);
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
        return tracked;
    }

    /** Value of the {@value ProcessTreeState#METRIC_WAITING} gauge (tests). */
    long waitingEvents() {
        return waitingNow;
    }

    @Override
    public void open() throws Exception {
        super.open();
        nodes = getRuntimeContext().getMapState(ProcessTreeState.NODES);
        waiting = getRuntimeContext().getMapState(ProcessTreeState.WAITING);
        hostState = getRuntimeContext().getState(ProcessTreeState.HOST);
        sweepTimers = getInternalTimerService(ProcessTreeState.SWEEP_TIMERS, VoidNamespaceSerializer.INSTANCE,
                new Trigger(this::onSweep));
        waitTimers = getInternalTimerService(ProcessTreeState.WAIT_TIMERS, VoidNamespaceSerializer.INSTANCE,
                new Trigger(this::onWaitDeadline));
        registerMetrics(getRuntimeContext().getMetricGroup().addGroup(ProcessTreeState.METRIC_GROUP));
        store = new StateNodeStore(nodes);
        tree = new ProcessTree(store, settings, new MetricsBridge());
        recount();
    }

    private void registerMetrics(MetricGroup group) {
        group.gauge(ProcessTreeState.METRIC_TRACKED, () -> tracked);
        group.gauge(ProcessTreeState.METRIC_WAITING, () -> waitingNow);
        resolvedFromEvent = group.counter(ProcessTreeState.METRIC_RESOLVED_EVENT);
        resolvedFromState = group.counter(ProcessTreeState.METRIC_RESOLVED_STATE);
        unresolved = group.counter(ProcessTreeState.METRIC_UNRESOLVED);
        eventsWaited = group.counter(ProcessTreeState.METRIC_WAITED);
        releasedByArrival = group.counter(ProcessTreeState.METRIC_RELEASED_BY_ARRIVAL);
        releasedByTimeout = group.counter(ProcessTreeState.METRIC_RELEASED_BY_TIMEOUT);
        releasedAtEnd = group.counter(ProcessTreeState.METRIC_RELEASED_AT_END);
        waitOverflows = group.counter(ProcessTreeState.METRIC_WAIT_OVERFLOW);
        evictions = group.counter(ProcessTreeState.METRIC_EVICTIONS);
        evictionsByReason = new EnumMap<>(EvictionReason.class);
        for (EvictionReason reason : EvictionReason.values()) {
            evictionsByReason.put(reason, group.counter(ProcessTreeState.METRIC_EVICTIONS_BY_REASON + reason.name()));
        }
    }

    /** After a restore the gauges start from what the state holds, not from zero. */
    private void recount() throws Exception {
        tracked = 0;
        waitingNow = 0;
        forEachHost((host, state) -> {
            tracked += state.getNodes();
            waitingNow += state.getWaiting();
        });
    }

    // ---------------------------------------------------------------- events

    @Override
    public void processElement(StreamRecord<EcsEvent> record) throws Exception {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        HostState host = loadHost();
        EcsEvent event = record.getValue();

        ProcessTree.Learned learned = tree.learn(event, now);
        Resolution resolution = tree.resolve(event, now);
        if (resolution.awaitedId() != null) {
            if (host.getWaiting() < settings.maxWaitingPerHost()) {
                // a fresh object: with object reuse on, the input instance may be overwritten by the next record
                EcsEvent held = event.withEnrichment(event.getEnrichment());
                park(host, resolution.awaitedId(), new PendingEvent(held, now, now + settings.parentWaitMillis(),
                        record.hasTimestamp(), record.getTimestamp()));
                eventsWaited.inc();
            } else {
                waitOverflows.inc();
                output.collect(record.replace(enrich(event, resolution, -1)));
            }
        } else {
            output.collect(record.replace(enrich(event, resolution, -1)));
        }

        if (host.getWaiting() > 0) {
            releaseWaitingFor(host, learned.upgraded(), now);
        }
        tree.enforceCap(learned.touched());
        scheduleSweep(host, learned.earliestDeadline());
        saveHost(host);
    }

    private EcsEvent enrich(EcsEvent event, Resolution resolution, long waitedMillis) {
        switch (resolution.source()) {
            case EVENT:
                resolvedFromEvent.inc();
                break;
            case STATE:
                resolvedFromState.inc();
                break;
            default:
                unresolved.inc();
        }
        return enricher.enrich(event, resolution, waitedMillis);
    }

    // ---------------------------------------------------------------- waiting

    private void park(HostState host, String awaitedId, PendingEvent pending) throws Exception {
        List<PendingEvent> group = waiting.get(awaitedId);
        List<PendingEvent> updated = group == null ? new ArrayList<>(1) : new ArrayList<>(group);
        updated.add(pending);
        waiting.put(awaitedId, updated);
        waitTimers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, pending.getDeadline());
        host.setWaiting(host.getWaiting() + 1);
        waitingNow++;
    }

    /** Retries the events waiting for processes that just became known. */
    private void releaseWaitingFor(HostState host, Set<String> ids, long now) throws Exception {
        for (String id : ids) {
            List<PendingEvent> group = waiting.get(id);
            if (group == null) {
                continue;
            }
            waiting.remove(id);
            host.setWaiting(host.getWaiting() - group.size());
            waitingNow -= group.size();
            for (PendingEvent pending : group) {
                Resolution resolution = tree.resolve(pending.getEvent(), now);
                String next = resolution.awaitedId();
                if (next != null && now < pending.getDeadline()) {
                    // the chain now stops higher up: keep waiting, with the same deadline
                    List<PendingEvent> nextGroup = waiting.get(next);
                    List<PendingEvent> updated = nextGroup == null ? new ArrayList<>(1) : new ArrayList<>(nextGroup);
                    updated.add(pending);
                    waiting.put(next, updated);
                    host.setWaiting(host.getWaiting() + 1);
                    waitingNow++;
                } else {
                    releasedByArrival.inc();
                    emitReleased(pending, resolution, now);
                }
            }
        }
    }

    private void emitReleased(PendingEvent pending, Resolution resolution, long now) {
        EcsEvent enriched = enrich(pending.getEvent(), resolution, Math.max(0, now - pending.getArrivedAt()));
        output.collect(pending.isTimestamped()
                ? new StreamRecord<>(enriched, pending.getTimestamp())
                : new StreamRecord<>(enriched));
    }

    /** A waiting deadline passed: emit what is due with what is known. */
    private void onWaitDeadline(long time) throws Exception {
        HostState host = loadHost();
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
        waitingNow -= due.size();
        due.stream().map(Map.Entry::getKey).distinct().forEach(tree::settle);
        for (Map.Entry<String, PendingEvent> entry : due) {
            releasedByTimeout.inc();
            emitReleased(entry.getValue(), tree.resolve(entry.getValue().getEvent(), time), time);
        }
        saveHost(host);
    }

    /**
     * End of a bounded input: pending processing-time timers will never fire, so every waiting event
     * of every host is emitted now, with what the tree knows.
     */
    @Override
    public void endInput() throws Exception {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        List<String> hosts = new ArrayList<>();
        forEachHost((host, state) -> {
            if (state.getWaiting() > 0) {
                hosts.add(host);
            }
        });
        for (String host : hosts) {
            setCurrentKey(host);
            flushWaiting(now);
        }
    }

    private void flushWaiting(long now) throws Exception {
        HostState host = loadHost();
        List<PendingEvent> all = new ArrayList<>();
        Set<Long> deadlines = new TreeSet<>();
        for (List<PendingEvent> group : waiting.values()) {
            all.addAll(group);
        }
        waiting.clear();
        for (PendingEvent pending : all) {
            deadlines.add(pending.getDeadline());
        }
        for (long deadline : deadlines) {
            waitTimers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, deadline);
        }
        host.setWaiting(0);
        waitingNow -= all.size();
        for (PendingEvent pending : all) {
            releasedAtEnd.inc();
            emitReleased(pending, tree.resolve(pending.getEvent(), now), now);
        }
        saveHost(host);
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
                sweepTimers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, host.getSweepAt());
            }
            sweepTimers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, at);
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
        long next = tree.sweep(time);
        if (next != ProcessTree.NO_DEADLINE) {
            scheduleSweep(host, Math.max(next, time + 1)); // never a timer in the past: no busy loop
        }
        saveHost(host);
    }

    // ---------------------------------------------------------------- host state

    private HostState loadHost() throws Exception {
        HostState host = hostState.value();
        if (host == null) {
            host = new HostState();
        }
        store.bind(host);
        return host;
    }

    private void saveHost(HostState host) throws Exception {
        if (host.getNodes() == 0 && host.getSweepAt() != 0) {
            sweepTimers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, host.getSweepAt());
            host.setSweepAt(0);
        }
        if (host.isEmpty()) {
            hostState.clear();
        } else {
            hostState.update(host);
        }
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
            HostState state = hostState.value();
            if (state != null) {
                action.accept(host, state);
            }
        }
        if (previousKey != null) {
            setCurrentKey(previousKey);
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** Routes a timer service to a handler; the current key is set by Flink before it fires. */
    private static final class Trigger implements Triggerable<String, VoidNamespace> {
        private final TimerHandler handler;

        Trigger(TimerHandler handler) {
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

    @FunctionalInterface
    private interface TimerHandler {
        void fire(long time) throws Exception;
    }

    /** Counts evictions and additions into the metrics. */
    private final class MetricsBridge implements TreeMetrics {
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

    /** The host's map state as a {@link NodeStore}; the count lives in {@link HostState}. */
    static final class StateNodeStore implements NodeStore {
        private final MapState<String, ProcessNode> nodes;
        private HostState host;

        StateNodeStore(MapState<String, ProcessNode> nodes) {
            this.nodes = nodes;
        }

        void bind(HostState host) {
            this.host = host;
        }

        @Override
        public ProcessNode get(String entityId) {
            try {
                return nodes.get(entityId);
            } catch (Exception e) {
                throw new FlinkRuntimeException("reading process-tree state failed", e);
            }
        }

        @Override
        public void insert(String entityId, ProcessNode node) {
            try {
                nodes.put(entityId, node);
            } catch (Exception e) {
                throw new FlinkRuntimeException("writing process-tree state failed", e);
            }
            host.setNodes(host.getNodes() + 1);
        }

        @Override
        public void replace(String entityId, ProcessNode node) {
            try {
                nodes.put(entityId, node);
            } catch (Exception e) {
                throw new FlinkRuntimeException("writing process-tree state failed", e);
            }
        }

        @Override
        public void remove(String entityId) {
            try {
                nodes.remove(entityId);
            } catch (Exception e) {
                throw new FlinkRuntimeException("writing process-tree state failed", e);
            }
            host.setNodes(host.getNodes() - 1);
        }

        @Override
        public int size() {
            return host.getNodes();
        }

        @Override
        public void forEach(BiConsumer<String, ProcessNode> action) {
            try {
                for (Map.Entry<String, ProcessNode> e : nodes.entries()) {
                    action.accept(e.getKey(), e.getValue());
                }
            } catch (Exception e) {
                throw new FlinkRuntimeException("reading process-tree state failed", e);
            }
        }
    }
}
