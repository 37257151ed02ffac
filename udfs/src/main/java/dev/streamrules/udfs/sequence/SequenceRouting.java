package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** The Flink side of {@link SequenceRouter}: every sequence rule's inputs for one event. */
public final class SequenceRouting implements FlatMapFunction<EcsEvent, SequenceInput> {

    private static final long serialVersionUID = 1L;

    private final ArrayList<SequenceRouter> routers = new ArrayList<>();

    public SequenceRouting(List<SequencePlan> plans) {
        for (SequencePlan plan : plans) {
            routers.add(new SequenceRouter(plan));
        }
    }

    @Override
    public void flatMap(EcsEvent event, Collector<SequenceInput> out) {
        for (SequenceRouter router : routers) {
            for (SequenceInput input : router.route(event)) {
                out.collect(input);
            }
        }
    }
}
