package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.eql.EventCondition;
import java.io.Serializable;
import java.util.List;

/**
 * One stage of a compiled sequence: its condition, its join keys (the sequence-level keys followed by
 * the step's own, joined positionally with the other steps') and whether it is a missing-event step
 * {@code ![...]}. A step written {@code with runs=N} is N stages.
 */
public final class SequenceStep implements Serializable {

    private static final long serialVersionUID = 1L;

    private final EventCondition condition;
    private final List<KeyField> keys;
    private final boolean missing;

    public SequenceStep(EventCondition condition, List<KeyField> keys, boolean missing) {
        if (condition == null) {
            throw new IllegalArgumentException("a sequence step needs a condition");
        }
        this.condition = condition;
        this.keys = List.copyOf(keys);
        this.missing = missing;
    }

    public EventCondition condition() {
        return condition;
    }

    public List<KeyField> keys() {
        return keys;
    }

    public boolean missing() {
        return missing;
    }
}
