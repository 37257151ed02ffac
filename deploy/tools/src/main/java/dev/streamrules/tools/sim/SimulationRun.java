package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * One pass of a simulation: hosts boot, sessions start and finish, and their steps interleave on a
 * single event clock. Lazy, so an unbounded run can feed a benchmark or a Kafka producer.
 */
final class SimulationRun implements Iterator<SimulatedEvent> {

    /** Chance that the session that produced the last event also produces the next: bursts, as fork+exec are. */
    private static final double BURST = 0.5;

    private record Active(HostState host, ProcessScript script) {}

    /** A session whose next step is timed: it runs at {@code dueNanos}, not when the dice pick it. */
    private record Waiting(long dueNanos, long order, Active session) implements Comparable<Waiting> {
        @Override
        public int compareTo(Waiting other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final SimulationConfig config;
    private final Dice scenarioDice;
    private final Dice clockDice;
    private final Dice orderDice;
    private final EventIds ids;
    private final EventWriter writer;
    private final ScenarioPicker picker;
    private final List<Active> active = new ArrayList<>();
    private final PriorityQueue<Waiting> waiting = new PriorityQueue<>();
    private long waitingOrder;
    private final ReorderBuffer buffer = new ReorderBuffer();
    private final double meanGapNanos;
    private Active last;
    private long clockNanos;
    private long produced;
    private SimulatedEvent ready;

    SimulationRun(SimulationConfig config) {
        this.config = config;
        Dice root = new Dice(config.seed());
        Dice hostDice = root.split();
        this.scenarioDice = root.split();
        this.clockDice = root.split();
        this.ids = new EventIds(root.split());
        this.writer = new EventWriter(root.split(), config.stripEntryLeaders(), config.dottedKeyRate());
        this.orderDice = root.split();
        this.picker = new ScenarioPicker(
                new SessionScenarios(new CommandCatalog(config.attackRate(), config.nearMissRate())),
                new SequenceScenarios(),
                config.sequenceAttackRate(),
                root.split());
        this.meanGapNanos = 1e9 / config.eventsPerSecond();
        this.clockNanos = config.startNanos();
        for (HostProfile profile : HostProfile.fleet(config.hosts(), hostDice)) {
            HostState host = new HostState(profile, hostDice);
            active.add(new Active(host, picker.next(host, scenarioDice)));
        }
    }

    @Override
    public boolean hasNext() {
        if (ready == null) {
            ready = advance();
        }
        return ready != null;
    }

    @Override
    public SimulatedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SimulatedEvent out = ready;
        ready = null;
        return out;
    }

    private SimulatedEvent advance() {
        while (true) {
            boolean finished = produced >= config.events();
            SimulatedEvent event = buffer.poll(finished);
            if (event != null || finished) {
                return event;
            }
            step();
        }
    }

    private void step() {
        Active current = pickSession();
        ProcessEvent event = current.script().next(current.host(), clockNanos, scenarioDice);
        last = current;
        if (current.script().isDone()) {
            active.remove(current);
            last = null;
            replace(current.host());
        } else if (current.script().nextDelayNanos() > 0) {
            active.remove(current);
            last = null;
            waiting.add(new Waiting(clockNanos + current.script().nextDelayNanos(), waitingOrder++, current));
        }
        if (event == null) {
            return;
        }
        String eventId = ids.next();
        String json = writer.write(current.host().profile, event, clockNanos, eventId);
        PlantedSequence completed = event.mark() == null ? null : SequencePlant.record(event.mark(), eventId);
        SimulatedEvent simulated =
                new SimulatedEvent(json, current.host().hostId(), eventId, event.label(), clockNanos, completed);
        ProcessNode node = event.node();
        boolean movable = event.action() == ProcessAction.FORK || event.action() == ProcessAction.UID_CHANGE;
        boolean move = movable && orderDice.chance(config.outOfOrderRate());
        buffer.add(simulated, event.action(), node.entityId, node.parent == null ? null : node.parent.entityId, move);
        produced++;
    }

    /**
     * Advances the clock to the next event and says whose it is: a timed step that falls due before the
     * next random arrival (or while no session is free) runs at its exact time, else a random session
     * (often the last one again).
     */
    private Active pickSession() {
        long nextArrival = clockNanos + Math.max(1L, Math.round(clockDice.exponential(meanGapNanos)));
        Waiting due = waiting.peek();
        if (due != null && (due.dueNanos() <= nextArrival || active.isEmpty())) {
            waiting.poll();
            // Two timed steps due at once still get distinct, increasing timestamps.
            clockNanos = Math.max(due.dueNanos(), clockNanos + 1);
            active.add(due.session());
            return due.session();
        }
        clockNanos = nextArrival;
        boolean stay = scenarioDice.chance(BURST);
        return stay && last != null ? last : scenarioDice.pick(active);
    }

    /** A host keeps its number of concurrent sessions; right after boot it gets all of them at once. */
    private void replace(HostState host) {
        int sessions = countOn(host) == 0 ? host.profile.concurrency : 1;
        for (int i = 0; i < sessions; i++) {
            active.add(new Active(host, picker.next(host, scenarioDice)));
        }
    }

    private int countOn(HostState host) {
        int count = 0;
        for (Active a : active) {
            if (a.host() == host) {
                count++;
            }
        }
        for (Waiting w : waiting) {
            if (w.session().host() == host) {
                count++;
            }
        }
        return count;
    }
}
