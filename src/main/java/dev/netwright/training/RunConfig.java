package dev.netwright.training;

import dev.netwright.data.Augmentation;
import dev.netwright.data.Scaling;
import dev.netwright.data.SplitSpec;
import dev.netwright.engine.optim.LrSchedule;
import dev.netwright.engine.optim.Optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to train: optimizer by name (see {@link Optimizers#NAMES}), learning rate, epochs, batch size, the seed
 * that makes a run reproducible (weights, shuffling, dropout masks), an optional learning-rate schedule
 * (null: constant), the split (null: the data set's own), the input scaling fitted on the training split
 * (null: none) and image augmentation applied to training batches (null: none).
 */
public record RunConfig(String optimizer, double learningRate, int epochs, int batchSize, long seed, Schedule schedule,
                        SplitSpec split, Scaling scaling, Augmentation augmentation, Regularization regularization,
                        EarlyStopping earlyStopping, Fold fold) {

    /**
     * One run of a k-fold cross-validation: fold {@code index} (0-based) of {@code k} is the validation part, the
     * other folds the training part (replaces {@code split}).
     */
    public record Fold(int k, int index, long seed, boolean stratified) {
    }

    /**
     * Penalties on the weights (parameters named {@code *.weight}; biases, norm scales and slopes are left alone):
     * {@code l1·Σ|w| + l2/2·Σw²} added to the loss (the reported loss stays the data loss); gradient clipping by the
     * global L2 norm of all gradients ({@code clipNorm}) and by value ({@code clipValue}); null or 0 turns each off.
     */
    public record Regularization(Double l1, Double l2, Double clipNorm, Double clipValue) {
        double l1OrZero() {
            return l1 == null ? 0 : l1;
        }

        double l2OrZero() {
            return l2 == null ? 0 : l2;
        }
    }

    /**
     * Stop when {@code metric} (val_loss, val_accuracy, loss or accuracy) has not improved by more than
     * {@code minDelta} for {@code patience} epochs; with {@code restoreBest} the model keeps the best epoch's weights.
     */
    public record EarlyStopping(String metric, int patience, Double minDelta, Boolean restoreBest) {
        public static final List<String> METRICS = List.of("val_loss", "val_accuracy", "loss", "accuracy");

        boolean higherIsBetter() {
            return metric.endsWith("accuracy");
        }
    }

    /**
     * A learning-rate schedule stepped once per epoch: {@code type} constant, step, exponential, cosine or plateau
     * (plateau watches the epoch's training loss), with its options (step_size, gamma, t_max, eta_min, factor,
     * patience, threshold, min_lr).
     */
    public record Schedule(String type, Map<String, Double> options) {
        public LrSchedule create(double baseLr) {
            return LrSchedule.create(type, baseLr, options == null ? Map.of() : options);
        }
    }

    public RunConfig(String optimizer, double learningRate, int epochs, int batchSize, long seed) {
        this(optimizer, learningRate, epochs, batchSize, seed, null);
    }

    public RunConfig(String optimizer, double learningRate, int epochs, int batchSize, long seed, Schedule schedule) {
        this(optimizer, learningRate, epochs, batchSize, seed, schedule, null, null, null);
    }

    public RunConfig(String optimizer, double learningRate, int epochs, int batchSize, long seed, Schedule schedule,
                     SplitSpec split, Scaling scaling, Augmentation augmentation) {
        this(optimizer, learningRate, epochs, batchSize, seed, schedule, split, scaling, augmentation, null, null);
    }

    public RunConfig(String optimizer, double learningRate, int epochs, int batchSize, long seed, Schedule schedule,
                     SplitSpec split, Scaling scaling, Augmentation augmentation, Regularization regularization,
                     EarlyStopping earlyStopping) {
        this(optimizer, learningRate, epochs, batchSize, seed, schedule, split, scaling, augmentation, regularization, earlyStopping, null);
    }

    /** The same settings with the split resolved (what a run records, so it can be repeated). */
    public RunConfig withSplit(SplitSpec s) {
        return new RunConfig(optimizer, learningRate, epochs, batchSize, seed, schedule, s, scaling, augmentation, regularization,
                earlyStopping, fold);
    }

    /** The same settings on fold {@code f} of a cross-validation (no split). */
    public RunConfig withFold(Fold f) {
        return new RunConfig(optimizer, learningRate, epochs, batchSize, seed, schedule, null, scaling, augmentation, regularization,
                earlyStopping, f);
    }

    public Scaling scalingOrNone() {
        return scaling == null ? Scaling.NONE : scaling;
    }

    public Augmentation augmentationOrNone() {
        return augmentation == null ? Augmentation.NONE : augmentation;
    }

    /** Problems with the values, each naming the field; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (optimizer == null || !Optimizers.NAMES.contains(optimizer.toLowerCase(Locale.ROOT))
                && !LeastSquares.NAME.equals(optimizer) && !PerceptronRule.NAME.equals(optimizer)) {
            p.add("optimizer must be one of " + Optimizers.NAMES + ", " + LeastSquares.NAME + " or " + PerceptronRule.NAME + ". Received: " + optimizer);
        }
        if (!(learningRate > 0 && learningRate <= 10)) p.add("learningRate must be in (0, 10]. Received: " + learningRate);
        if (epochs < 1 || epochs > 100_000) p.add("epochs must be in 1..100000. Received: " + epochs);
        if (batchSize < 1 || batchSize > 65_536) p.add("batchSize must be in 1..65536. Received: " + batchSize);
        if (augmentation != null) {
            if (augmentation.maxShift() < 0 || augmentation.maxShift() > 64) p.add("augmentation.maxShift must be in 0..64. Received: " + augmentation.maxShift());
            if (!(augmentation.maxRotationDegrees() >= 0 && augmentation.maxRotationDegrees() <= 180)) {
                p.add("augmentation.maxRotationDegrees must be in 0..180. Received: " + augmentation.maxRotationDegrees());
            }
            if (!(augmentation.noiseStd() >= 0 && augmentation.noiseStd() <= 10)) p.add("augmentation.noiseStd must be in 0..10. Received: " + augmentation.noiseStd());
        }
        if (regularization != null) {
            Regularization r = regularization;
            if (r.l1() != null && !(r.l1() >= 0 && r.l1() <= 10)) p.add("regularization.l1 must be in [0, 10]. Received: " + r.l1());
            if (r.l2() != null && !(r.l2() >= 0 && r.l2() <= 10)) p.add("regularization.l2 must be in [0, 10]. Received: " + r.l2());
            if (r.clipNorm() != null && !(r.clipNorm() >= 0)) p.add("regularization.clipNorm must be >= 0. Received: " + r.clipNorm());
            if (r.clipValue() != null && !(r.clipValue() >= 0)) p.add("regularization.clipValue must be >= 0. Received: " + r.clipValue());
        }
        if (earlyStopping != null) {
            EarlyStopping e = earlyStopping;
            if (e.metric() == null || !EarlyStopping.METRICS.contains(e.metric())) {
                p.add("earlyStopping.metric must be one of " + EarlyStopping.METRICS + ". Received: " + e.metric());
            }
            if (e.patience() < 1 || e.patience() > 10_000) p.add("earlyStopping.patience must be in 1..10000. Received: " + e.patience());
            if (e.minDelta() != null && !(e.minDelta() >= 0)) p.add("earlyStopping.minDelta must be >= 0. Received: " + e.minDelta());
        }
        if (schedule != null) {
            try {
                if (schedule.type() == null) throw new IllegalArgumentException("schedule.type is required");
                schedule.create(learningRate > 0 ? learningRate : 1);
            } catch (IllegalArgumentException e) {
                p.add("schedule: " + e.getMessage());
            }
        }
        return p;
    }
}
