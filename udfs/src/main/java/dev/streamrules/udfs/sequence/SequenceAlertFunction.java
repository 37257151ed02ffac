package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.alert.SequenceAlertBuilder;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Turns each completed sequence into its Kibana alerts (shell first, then building blocks). */
public final class SequenceAlertFunction extends ProcessFunction<SequenceMatch, Alert> {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, SequenceAlertBuilder> builders;

    /** @param builders by rule id; every rule of the sequence operator needs one */
    public SequenceAlertFunction(Map<String, SequenceAlertBuilder> builders) {
        this.builders = new HashMap<>(builders);
    }

    @Override
    public void processElement(SequenceMatch match, Context ctx, Collector<Alert> out) {
        SequenceAlertBuilder builder = builders.get(match.getRuleId());
        if (builder == null) {
            throw new IllegalStateException("no alert builder for sequence rule " + match.getRuleId());
        }
        for (Alert alert : builder.build(match.getEvents(), ctx.timerService().currentProcessingTime())) {
            out.collect(alert);
        }
    }
}
