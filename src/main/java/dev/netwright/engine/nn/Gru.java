package dev.netwright.engine.nn;

import dev.netwright.engine.RecurrentOps;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Tensor;

/**
 * GRU with gates r, z, n: n = tanh(W_in x + b_in + r*(W_hn h + b_hn)), h_t = (1 - z)*n + z*h_{t-1}.
 * <p>Shape: x [T, N, I] (seq-first) → [T, N, H] with returnSequences, else the last state [N, H];
 * weight_ih [3H, I], weight_hh [3H, H], bias_ih, bias_hh [3H]. Parameters: 3H*(I + H + 2).
 * <p>ONNX: GRU.
 */
public final class Gru extends Recurrent {
    public Gru(int inputSize, int hiddenSize, boolean returnSequences, Rng rng) {
        super("Gru", 3, inputSize, hiddenSize, returnSequences, rng);
    }

    @Override
    Tensor sequence(Tensor x) {
        return RecurrentOps.gru(x, null, weightIh, weightHh, biasIh, biasHh);
    }
}
