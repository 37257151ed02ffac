package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.SequenceAlertBuilder;
import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one call a job needs for its sequence and sample rules: route, key, match in event time, build
 * alerts. The input must carry event-time watermarks (the source's, per partition).
 *
 * <pre>{@code
 * SequenceDetection detection = SequenceDetection.apply(events, matchers, alertBuilders);
 * detection.alerts();      // union with the single-event alerts, then the sinks
 * detection.lateEvents();  // to the dead-letter sink (reason "late event")
 * }</pre>
 */
public final class SequenceDetection {

    private final DataStream<Alert> alerts;
    private final DataStream<DeadLetter> lateEvents;

    private SequenceDetection(DataStream<Alert> alerts, DataStream<DeadLetter> lateEvents) {
        this.alerts = alerts;
        this.lateEvents = lateEvents;
    }

    /**
     * @param rules one matcher per sequence or sample rule
     * @param alertBuilders by rule id, one for each rule
     */
    public static SequenceDetection apply(
            DataStream<EcsEvent> events, List<KeyedMatcher<?>> rules, Map<String, SequenceAlertBuilder> alertBuilders) {
        for (KeyedMatcher<?> rule : rules) {
            if (!alertBuilders.containsKey(rule.plan().ruleId())) {
                throw new IllegalArgumentException(
                        "no alert builder for sequence rule " + rule.plan().ruleId());
            }
        }
        SingleOutputStreamOperator<SequenceMatch> matches = events.flatMap(
                        new SequenceRouting(
                                rules.stream().map(KeyedMatcher::plan).toList()),
                        TypeInformation.of(SequenceInput.class))
                .uid(SequenceDescriptors.ROUTING_UID)
                .name("Sequence and sample routing")
                .keyBy(new SequencePartitionKey())
                .transform(
                        "Sequences and samples (" + rules.size() + " rules)",
                        TypeInformation.of(SequenceMatch.class),
                        new SequenceOperator(rules))
                .uid(SequenceDescriptors.OPERATOR_UID);
        DataStream<Alert> alerts = matches.process(
                        new SequenceAlertFunction(alertBuilders), TypeInformation.of(Alert.class))
                .uid(SequenceDescriptors.ALERTS_UID)
                .name("Sequence alerts");
        return new SequenceDetection(alerts, matches.getSideOutput(SequenceDescriptors.LATE_EVENTS));
    }

    /** Shell and building-block alerts of every completed sequence and sample. */
    public DataStream<Alert> alerts() {
        return alerts;
    }

    /** Inputs that arrived behind the watermark, as dead letters with reason {@code late event}. */
    public DataStream<DeadLetter> lateEvents() {
        return lateEvents;
    }
}
