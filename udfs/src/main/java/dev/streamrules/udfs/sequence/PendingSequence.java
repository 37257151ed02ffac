package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;

/**
 * A sequence in flight for one join key: the events matched so far (indexed by stage; missing-event
 * stages stay empty) and what the missing-event checks need. A Flink POJO, part of the checkpointed
 * {@link SequenceState}.
 */
public class PendingSequence {

    /** "No such timestamp". */
    public static final long NONE = Long.MIN_VALUE;

    private EcsEvent[] events;
    private int stage;
    private long startTimestamp;
    private long lastTimestamp;
    private long gapMissingTimestamp = NONE;
    private long leadingMissingTimestamp = NONE;
    private long firstTrailingTimestamp = NONE;
    private boolean discarded;

    public PendingSequence() {}

    static PendingSequence start(int stages, int stage, long timestamp, EcsEvent event, long leadingMissing) {
        PendingSequence s = new PendingSequence();
        s.events = new EcsEvent[stages];
        s.events[stage] = event;
        s.stage = stage;
        s.startTimestamp = timestamp;
        s.lastTimestamp = timestamp;
        s.leadingMissingTimestamp = leadingMissing;
        return s;
    }

    void advance(int toStage, long timestamp, EcsEvent event) {
        events[toStage] = event;
        stage = toStage;
        lastTimestamp = timestamp;
        gapMissingTimestamp = NONE;
    }

    public EcsEvent[] getEvents() {
        return events;
    }

    public void setEvents(EcsEvent[] events) {
        this.events = events;
    }

    /** The last stage matched. */
    public int getStage() {
        return stage;
    }

    public void setStage(int stage) {
        this.stage = stage;
    }

    public long getStartTimestamp() {
        return startTimestamp;
    }

    public void setStartTimestamp(long startTimestamp) {
        this.startTimestamp = startTimestamp;
    }

    public long getLastTimestamp() {
        return lastTimestamp;
    }

    public void setLastTimestamp(long lastTimestamp) {
        this.lastTimestamp = lastTimestamp;
    }

    /** The first event of a missing-event step seen after the last match (it must not precede the next one). */
    public long getGapMissingTimestamp() {
        return gapMissingTimestamp;
    }

    public void setGapMissingTimestamp(long gapMissingTimestamp) {
        this.gapMissingTimestamp = gapMissingTimestamp;
    }

    /** The latest event of a leading missing-event step before the first match. */
    public long getLeadingMissingTimestamp() {
        return leadingMissingTimestamp;
    }

    public void setLeadingMissingTimestamp(long leadingMissingTimestamp) {
        this.leadingMissingTimestamp = leadingMissingTimestamp;
    }

    /** The first event of a trailing missing-event step after the last match. */
    public long getFirstTrailingTimestamp() {
        return firstTrailingTimestamp;
    }

    public void setFirstTrailingTimestamp(long firstTrailingTimestamp) {
        this.firstTrailingTimestamp = firstTrailingTimestamp;
    }

    /** A missing-event step saw an event inside its gap: the sequence still advances, but never alerts. */
    public boolean isDiscarded() {
        return discarded;
    }

    public void setDiscarded(boolean discarded) {
        this.discarded = discarded;
    }
}
