package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.EventCondition;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one call a job needs: put process-tree enrichment between {@code keyBy(host.id)} and the
 * rule's CEP operator.
 *
 * <pre>{@code
 * KeyedStream<EcsEvent, String> byHost = events.keyBy(EcsEvent::getHostId);
 * SingleOutputStreamOperator<EcsEvent> enriched = ProcessTreeEnrichment.apply(byHost, ProcessTreeSettings.defaults());
 * // each event leaves on the subtask that owns its host, so the output is still partitioned by host:
 * // DataStreamUtils.reinterpretAsKeyedStream(enriched, EcsEvent::getHostId) keys it without a shuffle
 * }</pre>
 */
public final class ProcessTreeEnrichment {

    private ProcessTreeEnrichment() {}

    /**
     * Adds the enrichment operator, uid {@value ProcessTreeState#UID}, name {@value ProcessTreeState#NAME},
     * output type {@code TypeInformation.of(EcsEvent.class)} (a POJO type, no Kryo).
     */
    public static SingleOutputStreamOperator<EcsEvent> apply(
            KeyedStream<EcsEvent, String> byHost, ProcessTreeSettings settings) {
        return apply(byHost, settings, null);
    }

    /** As above, building enrichment only for events satisfying {@code candidates} (null: all). */
    public static SingleOutputStreamOperator<EcsEvent> apply(
            KeyedStream<EcsEvent, String> byHost, ProcessTreeSettings settings, EventCondition candidates) {
        return apply(byHost, settings, candidates, null);
    }

    /**
     * As above, writing the enrichment object only on events {@code alerting} accepts once their
     * fields are filled (null: all candidates): pass the rules' own match when only alerts read it.
     */
    public static SingleOutputStreamOperator<EcsEvent> apply(
            KeyedStream<EcsEvent, String> byHost,
            ProcessTreeSettings settings,
            EventCondition candidates,
            EventCondition alerting) {
        return byHost.transform(
                        ProcessTreeState.NAME,
                        TypeInformation.of(EcsEvent.class),
                        new ProcessTreeOperator(settings, candidates, alerting))
                .uid(ProcessTreeState.UID)
                .name(ProcessTreeState.NAME);
    }

    /**
     * Watermarks for a tree on {@link ProcessTreeSettings.Clock#EVENT_TIME} whose input carries none
     * (a replay): from each event's {@code @timestamp}, allowing {@code outOfOrderness}. An event
     * without one keeps the tree's clock where it is.
     */
    public static WatermarkStrategy<EcsEvent> eventTime(Duration outOfOrderness) {
        return WatermarkStrategy.<EcsEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new TimestampOfEvent());
    }

    private static final class TimestampOfEvent implements SerializableTimestampAssigner<EcsEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(EcsEvent event, long recordTimestamp) {
            // NO_TIMESTAMP is Long.MIN_VALUE: below every clock, so it never moves one
            return event.getTimestampMillis();
        }
    }
}
