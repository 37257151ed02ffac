package dev.streamrules.udfs.sequence;

/**
 * Everything {@link SequenceMatcher} keeps for one rule and one join key, explicit so an operator can
 * checkpoint it: at most one pending sequence per stage, the sequences that completed and wait out a
 * trailing missing-event step, and the last events of a leading missing-event step. A Flink POJO.
 */
public class SequenceState {

    private PendingSequence[] pending;
    private PendingSequence[] awaitingTrailing = new PendingSequence[0];
    private long lastLeadingMissing = PendingSequence.NONE;
    private long previousLeadingMissing = PendingSequence.NONE;

    public SequenceState() {}

    public static SequenceState empty(SequencePlan plan) {
        SequenceState state = new SequenceState();
        state.pending = new PendingSequence[plan.stageCount()];
        return state;
    }

    /** Nothing in flight: the state can be dropped. */
    public boolean isEmpty() {
        for (PendingSequence p : pending) {
            if (p != null) {
                return false;
            }
        }
        return awaitingTrailing.length == 0 && lastLeadingMissing == PendingSequence.NONE;
    }

    /** Pending sequences by the stage they last matched; {@code null} where none. */
    public PendingSequence[] getPending() {
        return pending;
    }

    public void setPending(PendingSequence[] pending) {
        this.pending = pending;
    }

    public PendingSequence[] getAwaitingTrailing() {
        return awaitingTrailing;
    }

    public void setAwaitingTrailing(PendingSequence[] awaitingTrailing) {
        this.awaitingTrailing = awaitingTrailing;
    }

    public long getLastLeadingMissing() {
        return lastLeadingMissing;
    }

    public void setLastLeadingMissing(long lastLeadingMissing) {
        this.lastLeadingMissing = lastLeadingMissing;
    }

    /** The latest leading missing event strictly before {@link #getLastLeadingMissing()}. */
    public long getPreviousLeadingMissing() {
        return previousLeadingMissing;
    }

    public void setPreviousLeadingMissing(long previousLeadingMissing) {
        this.previousLeadingMissing = previousLeadingMissing;
    }
}
