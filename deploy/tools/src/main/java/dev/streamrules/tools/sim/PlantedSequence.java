package dev.streamrules.tools.sim;

import java.util.List;

/**
 * A sequence the simulator planted for one of the sequence rules in {@code deploy/rules/sequences}:
 * an attack the rule must alert on exactly once, or a near miss it must not alert on. Ground truth by
 * construction, like {@link EventLabel}.
 *
 * @param ruleId the rule it was planted for ({@link SequenceRules})
 * @param eventIds the {@code event.id}s of its events in event-time order: for an attack, the members
 *     of the alert; for a near miss, the events that almost make one (including the {@code until} event)
 * @param kind an attack, or how the near miss misses
 */
public record PlantedSequence(String ruleId, List<String> eventIds, Kind kind) {

    /** What was planted. */
    public enum Kind {
        /** Matches the rule: one sequence alert whose members are {@link #eventIds()}. */
        ATTACK,
        /** The right events with the right keys, but first to last longer than the rule's maxspan. */
        OUTSIDE_MAXSPAN,
        /** Within maxspan, but the last event has another join key value. */
        WRONG_KEY,
        /** Within maxspan with the right keys, but an {@code until} event of the key comes between. */
        BROKEN_BY_UNTIL
    }

    public PlantedSequence {
        eventIds = List.copyOf(eventIds);
    }

    public boolean expectedAlert() {
        return kind == Kind.ATTACK;
    }

    /** The truth file's line for an attack: {@code SEQ <rule_id> <event.id>,<event.id>...}. */
    public String truthLine() {
        return "SEQ " + ruleId + " " + String.join(",", eventIds);
    }
}
