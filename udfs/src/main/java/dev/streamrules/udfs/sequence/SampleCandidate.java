package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;

/** An event that matched one step of a sample, kept until the sample forms or the look-back passes. */
public class SampleCandidate {

    private int stage;
    private long timestamp;
    private EcsEvent event;

    public SampleCandidate() {}

    SampleCandidate(int stage, long timestamp, EcsEvent event) {
        this.stage = stage;
        this.timestamp = timestamp;
        this.event = event;
    }

    public int getStage() {
        return stage;
    }

    public void setStage(int stage) {
        this.stage = stage;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    public EcsEvent getEvent() {
        return event;
    }

    public void setEvent(EcsEvent event) {
        this.event = event;
    }
}
