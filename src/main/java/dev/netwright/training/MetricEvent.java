package dev.netwright.training;

import java.util.List;

/**
 * One message of a run's live stream: a metric point ({@code type = "metric"}) or a status change
 * ({@code type = "status"}, with {@code status} and an optional {@code message}).
 * Metric fields are null where they do not apply (accuracy for regression; validation numbers without a validation
 * split, and on progress points inside an epoch).
 */
public record MetricEvent(long runId, String type, long step, int epoch, Double loss, Double accuracy, Double learningRate,
                          Double samplesPerSec, long elapsedMs, String status, String message, Double valLoss, Double valAccuracy,
                          List<LayerStat> layers, List<ActivationStat> activations) {

    public MetricEvent(long runId, String type, long step, int epoch, Double loss, Double accuracy, Double learningRate,
                       Double samplesPerSec, long elapsedMs, String status, String message, Double valLoss, Double valAccuracy,
                       List<LayerStat> layers) {
        this(runId, type, step, epoch, loss, accuracy, learningRate, samplesPerSec, elapsedMs, status, message, valLoss, valAccuracy, layers, null);
    }

    /**
     * The output of one node over a training batch at a diagnostic step: mean, standard deviation, range, the
     * fraction of exact zeros (dead ReLUs show here) and a histogram of {@code counts.length} equal bins from
     * {@code min} to {@code max}.
     */
    public record ActivationStat(String node, double mean, double std, double min, double max, double zeroFraction, int[] counts) {
        public static final int BINS = 20;

        public static ActivationStat of(String node, float[] v) {
            double sum = 0, sq = 0;
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            int zeros = 0;
            for (float f : v) {
                sum += f;
                sq += (double) f * f;
                if (f < lo) lo = f;
                if (f > hi) hi = f;
                if (f == 0f) zeros++;
            }
            int n = Math.max(1, v.length);
            double mean = sum / n;
            double std = Math.sqrt(Math.max(0, sq / n - mean * mean));
            int[] counts = new int[BINS];
            double width = hi > lo ? (hi - (double) lo) / BINS : 1;
            for (float f : v) counts[Math.min(BINS - 1, (int) ((f - (double) lo) / width))]++;
            return new ActivationStat(node, mean, std, v.length == 0 ? 0 : lo, v.length == 0 ? 0 : hi, (double) zeros / n, counts);
        }
    }

    /**
     * Diagnostics of one parameter tensor ({@code <node>.<param>}) at the epoch's last step: the L2 norms of its
     * gradient and of its values, and the update-to-weight ratio ||Δw|| / ||w|| of that step (about 1e-3 is healthy;
     * much larger: the learning rate is too high; much smaller: the layer barely learns).
     */
    public record LayerStat(String name, double gradNorm, double weightNorm, double updateRatio) {
    }

    public static MetricEvent metric(long runId, long step, int epoch, double loss, Double accuracy, double lr,
                                     double samplesPerSec, long elapsedMs) {
        return metric(runId, step, epoch, loss, accuracy, lr, samplesPerSec, elapsedMs, null, null);
    }

    public static MetricEvent metric(long runId, long step, int epoch, double loss, Double accuracy, double lr,
                                     double samplesPerSec, long elapsedMs, Double valLoss, Double valAccuracy) {
        return new MetricEvent(runId, "metric", step, epoch, loss, accuracy, lr, samplesPerSec, elapsedMs, null, null, valLoss, valAccuracy, null, null);
    }

    public static MetricEvent status(long runId, String status, String message, long step, int epoch, long elapsedMs) {
        return new MetricEvent(runId, "status", step, epoch, null, null, null, null, elapsedMs, status, message, null, null, null, null);
    }

    /** The same event with per-layer diagnostics. */
    public MetricEvent withLayers(List<LayerStat> l) {
        return new MetricEvent(runId, type, step, epoch, loss, accuracy, learningRate, samplesPerSec, elapsedMs, status, message, valLoss,
                valAccuracy, l, activations);
    }

    /** The same event with parameter and activation diagnostics. */
    public MetricEvent withDiagnostics(List<LayerStat> l, List<ActivationStat> a) {
        return new MetricEvent(runId, type, step, epoch, loss, accuracy, learningRate, samplesPerSec, elapsedMs, status, message, valLoss,
                valAccuracy, l, a);
    }

    public boolean isMetric() {
        return "metric".equals(type);
    }
}
