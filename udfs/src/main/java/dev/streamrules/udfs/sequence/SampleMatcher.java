package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * EQL {@code sample by k [q1] [q2] ...} in a stream. Elasticsearch ({@code SampleIterator}) finds, for
 * every join key value set that all steps have, up to N documents per step (N = number of steps),
 * and picks N different documents, one per step, by backtracking; order and time play no part, and it
 * returns one sample per key ({@code max_samples_per_key} defaults to 1).
 *
 * <p>Streaming form: per join key, the first N events of each step are kept; as soon as N different
 * events cover the steps, the sample is emitted (events in step order) and the key starts over, so a
 * further sample for the key needs new events. Candidates older than the rule's look-back are dropped
 * (Kibana's query never sees further back), which bounds state.
 */
public final class SampleMatcher implements KeyedMatcher<SampleState> {

    private static final long serialVersionUID = 1L;

    private final SequencePlan plan;

    public SampleMatcher(SequencePlan plan) {
        if (plan.until() != null || plan.stages().stream().anyMatch(SequenceStep::missing)) {
            throw new IllegalArgumentException("a sample has neither until nor missing-event steps");
        }
        this.plan = plan;
    }

    @Override
    public SequencePlan plan() {
        return plan;
    }

    @Override
    public String kind() {
        return "sample";
    }

    @Override
    public SampleState emptyState() {
        return new SampleState();
    }

    @Override
    public TypeInformation<SampleState> stateType() {
        return TypeInformation.of(SampleState.class);
    }

    @Override
    public boolean fits(SampleState state) {
        return Arrays.stream(state.getCandidates()).allMatch(c -> c.getStage() < plan.stageCount());
    }

    @Override
    public boolean isEmpty(SampleState state) {
        return state.getCandidates().length == 0;
    }

    @Override
    public void onEvent(SampleState state, SequenceInput input, Consumer<SequenceMatch> out) {
        List<SampleCandidate> candidates = new ArrayList<>();
        for (SampleCandidate c : state.getCandidates()) {
            if (input.getTimestamp() - c.getTimestamp() <= plan.spanMillis()) {
                candidates.add(c); // within the look-back of this event, as in one Kibana query window
            }
        }
        boolean added = false;
        for (int stage = 0; stage < plan.stageCount(); stage++) {
            if (input.matches(stage) && count(candidates, stage) < plan.stageCount()) {
                candidates.add(new SampleCandidate(stage, input.getTimestamp(), input.getEvent()));
                added = true;
            }
        }
        if (!added) {
            return;
        }
        EcsEvent[] chosen = new EcsEvent[plan.stageCount()];
        if (choose(candidates, 0, chosen)) {
            state.setCandidates(new SampleCandidate[0]);
            out.accept(new SequenceMatch(plan.ruleId(), input.getJoinKey(), chosen));
        } else {
            state.setCandidates(candidates.toArray(new SampleCandidate[0]));
        }
    }

    /** One different event per step, tried in arrival order (Elasticsearch's {@code matchSample}). */
    private boolean choose(List<SampleCandidate> candidates, int stage, EcsEvent[] chosen) {
        if (stage == chosen.length) {
            return true;
        }
        for (SampleCandidate c : candidates) {
            if (c.getStage() == stage && !taken(chosen, stage, c.getEvent())) {
                chosen[stage] = c.getEvent();
                if (choose(candidates, stage + 1, chosen)) {
                    return true;
                }
            }
        }
        chosen[stage] = null;
        return false;
    }

    private static boolean taken(EcsEvent[] chosen, int upTo, EcsEvent event) {
        for (int i = 0; i < upTo; i++) {
            if (chosen[i].equals(event)) {
                return true;
            }
        }
        return false;
    }

    private static int count(List<SampleCandidate> candidates, int stage) {
        int n = 0;
        for (SampleCandidate c : candidates) {
            n += c.getStage() == stage ? 1 : 0;
        }
        return n;
    }

    @Override
    public void advanceTo(SampleState state, long time, String joinKey, Consumer<SequenceMatch> out) {
        long span = plan.spanMillis();
        SampleCandidate[] kept = Arrays.stream(state.getCandidates())
                .filter(c -> time - c.getTimestamp() < span)
                .toArray(SampleCandidate[]::new);
        state.setCandidates(kept);
    }

    @Override
    public long nextDeadline(SampleState state) {
        long deadline = Long.MAX_VALUE;
        for (SampleCandidate c : state.getCandidates()) {
            deadline = Math.min(deadline, c.getTimestamp() + plan.spanMillis());
        }
        return deadline;
    }
}
