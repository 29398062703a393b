package dev.netwright.engine.nn;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

/**
 * What the recurrent layers share: weights with G gates stacked along the first axis, initialized
 * U(±1/sqrt(hidden)) like PyTorch, a zero initial state, and the choice of returning every step or the last.
 * Sequences are seq-first, [T, N, I].
 */
abstract sealed class Recurrent extends Module permits SimpleRnn, Lstm, Gru {
    protected final Tensor weightIh;
    protected final Tensor weightHh;
    protected final Tensor biasIh;
    protected final Tensor biasHh;
    private final int hidden;
    private final boolean returnSequences;

    Recurrent(String layer, int gates, int inputSize, int hiddenSize, boolean returnSequences, Rng rng) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(layer + " needs inputSize > 0 and hiddenSize > 0. Received: inputSize=" + inputSize
                    + ", hiddenSize=" + hiddenSize);
        }
        float bound = (float) (1 / Math.sqrt(hiddenSize));
        this.weightIh = parameter("weight_ih", uniform(Shape.of(gates * hiddenSize, inputSize), bound, rng));
        this.weightHh = parameter("weight_hh", uniform(Shape.of(gates * hiddenSize, hiddenSize), bound, rng));
        this.biasIh = parameter("bias_ih", uniform(Shape.of(gates * hiddenSize), bound, rng));
        this.biasHh = parameter("bias_hh", uniform(Shape.of(gates * hiddenSize), bound, rng));
        this.hidden = hiddenSize;
        this.returnSequences = returnSequences;
    }

    private static Tensor uniform(Shape s, float bound, Rng rng) {
        return Tensor.of(s, Init.UNIFORM.sample(s, rng, 1f, bound));
    }

    /** The hidden state of every step, [T, N, H], from a zero initial state. */
    abstract Tensor sequence(Tensor x);

    @Override
    public Tensor forward(Tensor x) {
        Tensor hs = sequence(x);
        if (returnSequences) return hs;
        Shape s = hs.shape();
        return hs.narrow(0, s.dim(0) - 1, 1).reshape(s.dim(1), hidden);
    }
}
