package dev.netwright.training;

import dev.netwright.engine.optim.LrSchedule;
import dev.netwright.engine.optim.Optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to train: optimizer by name (see {@link Optimizers#NAMES}), learning rate, epochs, batch size, the seed
 * that makes a run reproducible (weights, shuffling, dropout masks), and an optional learning-rate schedule
 * (null: constant).
 */
public record RunConfig(String optimizer, double learningRate, int epochs, int batchSize, long seed, Schedule schedule) {

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

    /** Problems with the values, each naming the field; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (optimizer == null || !Optimizers.NAMES.contains(optimizer.toLowerCase(Locale.ROOT))) {
            p.add("optimizer must be one of " + Optimizers.NAMES + ". Received: " + optimizer);
        }
        if (!(learningRate > 0 && learningRate <= 10)) p.add("learningRate must be in (0, 10]. Received: " + learningRate);
        if (epochs < 1 || epochs > 100_000) p.add("epochs must be in 1..100000. Received: " + epochs);
        if (batchSize < 1 || batchSize > 65_536) p.add("batchSize must be in 1..65536. Received: " + batchSize);
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
