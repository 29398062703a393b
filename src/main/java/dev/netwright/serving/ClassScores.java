package dev.netwright.serving;

/**
 * Reads one sample's output as class probabilities, for models that do not say whether they end in a softmax: a row
 * that already is a distribution (every value in [0, 1], summing to 1 within {@value #SUM_TOLERANCE}) is taken as it
 * is, other rows are logits and go through a softmax. A single output is the probability of class 1 when it lies in
 * [0, 1], else a logit (sigmoid); it reads as the two probabilities {@code [1 - p, p]}.
 */
public final class ClassScores {
    static final double SUM_TOLERANCE = 1e-3;

    private ClassScores() {
    }

    /** Whether {@code row} (two or more values) already is a probability distribution, e.g. a softmax output. */
    public static boolean isDistribution(float[] row) {
        if (row.length < 2) return false;
        double sum = 0;
        for (float v : row) {
            if (!(v >= 0 && v <= 1)) return false;
            sum += v;
        }
        return Math.abs(sum - 1) <= SUM_TOLERANCE;
    }

    /** The class probabilities of one output row (see the class comment); two values for a single output. */
    public static double[] probabilities(float[] row) {
        if (row.length == 0) throw new IllegalArgumentException("An output row with no values has no classes");
        if (row.length == 1) {
            double v = row[0];
            double p = v >= 0 && v <= 1 ? v : 1 / (1 + Math.exp(-v));
            return new double[]{1 - p, p};
        }
        double[] p = new double[row.length];
        if (isDistribution(row)) {
            for (int i = 0; i < row.length; i++) p[i] = row[i];
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) max = Math.max(max, v);
        double sum = 0;
        for (int i = 0; i < row.length; i++) {
            p[i] = Math.exp(row[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }

    /** The index of the largest value (the first one on ties). */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
