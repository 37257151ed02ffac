package dev.streamrules.udfs.sequence;

import static dev.streamrules.udfs.sequence.PendingSequence.NONE;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Elasticsearch's EQL sequence matcher as a pure, streaming core (no Flink inside, like flink-cep's
 * NFA). It sees one join key's events in sequence order (timestamp, tiebreaker, arrival) and keeps
 * all it needs in an explicit {@link SequenceState}.
 *
 * <p>Elasticsearch matches stage by stage over a window: a hit of stage {@code s} takes, among the
 * key's sequences waiting at the previous stage, the latest one before it and drops every older one
 * ({@code OrdinalGroup.trimBefore}). Fed in order, that is exactly "one pending sequence per stage, a
 * newer one replaces it", which is what this class keeps. The stages of one event are tried from the
 * last to the first, so an event never advances a sequence it has just advanced (Elasticsearch requires
 * a strictly later ordinal). The rest, as Elasticsearch's {@code SequenceMatcher} and
 * {@code TumblingWindow} do it:
 * <ul>
 *   <li>maxspan: a hit more than maxspan after the sequence's first event drops it (equal is in);</li>
 *   <li>until: the key's pending sequences are dropped, also those the same event just advanced;
 *       sequences it completed stay complete;</li>
 *   <li>missing events, by timestamp only: an interior step discards a sequence when a matching event
 *       falls strictly between the neighbouring matches; a leading step when one falls before the first
 *       match and within maxspan of the last; a trailing step when one falls after the last match and
 *       within maxspan of the first; with both, only when both exist within maxspan of each other.
 *       A discarded sequence still takes its place, as Elasticsearch checks missing events after
 *       matching.</li>
 * </ul>
 * Where the query has no maxspan, the rule's look-back stands in for it ({@link SequencePlan#spanMillis()}).
 */
public final class SequenceMatcher implements KeyedMatcher<SequenceState> {

    private static final long serialVersionUID = 1L;

    private final SequencePlan plan;
    private final long span;

    public SequenceMatcher(SequencePlan plan) {
        this.plan = plan;
        this.span = plan.spanMillis();
    }

    @Override
    public SequencePlan plan() {
        return plan;
    }

    @Override
    public String kind() {
        return "sequence";
    }

    @Override
    public SequenceState emptyState() {
        return SequenceState.empty(plan);
    }

    @Override
    public TypeInformation<SequenceState> stateType() {
        return TypeInformation.of(SequenceState.class);
    }

