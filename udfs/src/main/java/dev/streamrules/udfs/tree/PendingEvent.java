package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;

/**
 * An event parked while an ancestor's own event may still arrive. A Flink POJO (no Kryo); keeps
 * the record's timestamp so the event leaves with the timestamp it came with.
 */
public class PendingEvent {

    private EcsEvent event;
    private long arrivedAt;
    private long deadline;
    private boolean timestamped;
    private long timestamp;

    public PendingEvent() {}

    public PendingEvent(EcsEvent event, long arrivedAt, long deadline, boolean timestamped, long timestamp) {
        this.event = event;
        this.arrivedAt = arrivedAt;
        this.deadline = deadline;
        this.timestamped = timestamped;
        this.timestamp = timestamp;
    }

    public EcsEvent getEvent() {
        return event;
    }

    public void setEvent(EcsEvent event) {
        this.event = event;
    }

    /** Processing time the event arrived. */
    public long getArrivedAt() {
        return arrivedAt;
    }

    public void setArrivedAt(long arrivedAt) {
        this.arrivedAt = arrivedAt;
    }

    /** Processing time at which the event stops waiting. */
    public long getDeadline() {
        return deadline;
    }

    public void setDeadline(long deadline) {
        this.deadline = deadline;
    }

    public boolean isTimestamped() {
        return timestamped;
    }

    public void setTimestamped(boolean timestamped) {
        this.timestamped = timestamped;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public String toString() {
        return "PendingEvent{" + event + ", deadline=" + deadline + "}";
    }
}
