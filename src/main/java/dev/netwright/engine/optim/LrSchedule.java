package dev.netwright.engine.optim;

import java.util.Locale;
import java.util.Map;

/**
 * A learning-rate schedule that steps once per epoch (PyTorch's conventions): {@link #current()} is the rate
 * for the epoch about to run; {@link #step(double)} is called after each epoch with that epoch's monitored
 * metric (only {@code plateau} reads it) and returns the rate for the next epoch.
 */
public abstract sealed class LrSchedule {
    protected final double baseLr;
    protected int epoch;

    protected LrSchedule(double baseLr) {
        if (!(baseLr > 0)) throw new IllegalArgumentException("base learning rate must be > 0. Received: " + baseLr);
        this.baseLr = baseLr;
    }

    public abstract double current();

    /** Everything that changes as the schedule steps, for a checkpoint; {@link #restore} takes it back. */
    public double[] state() {
        return new double[]{epoch};
    }

    /** Continues from a {@link #state()} of a schedule made with the same settings. */
    public void restore(double[] state) {
        epoch = (int) state[0];
    }

    /** Ends the current epoch with its metric; returns the learning rate of the next one. */
    public double step(double metric) {
        epoch++;
        return current();
    }

    /**
     * Builds a schedule by name: {@code constant}, {@code step} (step_size, gamma), {@code exponential} (gamma),
     * {@code cosine} (t_max, eta_min), {@code plateau} (factor, patience, threshold, min_lr; mode min, relative threshold),
     * {@code inverse_time} (decay: lr = base / (1 + decay·epoch)), {@code warmup} (warmup_epochs: linear from
     * base/warmup_epochs up to base, then constant).
     */
    public static LrSchedule create(String type, double baseLr, Map<String, ? extends Number> o) {
        return switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "constant", "none" -> new Step(baseLr, Integer.MAX_VALUE, 1);
            case "step" -> new Step(baseLr, num(o, "step_size", 10).intValue(), num(o, "gamma", 0.1).doubleValue());
            case "exponential" -> new Exponential(baseLr, num(o, "gamma", 0.95).doubleValue());
            case "cosine" -> new Cosine(baseLr, num(o, "t_max", 100).intValue(), num(o, "eta_min", 0).doubleValue());
            case "plateau" -> new Plateau(baseLr, num(o, "factor", 0.1).doubleValue(), num(o, "patience", 10).intValue(),
                    num(o, "threshold", 1e-4).doubleValue(), num(o, "min_lr", 0).doubleValue());
            case "inverse_time" -> new InverseTime(baseLr, num(o, "decay", 0.1).doubleValue());
            case "warmup" -> new Warmup(baseLr, num(o, "warmup_epochs", 5).intValue());
            default -> throw new IllegalArgumentException("Unknown schedule '" + type + "'. Known: " + String.join(", ", TYPES));
        };
    }

    public static final java.util.List<String> TYPES = java.util.List.of("constant", "step", "exponential", "cosine", "plateau",
            "inverse_time", "warmup");

    /**
     * The rates of the first {@code epochs} epochs, for a preview curve. Plateau depends on the metric; the preview
     * assumes it never improves after the first epoch (the most reductions the schedule can make).
     */
    public static double[] preview(String type, double baseLr, Map<String, ? extends Number> o, int epochs) {
        LrSchedule s = create(type, baseLr, o);
        double[] lr = new double[Math.max(0, epochs)];
        for (int e = 0; e < lr.length; e++) {
            lr[e] = s.current();
            s.step(1.0);
        }
        return lr;
    }

    private static Number num(Map<String, ? extends Number> o, String key, Number dflt) {
        Number v = o == null ? null : o.get(key);
        return v == null ? dflt : v;
    }

    /** lr = base * gamma^floor(epoch / stepSize). */
    public static final class Step extends LrSchedule {
        private final int stepSize;
        private final double gamma;

        public Step(double baseLr, int stepSize, double gamma) {
            super(baseLr);
            if (stepSize < 1) throw new IllegalArgumentException("step_size must be >= 1. Received: " + stepSize);
            this.stepSize = stepSize;
            this.gamma = gamma;
        }

        @Override
        public double current() {
            return baseLr * Math.pow(gamma, epoch / stepSize);
        }
    }

    /** lr = base * gamma^epoch. */
    public static final class Exponential extends LrSchedule {
        private final double gamma;

        public Exponential(double baseLr, double gamma) {
            super(baseLr);
            this.gamma = gamma;
        }

        @Override
        public double current() {
            return baseLr * Math.pow(gamma, epoch);
        }
    }

    /** Cosine annealing: lr = eta_min + (base - eta_min) (1 + cos(pi epoch / t_max)) / 2 (periodic past t_max, as PyTorch). */
    public static final class Cosine extends LrSchedule {
        private final int tMax;
        private final double etaMin;

        public Cosine(double baseLr, int tMax, double etaMin) {
            super(baseLr);
            if (tMax < 1) throw new IllegalArgumentException("t_max must be >= 1. Received: " + tMax);
            this.tMax = tMax;
            this.etaMin = etaMin;
        }

        @Override
        public double current() {
            return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
        }
    }

    /**
     * Reduce on plateau (mode min, relative threshold): when the metric has not improved on the best by more than
     * {@code threshold * best} for more than {@code patience} epochs, lr *= factor (not below min_lr).
     */
    public static final class Plateau extends LrSchedule {
        private final double factor;
        private final int patience;
        private final double threshold;
        private final double minLr;
        private double lr;
        private double best = Double.POSITIVE_INFINITY;
        private int bad;

        public Plateau(double baseLr, double factor, int patience, double threshold, double minLr) {
            super(baseLr);
            if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("factor must be in (0, 1). Received: " + factor);
            this.factor = factor;
            this.patience = patience;
            this.threshold = threshold;
            this.minLr = minLr;
            this.lr = baseLr;
        }

        @Override
        public double current() {
            return lr;
        }

        @Override
        public double[] state() {
            return new double[]{epoch, lr, best, bad};
        }

        @Override
        public void restore(double[] state) {
            epoch = (int) state[0];
            lr = state[1];
            best = state[2];
            bad = (int) state[3];
        }

        @Override
        public double step(double metric) {
            epoch++;
            if (metric < best * (1 - threshold)) {
                best = metric;
                bad = 0;
            } else if (++bad > patience) {
                lr = Math.max(lr * factor, minLr);
                bad = 0;
            }
            return lr;
        }
    }

    /** Inverse-time decay: lr = base / (1 + decay · epoch). */
    public static final class InverseTime extends LrSchedule {
        private final double decay;

        public InverseTime(double baseLr, double decay) {
            super(baseLr);
            if (!(decay >= 0)) throw new IllegalArgumentException("decay must be >= 0. Received: " + decay);
            this.decay = decay;
        }

        @Override
        public double current() {
            return baseLr / (1 + decay * epoch);
        }
    }

    /** Linear warm-up: lr = base · (epoch + 1) / warmup_epochs for the first warmup_epochs epochs, then base. */
    public static final class Warmup extends LrSchedule {
        private final int warmupEpochs;

        public Warmup(double baseLr, int warmupEpochs) {
            super(baseLr);
            if (warmupEpochs < 1) throw new IllegalArgumentException("warmup_epochs must be >= 1. Received: " + warmupEpochs);
            this.warmupEpochs = warmupEpochs;
        }

        @Override
        public double current() {
            return epoch < warmupEpochs ? baseLr * (epoch + 1) / warmupEpochs : baseLr;
        }
    }
}
