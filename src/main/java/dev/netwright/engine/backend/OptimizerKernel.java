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
}
