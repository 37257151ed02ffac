package dev.streamrules.tools.demo;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value
 * at rank ceil(p / 100 * n) (1-based), so it is always one of the measured values and p100 is the
 * maximum.
 */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    public static Percentiles of(Collection<Long> values) {
        long[] array = new long[values.size()];
        int i = 0;
        for (Long v : values) {
            array[i++] = v;
        }
        return of(array);
    }

    public static Percentiles of(long... values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile, {@code 0 < p <= 100}; fails when there are no values. */
    public long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        // The epsilon keeps binary rounding (99.9 / 100 * 1000 = 999.0000000000001) from skipping a rank.
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1];
    }

    public long max() {
        return percentile(100);
    }

    /** {@code latency ms: p50=… p90=… p99=… max=… (n=…)}, or {@code latency ms: none (n=0)}. */
    public String line() {
        return line("latency ms");
    }

    /** {@code LABEL: p50=… p90=… p99=… max=… (n=…)}, or {@code LABEL: none (n=0)}. */
    public String line(String label) {
        if (sorted.length == 0) {
            return label + ": none (n=0)";
        }
        return label + ": p50=" + percentile(50) + " p90=" + percentile(90) + " p99=" + percentile(99) + " max=" + max()
                + " (n=" + sorted.length + ")";
    }
}
