package dev.streamrules.tools.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/** One generated document with the ground truth the simulator built it to be. */
public final class SimulatedEvent {

    private final String json;
    private final String hostId;
    private final String eventId;
    private final EventLabel label;
    private final long eventTimeNanos;
    private final PlantedSequence completes;

    SimulatedEvent(
            String json,
            String hostId,
            String eventId,
            EventLabel label,
            long eventTimeNanos,
            PlantedSequence completes) {
        this.json = json;
        this.hostId = hostId;
        this.eventId = eventId;
        this.label = label;
        this.eventTimeNanos = eventTimeNanos;
        this.completes = completes;
    }

    /** The document as one line of JSON, without the trailing newline. */
    public String json() {
        return json;
    }

    public byte[] jsonBytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code host.id}: the key the detection job partitions by. */
    public String hostId() {
        return hostId;
    }

    /** {@code event.id}: what an alert's {@code kibana.alert.original_event.id} points back to. */
    public String eventId() {
        return eventId;
    }

    /** True exactly for the attacks: a correct job alerts on these and on nothing else. */
    public boolean expectedAlert() {
        return label == EventLabel.ATTACK;
    }

    public boolean nearMiss() {
        return label == EventLabel.NEAR_MISS;
    }

    public EventLabel label() {
        return label;
    }

    /**
     * The planted sequence (attack or near miss) whose last event, in event time, this is; null for
     * every other event. Attacks are {@link PlantedSequence#expectedAlert()}; {@link #expectedAlert()}
     * stays about single-event alerts.
     */
    public PlantedSequence completes() {
        return completes;
    }

    /** {@code @timestamp}, full nanosecond precision. */
    public Instant timestamp() {
        return Instant.ofEpochSecond(0, eventTimeNanos);
    }

    long eventTimeNanos() {
        return eventTimeNanos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulatedEvent that
                && eventTimeNanos == that.eventTimeNanos
                && json.equals(that.json)
                && hostId.equals(that.hostId)
                && eventId.equals(that.eventId)
                && label == that.label
                && Objects.equals(completes, that.completes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, hostId, label);
    }

    @Override
    public String toString() {
        return "SimulatedEvent{" + label + ", " + json + "}";
    }
}
