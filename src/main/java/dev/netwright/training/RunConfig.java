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
                        EarlyStopping earlyStopping, Fold fold, Map<String, Double> optimizerOptions, Integer checkpointEvery,
                        Integer diagnosticsEvery, Double targetError) {

    /**
     * The full form: as the 12-argument one plus the optimizer's own settings ({@code optimizerOptions}, e.g. momentum,
     * beta1; see {@link Optimizers#OPTIONS}), a checkpoint every {@code checkpointEvery} epochs (null: after an epoch
     * when the last checkpoint is {@value Trainer#CHECKPOINT_MIN_INTERVAL_S} s old or more), per-layer diagnostics every
     * {@code diagnosticsEvery} steps (null: at the last step of each epoch) and the error rate a good model should reach
     * ({@code targetError}, e.g. human-level error; null: 0) that the bias/variance diagnosis compares with.
     */
    public RunConfig {
        optimizerOptions = optimizerOptions == null || optimizerOptions.isEmpty() ? null : Map.copyOf(optimizerOptions);
    }

    public RunConfig(String optimizer, double learningRate, int epochs, int batchSize, long seed, Schedule schedule,
                     SplitSpec split, Scaling scaling, Augmentation augmentation, Regularization regularization,
                     EarlyStopping earlyStopping, Fold fold) {
        this(optimizer, learningRate, epochs, batchSize, seed, schedule, split, scaling, augmentation, regularization, earlyStopping, fold,
                null, null, null, null);
    }

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
    public record Regularization(Double l1, Double l2, Double clipNorm, Double clipValue, Double weightNoise, Boolean includeBiases,
                                 Map<String, Penalty> layers) {
        public Regularization(Double l1, Double l2, Double clipNorm, Double clipValue) {
            this(l1, l2, clipNorm, clipValue, null, null, null);
        }

        double l1OrZero() {
            return l1 == null ? 0 : l1;
        }

        double l2OrZero() {
            return l2 == null ? 0 : l2;
        }

        double weightNoiseOrZero() {
            return weightNoise == null ? 0 : weightNoise;
        }

        /** The penalty of node {@code nodeId}: its own entry in {@code layers}, else the global l1 and l2. */
        Penalty penaltyOf(String nodeId) {
            Penalty own = layers == null ? null : layers.get(nodeId);
            return new Penalty(own != null && own.l1() != null ? own.l1() : l1, own != null && own.l2() != null ? own.l2() : l2);
        }

        /** True when some weight gets an L1 or L2 penalty. */
        boolean penalizes() {
            if (l1OrZero() > 0 || l2OrZero() > 0) return true;
            return layers != null && layers.values().stream().anyMatch(p -> p.l1OrZero() > 0 || p.l2OrZero() > 0);
        }
    }

    /** L1 and L2 factors of one layer (null: the run's global ones). */
    public record Penalty(Double l1, Double l2) {
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
                earlyStopping, fold, optimizerOptions, checkpointEvery, diagnosticsEvery, targetError);
    }

    /** The same settings on fold {@code f} of a cross-validation (no split). */
    public RunConfig withFold(Fold f) {
        return new RunConfig(optimizer, learningRate, epochs, batchSize, seed, schedule, null, scaling, augmentation, regularization,
                earlyStopping, f, optimizerOptions, checkpointEvery, diagnosticsEvery, targetError);
    }

    /** The same settings with another learning rate (resuming a run that diverged, say). */
    public RunConfig withLearningRate(double lr) {
        return new RunConfig(optimizer, lr, epochs, batchSize, seed, schedule, split, scaling, augmentation, regularization,
                earlyStopping, fold, optimizerOptions, checkpointEvery, diagnosticsEvery, targetError);
    }

    /** The same settings with extra ones: optimizer options, checkpoint and diagnostics intervals, target error. */
    public RunConfig with(Map<String, Double> options, Integer checkpointEvery, Integer diagnosticsEvery, Double targetError) {
        return new RunConfig(optimizer, learningRate, epochs, batchSize, seed, schedule, split, scaling, augmentation, regularization,
                earlyStopping, fold, options, checkpointEvery, diagnosticsEvery, targetError);
    }

    public Map<String, Double> optimizerOptionsOrEmpty() {
        return optimizerOptions == null ? Map.of() : optimizerOptions;
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
            if (r.weightNoise() != null && !(r.weightNoise() >= 0 && r.weightNoise() <= 10)) {
                p.add("regularization.weightNoise must be in [0, 10]. Received: " + r.weightNoise());
            }
            if (r.layers() != null) {
                r.layers().forEach((node, pen) -> {
                    if (pen == null) p.add("regularization.layers." + node + " must be an object with l1 and/or l2");
                    else {
                        if (pen.l1() != null && !(pen.l1() >= 0 && pen.l1() <= 10)) p.add("regularization.layers." + node + ".l1 must be in [0, 10]. Received: " + pen.l1());
                        if (pen.l2() != null && !(pen.l2() >= 0 && pen.l2() <= 10)) p.add("regularization.layers." + node + ".l2 must be in [0, 10]. Received: " + pen.l2());
                    }
                });
            }
        }
        if (earlyStopping != null) {
            EarlyStopping e = earlyStopping;
            if (e.metric() == null || !EarlyStopping.METRICS.contains(e.metric())) {
                p.add("earlyStopping.metric must be one of " + EarlyStopping.METRICS + ". Received: " + e.metric());
            }
            if (e.patience() < 1 || e.patience() > 10_000) p.add("earlyStopping.patience must be in 1..10000. Received: " + e.patience());
            if (e.minDelta() != null && !(e.minDelta() >= 0)) p.add("earlyStopping.minDelta must be >= 0. Received: " + e.minDelta());
        }
        if (optimizerOptions != null && optimizer != null && Optimizers.NAMES.contains(optimizer.toLowerCase(Locale.ROOT))) {
            List<String> known = Optimizers.OPTIONS.get(optimizer.toLowerCase(Locale.ROOT));
            optimizerOptions.forEach((k, v) -> {
                if (!known.contains(k)) p.add("optimizerOptions." + k + " is not a setting of " + optimizer + "; its settings: " + known);
                else if (v == null || !Double.isFinite(v) || v < 0) p.add("optimizerOptions." + k + " must be a number >= 0. Received: " + v);
            });
        }
        if (checkpointEvery != null && (checkpointEvery < 1 || checkpointEvery > 100_000)) {
            p.add("checkpointEvery must be in 1..100000 epochs. Received: " + checkpointEvery);
        }
        if (diagnosticsEvery != null && (diagnosticsEvery < 1 || diagnosticsEvery > 10_000_000)) {
            p.add("diagnosticsEvery must be in 1..10000000 steps. Received: " + diagnosticsEvery);
        }
        if (targetError != null && !(targetError >= 0 && targetError < 1)) p.add("targetError must be in [0, 1). Received: " + targetError);
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
