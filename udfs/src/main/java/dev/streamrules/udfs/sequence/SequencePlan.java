package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.eql.CompiledEventQuery;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled EQL sequence, ready for {@link SequenceMatcher}: the stages ({@code runs} expanded), the
 * {@code until} step, the span bound, and which fields order the events.
 *
 * <p>The span bound is {@code maxspan} when the query has one, else the rule's look-back: Kibana runs
 * the query over that window, so no alert of the rule ever spans more, and it is what bounds state.
 *
 * <p>A little over 300 lines: the builder's {@code build()} states every rule a plan must satisfy in
 * one place.
 */
public final class SequencePlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Stages and the {@code until} step share one bit mask per event (a {@code long}). */
    public static final int MAX_STAGES = 63;

    public static final String DEFAULT_TIMESTAMP_FIELD = "@timestamp";
    public static final String DEFAULT_TIEBREAKER_FIELD = "event.sequence";

    private final String ruleId;
    private final List<SequenceStep> stages;
    private final SequenceStep until;
    private final Duration maxspan;
    private final Duration lookback;
    private final String timestampField;
    private final String tiebreakerField;
    private final int firstPositive;
    private final int lastPositive;
    private final int hostKeyPosition;

    private SequencePlan(Builder b) {
        this.ruleId = b.ruleId;
        this.stages = List.copyOf(b.stages);
        this.until = b.until;
        this.maxspan = b.maxspan;
        this.lookback = b.lookback;
        this.timestampField = b.timestampField;
        this.tiebreakerField = b.tiebreakerField;
        int first = -1;
        int last = -1;
        for (int i = 0; i < stages.size(); i++) {
            if (!stages.get(i).missing()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        this.firstPositive = first;
        this.lastPositive = last;
        this.hostKeyPosition = hostKeyPosition(stages, until);
    }

    public static Builder builder(String ruleId) {
        return new Builder(ruleId);
    }

    public String ruleId() {
        return ruleId;
    }

    public List<SequenceStep> stages() {
        return stages;
    }

    public int stageCount() {
        return stages.size();
    }

    public SequenceStep stage(int i) {
        return stages.get(i);
    }

    /** The {@code until} step, or {@code null}. Its bit in an event's stage mask is {@link #untilBit()}. */
    public SequenceStep until() {
        return until;
    }

    public int untilBit() {
        return stages.size();
    }

    /** {@code maxspan} in milliseconds, or the look-back when the query has none. */
    public long spanMillis() {
        return (maxspan != null ? maxspan : lookback).toMillis();
    }

    public boolean hasMaxspan() {
        return maxspan != null;
    }

    public String timestampField() {
        return timestampField;
    }

    /** The tiebreaker field, or {@code null} when events at one timestamp keep their arrival order only. */
    public String tiebreakerField() {
        return tiebreakerField;
    }

    public int firstPositive() {
        return firstPositive;
    }

    public int lastPositive() {
        return lastPositive;
    }

    public boolean missing(int stage) {
        return stage >= 0 && stage < stages.size() && stages.get(stage).missing();
    }

    /** The closest positive stage before {@code stage}, or -1. */
    public int previousPositive(int stage) {
        for (int i = stage - 1; i >= 0; i--) {
            if (!missing(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The closest positive stage after {@code stage}, or -1. */
    public int nextPositive(int stage) {
        for (int i = stage + 1; i < stages.size(); i++) {
            if (!missing(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The query starts with missing-event steps {@code ![...] [...]}. */
    public boolean hasLeadingMissing() {
        return firstPositive > 0;
    }

    /** The query ends with missing-event steps {@code [...] ![...]}. */
    public boolean hasTrailingMissing() {
        return lastPositive < stages.size() - 1;
    }

    /**
     * Every field the plan reads: the compiled conditions' fields, the join keys, the timestamp and
     * tiebreaker fields (what a projecting parser must extract for this rule).
     */
    public Set<String> fieldsRead() {
        Set<String> fields = new TreeSet<>();
        List<SequenceStep> all = new ArrayList<>(stages);
        if (until != null) {
            all.add(until);
        }
        for (SequenceStep step : all) {
            if (step.condition() instanceof CompiledEventQuery compiled) {
                fields.addAll(compiled.fieldsRead());
            }
            step.keys().forEach(k -> fields.add(k.path()));
        }
        fields.add(timestampField);
        if (tiebreakerField != null) {
            fields.add(tiebreakerField);
        }
        return fields;
    }

    /**
     * The position of {@code host.id} among the join keys when every step has it there, else -1.
     * Such sequences can run keyed by host, next to the process tree; the others are keyed by their
     * own join keys.
     */
    public int hostKeyPosition() {
        return hostKeyPosition;
    }

    private static int hostKeyPosition(List<SequenceStep> stages, SequenceStep until) {
        List<SequenceStep> all = new ArrayList<>(stages);
        if (until != null) {
            all.add(until);
        }
        int keyCount = all.get(0).keys().size();
        for (int position = 0; position < keyCount; position++) {
            boolean everywhere = true;
            for (SequenceStep step : all) {
                KeyField key = step.keys().get(position);
                everywhere &= key.path().equals("host.id") && !key.optional();
            }
            if (everywhere) {
                return position;
            }
        }
        return -1;
    }

    /** Builds a plan; {@link #build()} says what is wrong with it. */
    public static final class Builder {

        private final String ruleId;
        private final List<SequenceStep> stages = new ArrayList<>();
        private SequenceStep until;
        private Duration maxspan;
        private Duration lookback;
        private String timestampField = DEFAULT_TIMESTAMP_FIELD;
        private String tiebreakerField = DEFAULT_TIEBREAKER_FIELD;

        private Builder(String ruleId) {
            this.ruleId = ruleId;
        }

        /** Adds a step, {@code runs} times (EQL's {@code with runs=N}). */
        public Builder step(SequenceStep step, int runs) {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
            for (int i = 0; i < runs; i++) {
                stages.add(step);
            }
            return this;
        }

        public Builder step(SequenceStep step) {
            return step(step, 1);
        }

        public Builder until(SequenceStep until) {
            this.until = until;
            return this;
        }

        /** {@code with maxspan=...}; {@code null} when the query has none. */
        public Builder maxspan(Duration maxspan) {
            this.maxspan = maxspan;
            return this;
        }

        /** The rule's look-back ({@code from}, e.g. 9 minutes): the bound when there is no maxspan. */
        public Builder lookback(Duration lookback) {
            this.lookback = lookback;
            return this;
        }

        /** The rule's {@code timestamp_override}; {@code @timestamp} by default. */
        public Builder timestampField(String field) {
            this.timestampField = field;
            return this;
        }

        /** {@code event.sequence} by default; {@code null} for none (arrival order breaks ties). */
        public Builder tiebreakerField(String field) {
            this.tiebreakerField = field;
            return this;
        }

        public SequencePlan build() {
            List<String> problems = new ArrayList<>();
            if (ruleId == null || ruleId.isEmpty()) {
                problems.add("a rule id is required");
            }
            if (stages.size() < 2) {
                problems.add("a sequence needs at least 2 stages (counting runs), got " + stages.size());
            }
            if (stages.size() > MAX_STAGES) {
                problems.add("a sequence has at most " + MAX_STAGES + " stages (counting runs), got " + stages.size());
            }
            if (stages.stream().allMatch(SequenceStep::missing)) {
                problems.add("a sequence needs at least one step that is not a missing event");
            }
            if (maxspan == null && stages.stream().anyMatch(SequenceStep::missing)) {
                problems.add("a sequence with missing-event steps needs a maxspan (as in Elasticsearch)");
            }
            if (until != null && until.missing()) {
                problems.add("until cannot be a missing-event step");
            }
            if (maxspan != null && (maxspan.isNegative() || maxspan.isZero())) {
                problems.add("maxspan must be positive, got " + maxspan);
            }
            if (lookback == null || lookback.isNegative() || lookback.isZero()) {
                problems.add(
                        "a positive look-back is required (it bounds state when there is no maxspan), got " + lookback);
            }
            if (timestampField == null || timestampField.isEmpty()) {
                problems.add("a timestamp field is required");
            }
            if (!stages.isEmpty()) {
                int keys = stages.get(0).keys().size();
                for (int i = 0; i < stages.size(); i++) {
                    if (stages.get(i).keys().size() != keys) {
                        problems.add(
                                "stage " + i + " has " + stages.get(i).keys().size() + " join keys, the first stage "
                                        + keys + "; join keys pair up by position");
                    }
                }
                if (until != null && until.keys().size() != keys) {
                    problems.add("until has " + until.keys().size() + " join keys, the stages " + keys);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "invalid sequence plan for rule " + ruleId + ": " + String.join("; ", problems));
            }
            return new SequencePlan(this);
        }
    }
}
