package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A planted sequence while its script plays: collects the {@code event.id}s of its events as they are
 * numbered, and yields the {@link PlantedSequence} with its last one. A sequence cut off by the end of
 * the run never yields one, which is right: its rule cannot have matched it either.
 */
final class SequencePlant {

    private final String ruleId;
    private final PlantedSequence.Kind kind;
    private final List<String> eventIds = new ArrayList<>();

    SequencePlant(String ruleId, PlantedSequence.Kind kind) {
        this.ruleId = ruleId;
        this.kind = kind;
    }

    PlantedSequence.Kind kind() {
        return kind;
    }

    SequenceMark member() {
        return new SequenceMark(this, false);
    }

    SequenceMark last() {
        return new SequenceMark(this, true);
    }

    /** Records one event; returns the finished sequence when {@code mark} is the last one, else null. */
    static PlantedSequence record(SequenceMark mark, String eventId) {
        SequencePlant plant = mark.plant();
        plant.eventIds.add(eventId);
        return mark.last() ? new PlantedSequence(plant.ruleId, plant.eventIds, plant.kind) : null;
    }
}
