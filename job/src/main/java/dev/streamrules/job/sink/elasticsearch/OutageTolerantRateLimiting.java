package dev.streamrules.job.sink.elasticsearch;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;

/**
 * When the writer may start another bulk request. Healthy: at most {@code maxInFlightRequests} at
 * once. During an outage (the writer is backing off) batches wait out their backoff while they count
 * as in flight; blocking on them would make Flink's writer yield inside its buffer-timer callback
 * until Elasticsearch answers, and no checkpoint barrier gets through meanwhile. So then only the
 * number of alerts not yet settled is bounded ({@code maxUnsettled}, the buffer size): checkpoints
 * keep completing (they save those alerts) until that many alerts wait, and only then does the
 * writer back-pressure.
 */
final class OutageTolerantRateLimiting implements RateLimitingStrategy {

    private final int maxInFlightRequests;
    private final int maxBatchSize;
    private final int maxUnsettled;
    private BooleanSupplier backingOff = () -> false;
    private IntSupplier unsettledEntries = () -> 0;
    private int inFlight;

    OutageTolerantRateLimiting(int maxInFlightRequests, int maxBatchSize, int maxUnsettled) {
        this.maxInFlightRequests = maxInFlightRequests;
        this.maxBatchSize = maxBatchSize;
        this.maxUnsettled = maxUnsettled;
    }

    /** Connects the writer's state once it exists (the strategy is made before the writer). */
    void attach(BooleanSupplier backingOff, IntSupplier unsettledEntries) {
        this.backingOff = backingOff;
        this.unsettledEntries = unsettledEntries;
    }

    @Override
    public void registerInFlightRequest(RequestInfo requestInfo) {
        inFlight++;
    }

    @Override
    public void registerCompletedRequest(ResultInfo resultInfo) {
        inFlight--;
    }

    @Override
    public boolean shouldBlock(RequestInfo requestInfo) {
        if (unsettledEntries.getAsInt() + requestInfo.getBatchSize() > maxUnsettled) {
            return true;
        }
        return inFlight >= maxInFlightRequests && !backingOff.getAsBoolean();
    }

    @Override
    public int getMaxBatchSize() {
        return maxBatchSize;
    }
}
