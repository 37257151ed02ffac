package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;

/**
 * An event on its way to one sequence rule under one join key: which of the rule's stages (and its
 * {@code until}, bit {@link SequencePlan#untilBit()}) it matched with that key, and where it sorts.
 * One event yields several inputs when steps with different key fields give it different keys. A Flink
 * POJO.
 */
public class SequenceInput {

    private String ruleId;
    private String partitionKey;
    private String joinKey;
    private long stageMask;
    private long timestamp;
    private String tiebreaker;
    private EcsEvent event;

    public SequenceInput() {}

    public SequenceInput(
            String ruleId,
            String partitionKey,
            String joinKey,
            long stageMask,
            long timestamp,
            String tiebreaker,
            EcsEvent event) {
        this.ruleId = ruleId;
        this.partitionKey = partitionKey;
        this.joinKey = joinKey;
        this.stageMask = stageMask;
        this.timestamp = timestamp;
        this.tiebreaker = tiebreaker;
        this.event = event;
    }

    public boolean matches(int stage) {
        return (stageMask & (1L << stage)) != 0;
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    /** What the operator is keyed by: the host id for host-joined rules, else the join key. */
    public String getPartitionKey() {
        return partitionKey;
    }

    public void setPartitionKey(String partitionKey) {
        this.partitionKey = partitionKey;
    }

    /** The encoded join key values ({@link JoinKeys#encode}). */
    public String getJoinKey() {
        return joinKey;
    }

    public void setJoinKey(String joinKey) {
        this.joinKey = joinKey;
    }

    public long getStageMask() {
        return stageMask;
    }

    public void setStageMask(long stageMask) {
        this.stageMask = stageMask;
    }

    /** Event time in epoch milliseconds, from the rule's timestamp field. */
    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The tiebreaker field's value, or {@code null}. */
    public String getTiebreaker() {
        return tiebreaker;
    }

    public void setTiebreaker(String tiebreaker) {
        this.tiebreaker = tiebreaker;
    }

    public EcsEvent getEvent() {
        return event;
    }

    public void setEvent(EcsEvent event) {
        this.event = event;
    }

    @Override
    public String toString() {
        return "SequenceInput{" + ruleId + ", key=" + joinKey + ", stages=" + Long.toBinaryString(stageMask) + ", t="
                + timestamp + ", " + (event == null ? null : event.first("event.id")) + "}";
    }
}
