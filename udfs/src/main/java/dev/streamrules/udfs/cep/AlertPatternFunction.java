package dev.streamrules.udfs.cep;

import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.index.RuleSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;

/**
 * Turns each CEP match into one alert per rule of the set the event matches, stamped with the
 * detection time. Matches are rare, so asking the rule set again which rules matched costs nothing
 * that matters.
 */
public class AlertPatternFunction extends PatternProcessFunction<EcsEvent, Alert> {

    private static final long serialVersionUID = 1L;

    /**
     * Metric group key and name: {@code alerts} in group {@code rule_id=<id>} counts alerts per rule (a
     * label in Prometheus, {@code rule_id_alerts{rule_id="…"}}, not one metric name per rule).
     */
    public static final String RULE_GROUP = "rule_id";

    public static final String ALERTS = "alerts";

    private final RuleSet rules;
    private transient Map<String, AlertBuilder> builders;
    private transient Map<String, Counter> alerts;

    public AlertPatternFunction(RuleSet rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        builders = new HashMap<>();
        alerts = new HashMap<>();
        MetricGroup group = getRuntimeContext().getMetricGroup();
        for (DetectionRule rule : rules.rules()) {
            builders.put(rule.ruleId(), new AlertBuilder(rule));
            alerts.put(rule.ruleId(), group.addGroup(RULE_GROUP, rule.ruleId()).counter(ALERTS));
        }
    }

    @Override
    public void processMatch(Map<String, List<EcsEvent>> match, Context ctx, Collector<Alert> out) {
        for (EcsEvent event : match.get(RulePattern.MATCH)) {
            rules.forEachMatch(event, rule -> {
                out.collect(builders.get(rule.ruleId()).build(event, ctx.currentProcessingTime()));
                alerts.get(rule.ruleId()).inc();
            });
        }
    }
}
