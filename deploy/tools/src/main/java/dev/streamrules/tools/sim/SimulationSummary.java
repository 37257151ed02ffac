package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Counts of what a run produced, and the events and planted sequences a detection job should alert on. */
public final class SimulationSummary {

    private final int hosts;
    private long events;
    private long nearMisses;
    private final List<String> expectedAlertIds = new ArrayList<>();
    private final List<PlantedSequence> sequences = new ArrayList<>();

    SimulationSummary(int hosts) {
        this.hosts = hosts;
    }

    void add(SimulatedEvent event) {
        events++;
        if (event.completes() != null) {
            sequences.add(event.completes());
        }
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

    /** Planted sequence attacks, each of which must give one sequence alert, ordered by their truth lines. */
    public List<PlantedSequence> expectedSequences() {
        return sequences(true);
    }

    /** Planted sequence near misses, which must give none, ordered by their event ids. */
    public List<PlantedSequence> sequenceNearMisses() {
        return sequences(false);
    }

    private List<PlantedSequence> sequences(boolean attacks) {
        return sequences.stream()
                .filter(s -> s.expectedAlert() == attacks)
                .sorted(Comparator.comparing(PlantedSequence::truthLine))
                .toList();
    }

    /**
     * The truth file: the sorted {@code event.id}s of the expected single-event alerts, then one sorted
     * {@code SEQ <rule_id> <event.id>,...} line per expected sequence alert.
     */
    public List<String> truthLines() {
        List<String> lines = expectedAlertIds();
        expectedSequences().forEach(s -> lines.add(s.truthLine()));
        return lines;
    }

    /** The line the command prints to stderr; it names sequences only when some were planted. */
    public String line() {
        String line = "simulated: " + events + " events, " + hosts + " hosts, " + expectedAlerts()
                + " expected alerts, " + nearMisses + " near misses";
        if (sequences.isEmpty()) {
            return line;
        }
        return line + ", " + expectedSequences().size() + " sequence attacks, "
                + sequenceNearMisses().size() + " sequence near misses";
    }

    @Override
    public String toString() {
        return line();
    }
}
