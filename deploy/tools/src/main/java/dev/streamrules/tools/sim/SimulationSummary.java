package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Counts of what a run produced, and the ids of the events a detection job should alert on. */
public final class SimulationSummary {

    private final int hosts;
    private long events;
    private long nearMisses;
    private final List<String> expectedAlertIds = new ArrayList<>();

    SimulationSummary(int hosts) {
        this.hosts = hosts;
    }

    void add(SimulatedEvent event) {
        events++;
        if (event.expectedAlert()) {
            expectedAlertIds.add(event.eventId());
        } else if (event.nearMiss()) {
            nearMisses++;
        }
    }

    public long events() {
        return events;
    }

    public int hosts() {
        return hosts;
    }

    public long expectedAlerts() {
        return expectedAlertIds.size();
    }

    public long nearMisses() {
        return nearMisses;
    }

    /** {@code event.id}s of the expected alerts, sorted. */
    public List<String> expectedAlertIds() {
        List<String> sorted = new ArrayList<>(expectedAlertIds);
        Collections.sort(sorted);
        return sorted;
    }

    /** The line the command prints to stderr. */
    public String line() {
        return "simulated: " + events + " events, " + hosts + " hosts, " + expectedAlerts() + " expected alerts, "
                + nearMisses + " near misses";
    }

    @Override
    public String toString() {
        return line();
    }
}
