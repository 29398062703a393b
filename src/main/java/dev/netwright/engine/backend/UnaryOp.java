package dev.netwright.engine.backend;

/**
 * Element-wise functions y = f(x; alpha). Each backend implements the function and its derivative;
 * the derivative may read x, y or both (see {@link Backend#unaryBackward}).
 */
public enum UnaryOp {
    IDENTITY, NEG, EXP,
    /** Natural log, clamped below at -100 like PyTorch's binary cross-entropy. */
    LOG,
    SQRT, ABS, SQUARE,
    /** alpha * x */
    SCALE,
    /** x + alpha */
    ADD_SCALAR,
    SIGMOID, TANH, RELU,
    /** x if x > 0 else alpha * x */
    LEAKY_RELU,
    /** x if x > 0 else alpha * (exp(x) - 1) */
    ELU,
    /** lambda * (x if x > 0 else alpha * (exp(x) - 1)), lambda = 1.0507..., alpha = 1.6732... */
    SELU,
    /** log(1 + exp(alpha * x)) / alpha, alpha = beta */
    SOFTPLUS,
    /** x / (1 + |x|) */
    SOFTSIGN,
    /** Heaviside step (1 if x >= 0 else 0); its derivative is taken as 0 (the perceptron learns by its own rule). */
    STEP,
    /** Huber with delta = alpha: 0.5 x^2 if |x| < delta else delta (|x| - delta/2) */
    HUBER;

    /** SELU's constants (Klambauer et al. 2017), the fixed point mean 0 / variance 1. */
    public static final double SELU_LAMBDA = 1.0507009873554804934193349852946;
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
}
