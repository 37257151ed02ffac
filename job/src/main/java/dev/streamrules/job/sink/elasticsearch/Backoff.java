package dev.streamrules.job.sink.elasticsearch;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: after {@code n} consecutive failures the wait is drawn from
 * [d/2, d] where d = min(max, initial * 2^(n-1)). The jitter keeps parallel writers from retrying in
 * lock step after an outage.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private static final long WARN_INTERVAL_NANOS = 10_000_000_000L;

    private int consecutiveFailures;
    private long lastWarnNanos;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
    }

    /** Records a failure and returns how long to wait before the retry. */
    long onFailure() {
        consecutiveFailures++;
        return delayMillis(
                consecutiveFailures,
                initialMillis,
                maxMillis,
                ThreadLocalRandom.current().nextDouble());
    }

    void onSuccess() {
        consecutiveFailures = 0;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** One WARN at the start of a streak of failures and then at most one per 10 s; the rest at DEBUG. */
    boolean warnNow() {
        long now = System.nanoTime();
        boolean warn = consecutiveFailures == 1 || now - lastWarnNanos >= WARN_INTERVAL_NANOS;
        if (warn) {
            lastWarnNanos = now;
        }
        return warn;
    }

    /** The wait after {@code failures} (>= 1) consecutive failures, for a {@code random} in [0, 1). */
    static long delayMillis(int failures, long initialMillis, long maxMillis, double random) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 40);
        double ceiling = Math.min((double) maxMillis, initialMillis * Math.pow(2, doublings));
        return Math.max(1, Math.round(ceiling / 2 + random * ceiling / 2));
    }
}
