package dev.netwright.serving;

import java.util.Arrays;

/**
 * The latencies of the last {@code capacity} predictions of one model in a ring buffer; {@link #stats} sorts a copy.
 * Thread-safe: {@link #record} is a few stores under a lock, so predictions on many threads barely wait for it.
 */
final class LatencyWindow {
    private final long[] nanos;
    private long count;

    LatencyWindow(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("A latency window holds at least 1 prediction. Received: " + capacity);
        this.nanos = new long[capacity];
    }

    synchronized void record(long elapsedNanos) {
        nanos[(int) (count % nanos.length)] = Math.max(0, elapsedNanos);
        count++;
    }

    /** Count, percentiles (nearest rank), mean and max of the window. */
    LatencyStats stats(long modelId) {
        long[] copy;
        long total;
        synchronized (this) {
            total = count;
            copy = Arrays.copyOf(nanos, (int) Math.min(count, nanos.length));
        }
        if (copy.length == 0) return new LatencyStats(modelId, 0, 0, null, null, null, null, null);
        Arrays.sort(copy);
        double sum = 0;
        for (long v : copy) sum += v;
        return new LatencyStats(modelId, total, copy.length, ms(percentile(copy, 50)), ms(percentile(copy, 90)),
                ms(percentile(copy, 99)), ms(sum / copy.length), ms(copy[copy.length - 1]));
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p% of the values at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1e3) / 1e3; // microsecond resolution
    }
}
