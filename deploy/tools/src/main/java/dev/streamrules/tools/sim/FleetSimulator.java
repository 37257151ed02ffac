package dev.streamrules.tools.sim;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Simulates a fleet of hosts running Elastic Defend and writes their process events (fork, exec,
 * end, uid_change) as Elastic would ship them, with known attacks and near misses of the "Suspicious
 * /proc/maps Discovery" rule mixed into realistic background activity, and, on request, sequence
 * attacks and near misses of the rules in {@code deploy/rules/sequences} ({@link SequenceRules},
 * {@link PlantedSequence}). Each event says whether a correct detection job must alert on it; that
 * truth comes from how the event was built, not from any matcher, so it can score one.
 *
 * <p>Deterministic: the same settings give the same events, byte for byte. Every {@link #iterator()}
 * replays the run from the start.
 *
 * <pre>{@code
 * FleetSimulator sim = FleetSimulator.builder().hosts(20).events(10_000).seed(7).attackRate(0.02).build();
 * sim.generate(event -> producer.send(event.hostId(), event.json()));
 * }</pre>
 */
public final class FleetSimulator implements Iterable<SimulatedEvent> {

    private final SimulationConfig config;

    private FleetSimulator(SimulationConfig config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Iterator<SimulatedEvent> iterator() {
        return new SimulationRun(config);
    }

    public Stream<SimulatedEvent> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Runs the whole simulation into {@code sink}; do not call on an {@link Builder#unbounded()} simulator. */
    public SimulationSummary generate(Consumer<? super SimulatedEvent> sink) {
        requireBounded();
        SimulationSummary summary = new SimulationSummary(config.hosts());
        for (SimulatedEvent event : this) {
            sink.accept(event);
            summary.add(event);
        }
        return summary;
    }

    /** Writes every event as one line of NDJSON ({@code \n}-terminated); does not close {@code out}. */
    public SimulationSummary writeNdjson(Writer out) throws IOException {
        requireBounded();
        SimulationSummary summary = new SimulationSummary(config.hosts());
        for (SimulatedEvent event : this) {
            out.write(event.json());
            out.write('\n');
            summary.add(event);
        }
        out.flush();
        return summary;
    }

    private void requireBounded() {
        if (config.events() == Long.MAX_VALUE) {
            throw new IllegalStateException("an unbounded simulator never finishes: use iterator() or stream()");
        }
    }

    public int hosts() {
        return config.hosts();
    }

    public long events() {
        return config.events();
    }

    public long seed() {
        return config.seed();
    }

    SimulationConfig config() {
        return config;
    }

    /** Command-line entry point; see {@code --help}. */
    public static void main(String[] args) {
        int status = SimulatorCommandLine.run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Settings with defaults that match the command line's; {@link #build()} checks them. */
    public static final class Builder {
        private int hosts = 20;
        private long events = 10_000;
        private long seed = 1;
        private double attackRate = 0.01;
        private double nearMissRate = 0.05;
        private double dottedKeyRate = 0.1;
        private boolean stripEntryLeaders;
        private double outOfOrderRate;
        private Instant start = Instant.parse("2026-11-01T00:00:00Z");
        private double eventsPerSecond = 100;
        private double sequenceAttackRate;

        Builder() {}

        /** Number of hosts in the fleet (at least 1). Every fifth role is a macOS laptop. */
        public Builder hosts(int count) {
            hosts = count;
            return this;
        }

        /** Total events (lines) to produce, 0 or more. */
        public Builder events(long count) {
            events = count;
            return this;
        }

        /** Never stop: for benchmarks and producers that pull from {@link #iterator()} or {@link #stream()}. */
        public Builder unbounded() {
            events = Long.MAX_VALUE;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Fraction of commands typed in interactive Linux shell sessions that are attacks. */
        public Builder attackRate(double fraction) {
            attackRate = fraction;
            return this;
        }

        /** Fraction of commands, anywhere, that are near misses (lookalikes that must not alert). */
        public Builder nearMissRate(double fraction) {
            nearMissRate = fraction;
            return this;
        }

        /** Fraction of documents with some fields written as dotted keys instead of nested objects. */
        public Builder dottedKeyRate(double fraction) {
            dottedKeyRate = fraction;
            return this;
        }

        /**
         * Drop {@code process.entry_leader}, {@code session_leader} and {@code group_leader} from every
         * event except those of processes that lead their own session, so that consumers must resolve
         * leaders from process-tree state.
         */
        public Builder stripEntryLeaders(boolean strip) {
            stripEntryLeaders = strip;
            return this;
        }

        /** Fraction of child forks delivered just before their parent's exec (with the child's exec), within 2 s. */
        public Builder outOfOrderRate(double fraction) {
            outOfOrderRate = fraction;
            return this;
        }

        /**
         * Fraction of new sessions on Linux hosts that plant a sequence attack for {@link SequenceRules}; as
         * many again plant a near miss. At most 0.5; 0 (the default) gives the same events as before
         * sequences existed.
         */
        public Builder sequenceAttackRate(double fraction) {
            sequenceAttackRate = fraction;
            return this;
        }

        /** Event time of the first event. */
        public Builder start(Instant instant) {
            start = instant;
            return this;
        }

        /** Mean rate of simulated event time: 100 gives events about 10 ms apart. */
        public Builder eventsPerSecond(double rate) {
            eventsPerSecond = rate;
            return this;
        }

        public FleetSimulator build() {
            if (hosts < 1) {
                throw new IllegalArgumentException("hosts must be at least 1, got " + hosts);
            }
            if (events < 0) {
                throw new IllegalArgumentException("events must not be negative, got " + events);
            }
            fraction("attack rate", attackRate);
            fraction("near-miss rate", nearMissRate);
            fraction("dotted-key rate", dottedKeyRate);
            fraction("out-of-order rate", outOfOrderRate);
            fraction("sequence attack rate", sequenceAttackRate);
            if (sequenceAttackRate > 0.5) {
                throw new IllegalArgumentException("sequence attack rate must not exceed 0.5 (as many near misses are "
                        + "planted), got " + sequenceAttackRate);
            }
            if (attackRate + nearMissRate > 1.0) {
                throw new IllegalArgumentException(
                        "attack rate plus near-miss rate must not exceed 1, got " + (attackRate + nearMissRate));
            }
            if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
                throw new IllegalArgumentException(
                        "events per second must be a positive number, got " + eventsPerSecond);
            }
            Objects.requireNonNull(start, "start");
            try {
                SimulationConfig config = new SimulationConfig(
                        hosts,
                        events,
                        seed,
                        attackRate,
                        nearMissRate,
                        dottedKeyRate,
                        stripEntryLeaders,
                        outOfOrderRate,
                        start,
                        eventsPerSecond,
                        sequenceAttackRate);
                config.startNanos();
                return new FleetSimulator(config);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("start is out of range: " + start);
            }
        }

        private static void fraction(String name, double value) {
            if (!(value >= 0.0 && value <= 1.0)) {
                throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
            }
        }
    }
}
