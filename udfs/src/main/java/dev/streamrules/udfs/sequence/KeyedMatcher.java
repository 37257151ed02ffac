package dev.streamrules.udfs.sequence;

import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A pure matcher for one rule and one join key, fed in sequence order, with explicit state {@code S}
 * (a Flink POJO) that {@link SequenceOperator} keeps per rule and join key: {@link SequenceMatcher} for
 * sequences, {@link SampleMatcher} for samples.
 */
public interface KeyedMatcher<S> extends Serializable {

    SequencePlan plan();

    /** Names the state ({@code sequence} or {@code sample}), so a rule changing kind starts afresh. */
    String kind();

    S emptyState();

    TypeInformation<S> stateType();

    /** Feeds one input; inputs come in sequence order. Results go to {@code out}. */
    void onEvent(S state, SequenceInput input, Consumer<SequenceMatch> out);

    /** Event time reached {@code time}: every input at or before it was fed. */
    void advanceTo(S state, long time, String joinKey, Consumer<SequenceMatch> out);

    /** The earliest event time at which {@link #advanceTo} changes something, or {@link Long#MAX_VALUE}. */
    long nextDeadline(S state);

    /**
     * The state was built by this plan's shape. A rule revised between savepoints (same id, other
     * steps) finds state it cannot read; the operator starts that key afresh.
     */
    boolean fits(S state);

    /** Nothing left: the state can be dropped. */
    boolean isEmpty(S state);
}