    @Override
    public boolean fits(SequenceState state) {
        if (state.getPending() == null || state.getPending().length != plan.stageCount()) {
            return false;
        }
        for (PendingSequence p : state.getAwaitingTrailing()) {
            if (p.getEvents().length != plan.stageCount()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isEmpty(SequenceState state) {
        return state.isEmpty();
    }

    /** Feeds one input (inputs must come in sequence order); completed sequences go to {@code out}. */
    @Override
    public void onEvent(SequenceState state, SequenceInput input, Consumer<SequenceMatch> out) {
        long t = input.getTimestamp();
        EcsEvent event = input.getEvent();
        PendingSequence[] pending = state.getPending();
        for (int stage = plan.stageCount() - 1; stage >= 0; stage--) {
            if (!input.matches(stage)) {
                continue;
            }
            if (plan.missing(stage)) {
                onMissingEvent(state, stage, t);
            } else if (stage == plan.firstPositive()) {
                PendingSequence started =
                        PendingSequence.start(plan.stageCount(), stage, t, event, leadingMissingBefore(state, t));
                if (stage == plan.lastPositive()) {
                    complete(state, started, input.getJoinKey(), out);
                } else {
                    pending[stage] = started;
                }
            } else {
                advance(state, stage, t, event, input.getJoinKey(), out);
            }
        }
        if (plan.until() != null && input.matches(plan.untilBit())) {
            Arrays.fill(pending, null);
        }
    }

    private void advance(
            SequenceState state, int stage, long t, EcsEvent event, String joinKey, Consumer<SequenceMatch> out) {
        PendingSequence[] pending = state.getPending();
        int previous = plan.previousPositive(stage);
        PendingSequence sequence = pending[previous];
        if (sequence == null) {
            return;
        }
        pending[previous] = null;
        if (t - sequence.getStartTimestamp() > span) {
            return;
        }
        if (sequence.getGapMissingTimestamp() != NONE && sequence.getGapMissingTimestamp() < t) {
            sequence.setDiscarded(true);
        }
        sequence.advance(stage, t, event);
        if (stage == plan.lastPositive()) {
            complete(state, sequence, joinKey, out);
        } else {
            pending[stage] = sequence;
        }
    }

    private void onMissingEvent(SequenceState state, int stage, long t) {
        int before = plan.previousPositive(stage);
        if (before < 0) {
            if (t != state.getLastLeadingMissing()) {
                state.setPreviousLeadingMissing(state.getLastLeadingMissing());
                state.setLastLeadingMissing(t);
            }
        } else if (plan.nextPositive(stage) >= 0) {
            PendingSequence sequence = state.getPending()[before];
            if (sequence != null && t > sequence.getLastTimestamp() && sequence.getGapMissingTimestamp() == NONE) {
                sequence.setGapMissingTimestamp(t);
            }
        } else {
            for (PendingSequence done : state.getAwaitingTrailing()) {
                if (t > done.getLastTimestamp() && done.getFirstTrailingTimestamp() == NONE) {
                    done.setFirstTrailingTimestamp(t);
                }
            }
        }
    }

    /** The latest leading missing event strictly before {@code t} (events at {@code t} may precede it). */
    private static long leadingMissingBefore(SequenceState state, long t) {
        return state.getLastLeadingMissing() < t ? state.getLastLeadingMissing() : state.getPreviousLeadingMissing();
    }

    private void complete(SequenceState state, PendingSequence sequence, String joinKey, Consumer<SequenceMatch> out) {
        if (sequence.isDiscarded()) {
            return;
        }
        if (plan.hasTrailingMissing()) {
            PendingSequence[] before = state.getAwaitingTrailing();
            PendingSequence[] waiting = Arrays.copyOf(before, before.length + 1);
            waiting[waiting.length - 1] = sequence;
            state.setAwaitingTrailing(waiting);
            return;
        }
        long leading = sequence.getLeadingMissingTimestamp();
        if (plan.hasLeadingMissing() && leading != NONE && sequence.getLastTimestamp() - leading <= span) {
            return;
        }
        out.accept(match(sequence, joinKey));
    }

    /**
     * Event time has reached {@code time}: every input at or before it was fed. Drops what can no longer
     * complete and releases sequences that waited out a trailing missing-event step.
     */
    @Override
    public void advanceTo(SequenceState state, long time, String joinKey, Consumer<SequenceMatch> out) {
        PendingSequence[] pending = state.getPending();
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] != null && time - pending[i].getStartTimestamp() >= span) {
                pending[i] = null;
            }
        }
        if (state.getLastLeadingMissing() != NONE && time - state.getLastLeadingMissing() >= span) {
            state.setLastLeadingMissing(NONE);
            state.setPreviousLeadingMissing(NONE);
        }
        if (state.getAwaitingTrailing().length > 0) {
            List<PendingSequence> still = new ArrayList<>();
            for (PendingSequence done : state.getAwaitingTrailing()) {
                if (time - done.getStartTimestamp() < span) {
                    still.add(done);
                } else if (survivesEdges(done)) {
                    out.accept(match(done, joinKey));
                }
            }
            state.setAwaitingTrailing(still.toArray(new PendingSequence[0]));
        }
    }

    /** Elasticsearch's {@code doCheckMissingEvents} decision for a sequence with a trailing missing step. */
    private boolean survivesEdges(PendingSequence done) {
        long trailing = done.getFirstTrailingTimestamp();
        if (!plan.hasLeadingMissing()) {
            return trailing == NONE || trailing - done.getStartTimestamp() > span;
        }
        long leading = done.getLeadingMissingTimestamp();
        return leading == NONE || trailing == NONE || trailing - leading > span;
    }

    /** The earliest event time at which {@link #advanceTo} changes something, or {@link Long#MAX_VALUE}. */
    @Override
    public long nextDeadline(SequenceState state) {
        long deadline = Long.MAX_VALUE;
        for (PendingSequence p : state.getPending()) {
            if (p != null) {
                deadline = Math.min(deadline, p.getStartTimestamp() + span);
            }
        }
        for (PendingSequence p : state.getAwaitingTrailing()) {
            deadline = Math.min(deadline, p.getStartTimestamp() + span);
        }
        if (state.getLastLeadingMissing() != NONE) {
            deadline = Math.min(deadline, state.getLastLeadingMissing() + span);
        }
        return deadline;
    }

    private SequenceMatch match(PendingSequence sequence, String joinKey) {
        List<EcsEvent> events = new ArrayList<>();
        for (int i = 0; i < plan.stageCount(); i++) {
            if (!plan.missing(i)) {
                events.add(sequence.getEvents()[i]);
            }
        }
        return new SequenceMatch(plan.ruleId(), joinKey, events.toArray(new EcsEvent[0]));
    }
}
