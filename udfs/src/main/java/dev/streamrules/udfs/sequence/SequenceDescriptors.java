package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.DeadLetter;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.util.OutputTag;

/**
 * State descriptors, output tags and metric names of the sequence operator, in one place. State is
 * named per rule id, so a savepoint keeps each rule's state apart: adding or removing a rule never
 * touches another rule's.
 */
public final class SequenceDescriptors {

    /** Events behind the watermark: counted and sent here, for the dead-letter output. */
    public static final OutputTag<DeadLetter> LATE_EVENTS =
            new OutputTag<>("sequence-late-events", TypeInformation.of(DeadLetter.class));

    public static final String LATE_EVENT_REASON = "late event";

    public static final String TIMERS = "sequence-timers";

    public static final String ROUTING_UID = "sequence-routing";
    public static final String OPERATOR_UID = "sequence-rules";
    public static final String ALERTS_UID = "sequence-alerts";

    public static final String METRIC_GROUP = "sequences";
    public static final String METRIC_LATE_EVENTS = "lateEvents";
    public static final String METRIC_MATCHES = "matches";

    private static final String BUFFER_PREFIX = "sequence-buffer/";

    private SequenceDescriptors() {}

    /** Events of one rule waiting for the watermark, by timestamp, in arrival order. */
    public static MapStateDescriptor<Long, List<SequenceInput>> buffer(String ruleId) {
        return new MapStateDescriptor<>(
                BUFFER_PREFIX + ruleId, Types.LONG, new ListTypeInfo<>(TypeInformation.of(SequenceInput.class)));
    }

    /** One rule's matcher state, by join key (several join keys share a host key). */
    public static <S> MapStateDescriptor<String, S> matcherState(KeyedMatcher<S> matcher) {
        return matcherState(matcher.kind(), matcher.plan().ruleId(), matcher.stateType());
    }

    static <S> MapStateDescriptor<String, S> matcherState(String kind, String ruleId, TypeInformation<S> stateType) {
        return new MapStateDescriptor<>(kind + "-state/" + ruleId, Types.STRING, stateType);
    }
}
