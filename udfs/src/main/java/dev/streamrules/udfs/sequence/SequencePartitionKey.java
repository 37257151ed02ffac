package dev.streamrules.udfs.sequence;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys the sequence operator: the host id for rules joined by {@code host.id}, else the rule's own join
 * key (the router computed it from the plan, so events without {@code host.id} are fine).
 */
public final class SequencePartitionKey implements KeySelector<SequenceInput, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(SequenceInput input) {
        return input.getPartitionKey();
    }
}
