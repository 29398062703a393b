package dev.netwright.engine.nn;

import dev.netwright.engine.Tensor;

import java.util.Locale;

/**
 * A parameter-free element-wise activation, or softmax / log-softmax over the last axis.
 * <p>Shape: unchanged.
 */
public final class Activation extends Module {
    /** The activations the product offers, with their formulas in {@code docs/layers.md}. */
    public enum Kind {
        IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU, ELU, SELU, SOFTPLUS, SOFTSIGN, SOFTMAX, LOG_SOFTMAX, STEP;

        public static Kind parse(String name) {
            String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (n.equals("LINEAR") || n.equals("NONE") || n.isEmpty()) return IDENTITY;
            if (n.equals("LEAKYRELU")) return LEAKY_RELU;
            if (n.equals("LOGSOFTMAX")) return LOG_SOFTMAX;
            try {
                return valueOf(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown activation '" + name + "'. Known: identity, sigmoid, tanh, relu, "
                        + "leaky_relu, elu, selu, softplus, softsign, softmax, log_softmax, step");
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final float alpha;

    /** {@code alpha}: leaky ReLU slope (default 0.01), ELU alpha (default 1), softplus beta (default 1). */
    public Activation(Kind kind, float alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    public Activation(Kind kind) {
        this(kind, defaultAlpha(kind));
    }

    public static float defaultAlpha(Kind kind) {
        return switch (kind) {
            case LEAKY_RELU -> 0.01f;
            case ELU, SOFTPLUS -> 1f;
            default -> 0f;
        };
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public Tensor forward(Tensor x) {
        return apply(kind, alpha, x);
    }

    public static Tensor apply(Kind kind, float alpha, Tensor x) {
        return switch (kind) {
            case IDENTITY -> x;
            case SIGMOID -> x.sigmoid();
            case TANH -> x.tanh();
            case RELU -> x.relu();
            case LEAKY_RELU -> x.leakyRelu(alpha);
            case ELU -> x.elu(alpha);
            case SELU -> x.selu();
            case SOFTPLUS -> x.softplus(alpha);
            case SOFTSIGN -> x.softsign();
            case SOFTMAX -> x.softmax(-1);
            case LOG_SOFTMAX -> x.logSoftmax(-1);
            case STEP -> x.step();
        };
    }
}
