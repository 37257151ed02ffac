package dev.streamrules.job;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Optional guard for replays of old backlogs: events whose {@code @timestamp} is older than the
 * maximum age (e.g. the scheduled rule's 9 minute look-back) are counted
 * ({@link Streams#EVENTS_TOO_OLD}) and dropped instead of alerting. Events without a timestamp pass: their age is unknown, and a
 * detection engine should not silently ignore them.
 */
class MaxEventAgeFilter extends ProcessFunction<EcsEvent, EcsEvent> {

    private static final long serialVersionUID = 1L;

    private final long maxAgeMillis;
    private transient Counter tooOld;
    private transient LongCounter tooOldTotal;

    /** {@code maxAge} is positive: {@link DetectionJob.Builder#build()} checks it. */
    MaxEventAgeFilter(Duration maxAge) {
        this.maxAgeMillis = maxAge.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        tooOld = getRuntimeContext().getMetricGroup().counter(Streams.EVENTS_TOO_OLD);
        tooOldTotal = getRuntimeContext().getLongCounter(Streams.EVENTS_TOO_OLD);
    }

    @Override
    public void processElement(EcsEvent event, Context ctx, Collector<EcsEvent> out) {
        long ts = event.getTimestampMillis();
        if (ts != EcsEvent.NO_TIMESTAMP && ctx.timerService().currentProcessingTime() - ts > maxAgeMillis) {
            tooOld.inc();
            tooOldTotal.add(1L);
        } else {
            out.collect(event);
        }
    }
}
