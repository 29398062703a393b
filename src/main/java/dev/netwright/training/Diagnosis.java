package dev.netwright.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' bias / variance diagnosis of a classifier (000 Table 1): avoidable bias = training error − Bayes error,
 * variance = validation error − training error; each is "high" above {@link #THRESHOLD} (5 percentage points, which
 * reproduces the seeds' table: 1%/11% → high variance, 15%/16% → high bias, 15%/30% → both, 0.5%/1% → neither).
 * The Bayes (or human) error is taken as 0 unless given. The training error is the last epoch's running error
 * (measured while the weights changed, in training mode), so it is an estimate.
 */
public record Diagnosis(String label, boolean highBias, boolean highVariance, double trainError, double validationError,
                        double bayesError, List<String> remedies) {
    public static final double THRESHOLD = 0.05;

    /** Null when a number is missing (regression, no validation part). */
    public static Diagnosis of(Double trainAccuracy, Double validationAccuracy, double bayesError) {
        if (trainAccuracy == null || validationAccuracy == null) return null;
        double train = 1 - trainAccuracy, dev = 1 - validationAccuracy;
        boolean bias = train - bayesError > THRESHOLD;
        boolean variance = dev - train > THRESHOLD;
        List<String> remedies = new ArrayList<>();
        if (bias) {
            remedies.add("a bigger network (more layers or units)");
            remedies.add("train longer");
            remedies.add("another optimizer or learning rate");
            remedies.add("a different architecture");
        }
        if (variance) {
            remedies.add("more data (or augmentation)");
            remedies.add("regularization (L2, dropout, early stopping)");
            if (!bias) remedies.add("a different architecture");
        }
        String label = bias && variance ? "high bias and high variance" : bias ? "high bias" : variance ? "high variance"
                : "low bias, low variance";
        return new Diagnosis(label, bias, variance, train, dev, bayesError, remedies);
    }
}
