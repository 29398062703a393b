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
                          List<LayerStat> layers) {

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
        return new MetricEvent(runId, "metric", step, epoch, loss, accuracy, lr, samplesPerSec, elapsedMs, null, null, valLoss, valAccuracy, null);
    }

    public static MetricEvent status(long runId, String status, String message, long step, int epoch, long elapsedMs) {
        return new MetricEvent(runId, "status", step, epoch, null, null, null, null, elapsedMs, status, message, null, null, null);
    }

    /** The same event with per-layer diagnostics. */
    public MetricEvent withLayers(List<LayerStat> l) {
        return new MetricEvent(runId, type, step, epoch, loss, accuracy, learningRate, samplesPerSec, elapsedMs, status, message, valLoss,
                valAccuracy, l);
    }

    public boolean isMetric() {
        return "metric".equals(type);
    }
}
