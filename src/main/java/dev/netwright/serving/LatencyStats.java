package dev.netwright.serving;

/**
 * Recent prediction latencies of one model, in milliseconds, over the last {@code window} predictions (the numbers are
 * null while there are none).
 *
 * @param modelId the model
 * @param count   predictions recorded since the server started
 * @param window  how many of the latest predictions the numbers are computed over (at most the window size)
 * @param p50Ms   median (nearest rank)
 * @param p90Ms   90th percentile
 * @param p99Ms   99th percentile
 * @param meanMs  mean
 * @param maxMs   slowest
 */
public record LatencyStats(long modelId, long count, int window, Double p50Ms, Double p90Ms, Double p99Ms, Double meanMs,
                           Double maxMs) {
}
