package dev.netwright.engine.backend;

/**
 * One optimizer's update rule with its hyper-parameters, applied element-wise by a backend.
 * Conventions follow PyTorch (the golden cases check them); {@link #stateBuffers()} says how many
 * per-parameter state buffers (zero-initialised) the rule needs.
 */
public sealed interface OptimizerKernel {
    int stateBuffers();

    /** Plain/momentum/Nesterov SGD; weight decay is L2 added to the gradient. State: velocity. */
    record Sgd(float lr, float momentum, boolean nesterov, float weightDecay) implements OptimizerKernel {
        public int stateBuffers() { return momentum == 0 ? 0 : 1; }
    }

    /**
     * Adam (decoupled = false: L2 added to the gradient) and AdamW (decoupled = true: p -= lr*wd*p).
     * Moments are kept uncorrected and bias-corrected on read. State: m, v.
     */
    record Adam(float lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) implements OptimizerKernel {
        public int stateBuffers() { return 2; }
    }

    /** AdaGrad: G += g^2; p -= lr * g / (sqrt(G) + eps). State: G. */
    record Adagrad(float lr, float eps, float weightDecay) implements OptimizerKernel {
        public int stateBuffers() { return 1; }
    }

    /** RMSprop: v = alpha v + (1-alpha) g^2; step = g / (sqrt(v) + eps), with optional momentum. State: v, buf. */
    record RmsProp(float lr, float alpha, float eps, float momentum, float weightDecay) implements OptimizerKernel {
        public int stateBuffers() { return 2; }
    }

    /** Adadelta: v = rho v + (1-rho) g^2; dx = sqrt(u+eps)/sqrt(v+eps) g; u = rho u + (1-rho) dx^2; p -= lr dx. State: v, u. */
    record Adadelta(float lr, float rho, float eps, float weightDecay) implements OptimizerKernel {
        public int stateBuffers() { return 2; }
    }

    /** Rprop: per-weight step sizes grown by etaPlus / shrunk by etaMinus on sign agreement. State: prev grad, step. */
    record Rprop(float lr, float etaMinus, float etaPlus, float stepMin, float stepMax) implements OptimizerKernel {
        public int stateBuffers() { return 2; }
    }

    /**
     * Quickprop (Fahlman): each weight's loss is taken as a parabola through the last two gradients and the step jumps
     * to its minimum, Δw = g / (g_old − g) · Δw_old, at most {@code maxGrowth} times the previous step; a plain gradient
     * step (−lr·g) starts it and replaces any step whose previous step was 0 or whose parabola is undefined.
     * State: previous gradient, previous step.
     */
    record Quickprop(float lr, float maxGrowth) implements OptimizerKernel {
        public int stateBuffers() { return 2; }
    }

    /**
     * Delta-bar-delta (Jacobs): a learning rate per weight, η += κ when the gradient agrees in sign with its average
     * ḡ (ḡ = θ ḡ + (1 − θ) g), η −= φ η when it disagrees; then w −= η g. State: η (starts at lr), ḡ.
     */
    record DeltaBarDelta(float lr, float kappa, float phi, float theta) implements OptimizerKernel {
        public int stateBuffers() { return 2; }
    }
}
