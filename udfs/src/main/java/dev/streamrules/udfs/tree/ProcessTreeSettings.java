package dev.streamrules.udfs.tree;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timings of the per-host process-tree state. Immutable; build with {@link #builder()},
 * whose {@link Builder#build()} rejects values that would make state unbounded or the operator stall.
 *
 * <p>Durations are measured on the operator's {@link Clock}: by default processing time (its wall
 * clock), because live, waiting and eviction are about how long state is held; a replay keeps time
 * by its events instead (see {@link Clock#EVENT_TIME}).
 *
 * <p>Over 300 lines on purpose: each setting's default, getter, builder setter and check, and the
 * value's equality, live in one place so that none can be added half-way.
 */
public final class ProcessTreeSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the waits, the linger and the idle TTL are measured on. */
    public enum Clock {
        /** The operator's wall clock: a live stream, whose events arrive about when they happen. */
        PROCESSING_TIME,
        /**
         * The newest event time the operator has seen, its timers firing as the watermark passes
         * them: a replay or a backfill, which reads hours of events in seconds. On the wall clock
         * such a run would keep every process it ever saw (nothing lingers 5 minutes in a 30-second
         * run) and its verdicts would depend on the machine's speed; on the events' clock it holds
         * and decides what the live job would have. The input must carry watermarks.
         */
        EVENT_TIME
    }

    public static final Duration DEFAULT_PARENT_WAIT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_WAITING_PER_HOST = 1_000;
    public static final Duration DEFAULT_ENDED_LINGER = Duration.ofMinutes(5);
    public static final Duration DEFAULT_IDLE_TTL = Duration.ofHours(24);
    public static final int DEFAULT_MAX_PROCESSES_PER_HOST = 10_000;
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ANCESTRY_DEPTH = 64;
    public static final int DEFAULT_ANCESTRY_IN_OUTPUT = 10;
    public static final int DEFAULT_MAX_ARGS = 8;
    public static final int DEFAULT_MAX_ARGS_CHARS = 256;

    private final long parentWaitMillis;
    private final int maxWaitingPerHost;
    private final long endedLingerMillis;
    private final long idleTtlMillis;
    private final int maxProcessesPerHost;
    private final long sweepIntervalMillis;
    private final int maxAncestryDepth;
    private final int ancestryInOutput;
    private final int maxArgs;
    private final int maxArgsChars;
    private final Clock clock;

    private ProcessTreeSettings(Builder b) {
        this.parentWaitMillis = b.parentWait.toMillis();
        this.maxWaitingPerHost = b.maxWaitingPerHost;
        this.endedLingerMillis = b.endedLinger.toMillis();
        this.idleTtlMillis = b.idleTtl.toMillis();
        this.maxProcessesPerHost = b.maxProcessesPerHost;
        this.sweepIntervalMillis = b.sweepInterval.toMillis();
        this.maxAncestryDepth = b.maxAncestryDepth;
        this.ancestryInOutput = b.ancestryInOutput;
        this.maxArgs = b.maxArgs;
        this.maxArgsChars = b.maxArgsChars;
        this.clock = b.clock;
    }

    /** The documented defaults (see {@code docs/process-tree.md}). */
    public static ProcessTreeSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .parentWait(Duration.ofMillis(parentWaitMillis))
                .maxWaitingPerHost(maxWaitingPerHost)
                .endedLinger(Duration.ofMillis(endedLingerMillis))
                .idleTtl(Duration.ofMillis(idleTtlMillis))
                .maxProcessesPerHost(maxProcessesPerHost)
                .sweepInterval(Duration.ofMillis(sweepIntervalMillis))
                .maxAncestryDepth(maxAncestryDepth)
                .ancestryInOutput(ancestryInOutput)
                .maxArgs(maxArgs)
                .maxArgsChars(maxArgsChars)
                .clock(clock);
    }

    /** How long an event whose ancestry is incomplete waits for the missing ancestor. */
    public long parentWaitMillis() {
        return parentWaitMillis;
    }

    /** Waiting events per host; beyond it events are evaluated at once with what is known. */
    public int maxWaitingPerHost() {
        return maxWaitingPerHost;
    }

    /** How long an ended process stays in the tree so that late children still resolve. */
    public long endedLingerMillis() {
        return endedLingerMillis;
    }

    /** A process never seen to end is dropped after this long with neither it nor a descendant active. */
    public long idleTtlMillis() {
        return idleTtlMillis;
    }

    /** Processes kept per host; beyond it ended ones go first, then the least recently used. */
    public int maxProcessesPerHost() {
        return maxProcessesPerHost;
    }

    /** Least spacing of a host's eviction sweeps: evictions happen up to this late. */
    public long sweepIntervalMillis() {
        return sweepIntervalMillis;
    }

    /** Ancestors walked at most when looking for an entry leader. */
    public int maxAncestryDepth() {
        return maxAncestryDepth;
    }

    /** Ancestors listed in the enrichment's {@code process_tree.ancestry}. */
    public int ancestryInOutput() {
        return ancestryInOutput;
    }

    /** Arguments kept per process. */
    public int maxArgs() {
        return maxArgs;
    }

    /** Characters of arguments kept per process, all arguments together. */
    public int maxArgsChars() {
        return maxArgsChars;
    }

    /** What durations are measured on. */
    public Clock clock() {
        return clock;
    }

    /**
     * How stale a node's last-access time may get before a lookup rewrites it. Refreshing on every
     * read would turn each lookup into a state write; a fraction of the TTL is precise enough.
     */
    public long touchGranularityMillis() {
        return Math.max(1L, Math.min(idleTtlMillis / 64, 60_000L));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProcessTreeSettings)) {
            return false;
        }
        ProcessTreeSettings s = (ProcessTreeSettings) o;
        return parentWaitMillis == s.parentWaitMillis
                && maxWaitingPerHost == s.maxWaitingPerHost
                && endedLingerMillis == s.endedLingerMillis
                && idleTtlMillis == s.idleTtlMillis
                && maxProcessesPerHost == s.maxProcessesPerHost
                && sweepIntervalMillis == s.sweepIntervalMillis
                && maxAncestryDepth == s.maxAncestryDepth
                && ancestryInOutput == s.ancestryInOutput
                && maxArgs == s.maxArgs
                && maxArgsChars == s.maxArgsChars
                && clock == s.clock;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                parentWaitMillis,
                maxWaitingPerHost,
                endedLingerMillis,
                idleTtlMillis,
                maxProcessesPerHost,
                sweepIntervalMillis,
                maxAncestryDepth,
                ancestryInOutput,
                maxArgs,
                maxArgsChars,
                clock);
    }

    @Override
    public String toString() {
        return "ProcessTreeSettings{parentWait=" + parentWaitMillis + "ms"
                + ", maxWaitingPerHost=" + maxWaitingPerHost
                + ", endedLinger=" + endedLingerMillis + "ms"
                + ", idleTtl=" + idleTtlMillis + "ms"
                + ", maxProcessesPerHost=" + maxProcessesPerHost
                + ", sweepInterval=" + sweepIntervalMillis + "ms"
                + ", maxAncestryDepth=" + maxAncestryDepth
                + ", ancestryInOutput=" + ancestryInOutput
                + ", maxArgs=" + maxArgs
                + ", maxArgsChars=" + maxArgsChars
                + ", clock=" + clock + "}";
    }

    /** Collects settings; every setter is optional and {@link #build()} validates the whole. */
    public static final class Builder {
        private Duration parentWait = DEFAULT_PARENT_WAIT;
        private int maxWaitingPerHost = DEFAULT_MAX_WAITING_PER_HOST;
        private Duration endedLinger = DEFAULT_ENDED_LINGER;
        private Duration idleTtl = DEFAULT_IDLE_TTL;
        private int maxProcessesPerHost = DEFAULT_MAX_PROCESSES_PER_HOST;
        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
        private int maxAncestryDepth = DEFAULT_MAX_ANCESTRY_DEPTH;
        private int ancestryInOutput = DEFAULT_ANCESTRY_IN_OUTPUT;
        private int maxArgs = DEFAULT_MAX_ARGS;
        private int maxArgsChars = DEFAULT_MAX_ARGS_CHARS;
        private Clock clock = Clock.PROCESSING_TIME;

        Builder() {}

        public Builder parentWait(Duration parentWait) {
            this.parentWait = parentWait;
            return this;
        }

        public Builder maxWaitingPerHost(int maxWaitingPerHost) {
            this.maxWaitingPerHost = maxWaitingPerHost;
            return this;
        }

        public Builder endedLinger(Duration endedLinger) {
            this.endedLinger = endedLinger;
            return this;
        }

        public Builder idleTtl(Duration idleTtl) {
            this.idleTtl = idleTtl;
            return this;
        }

        public Builder maxProcessesPerHost(int maxProcessesPerHost) {
            this.maxProcessesPerHost = maxProcessesPerHost;
            return this;
        }

        public Builder sweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
            return this;
        }

        public Builder maxAncestryDepth(int maxAncestryDepth) {
            this.maxAncestryDepth = maxAncestryDepth;
            return this;
        }

        public Builder ancestryInOutput(int ancestryInOutput) {
            this.ancestryInOutput = ancestryInOutput;
            return this;
        }

        public Builder maxArgs(int maxArgs) {
            this.maxArgs = maxArgs;
            return this;
        }

        public Builder maxArgsChars(int maxArgsChars) {
            this.maxArgsChars = maxArgsChars;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public ProcessTreeSettings build() {
            if (clock == null) {
                throw new IllegalArgumentException("clock must be set, was null");
            }
            requirePositive("parentWait", parentWait);
            requirePositive("endedLinger", endedLinger);
            requirePositive("idleTtl", idleTtl);
            requirePositive("sweepInterval", sweepInterval);
            requireAtLeast("maxWaitingPerHost", maxWaitingPerHost, 1);
            requireAtLeast("maxProcessesPerHost", maxProcessesPerHost, 1);
            requireAtLeast("maxAncestryDepth", maxAncestryDepth, 1);
            requireAtLeast("maxArgs", maxArgs, 1);
            requireAtLeast("maxArgsChars", maxArgsChars, 1);
            if (ancestryInOutput < 0 || ancestryInOutput > maxAncestryDepth) {
                throw new IllegalArgumentException("ancestryInOutput must be between 0 and maxAncestryDepth ("
                        + maxAncestryDepth + "), was " + ancestryInOutput);
            }
            return new ProcessTreeSettings(this);
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must be set, was null");
            }
            if (value.isNegative() || value.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
            }
        }

        private static void requireAtLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
            }
        }
    }
}
