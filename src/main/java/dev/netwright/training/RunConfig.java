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
                        SplitSpec split, Scaling scaling, Augmentation augmentation) {

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

    /** The same settings with the split resolved (what a run records, so it can be repeated). */
    public RunConfig withSplit(SplitSpec s) {
        return new RunConfig(optimizer, learningRate, epochs, batchSize, seed, schedule, s, scaling, augmentation);
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
        if (optimizer == null || !Optimizers.NAMES.contains(optimizer.toLowerCase(Locale.ROOT))) {
            p.add("optimizer must be one of " + Optimizers.NAMES + ". Received: " + optimizer);
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
