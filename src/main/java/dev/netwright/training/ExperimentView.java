package dev.netwright.training;

import java.time.Instant;
import java.util.List;

/**
 * A cross-validation as the API shows it: its k runs, whether all have ended, and per metric (of each fold's last
 * epoch) the values, mean and sample standard deviation over the finished folds. The cross-validation risk of the
 * seeds is {@code valLoss.mean}.
 */
public record ExperimentView(long id, long projectId, String kind, long modelVersionId, String datasetId, int k,
                             RunConfig config, String status, List<RunView> runs, Summary valLoss, Summary valAccuracy,
                             Summary loss, Summary accuracy, Instant createdAt) {

    /** Mean ± std (n − 1) of a metric over the folds that finished; null when no fold reports it. */
    public record Summary(List<Double> values, double mean, double std) {
        static Summary of(List<Double> values) {
            List<Double> v = values.stream().filter(x -> x != null && Double.isFinite(x)).toList();
            if (v.isEmpty()) return null;
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            return new Summary(v, mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0);
        }
    }
}
