package dev.streamrules.udfs.cep;

import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.DetectionRule;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;

/** Turns each CEP match of a single-event rule into an alert, stamped with the detection time. */
public class AlertPatternFunction extends PatternProcessFunction<EcsEvent, Alert> {

    private static final long serialVersionUID = 1L;

    /** Metric name for alerts emitted. CEP's runtime context has no accumulators: count downstream. */
    public static final String ALERTS = "alerts";

    private final AlertBuilder builder;
    private transient Counter alerts;

    public AlertPatternFunction(DetectionRule rule) {
        this.builder = new AlertBuilder(rule);
    }

    @Override
    public void open(OpenContext openContext) {
        alerts = getRuntimeContext().getMetricGroup().counter(ALERTS);
    }

    @Override
    public void processMatch(Map<String, List<EcsEvent>> match, Context ctx, Collector<Alert> out) {
        for (EcsEvent event : match.get(RulePattern.MATCH)) {
            out.collect(builder.build(event, ctx.currentProcessingTime()));
            alerts.inc();
        }
    }
}
