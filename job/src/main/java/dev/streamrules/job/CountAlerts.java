package dev.streamrules.job;

import dev.streamrules.udfs.alert.Alert;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts alerts into a job accumulator (the replay summary reads it). Separate from the CEP function
 * because CEP's runtime context does not offer accumulators; chained, so it costs no network hop.
 */
public class CountAlerts extends RichMapFunction<Alert, Alert> {

    private static final long serialVersionUID = 1L;

    public static final String ALERTS = "alerts";

    private transient LongCounter alerts;

    @Override
    public void open(OpenContext openContext) {
        alerts = getRuntimeContext().getLongCounter(ALERTS);
    }

    @Override
    public Alert map(Alert alert) {
        alerts.add(1L);
        return alert;
    }
}
