package dev.netwright.engine.nn;

import dev.netwright.engine.RecurrentOps;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Tensor;

/**
 * Elman RNN: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh).
 * <p>Shape: x [T, N, I] (seq-first) → [T, N, H] with returnSequences, else the last state [N, H];
 * weight_ih [1H, I], weight_hh [1H, H], bias_ih, bias_hh [1H]. Parameters: 1H*(I + H + 2).
 * <p>ONNX: RNN.
 */
public final class SimpleRnn extends Recurrent {
    public SimpleRnn(int inputSize, int hiddenSize, boolean returnSequences, Rng rng) {
        super("SimpleRnn", 1, inputSize, hiddenSize, returnSequences, rng);
    }

    @Override
    Tensor sequence(Tensor x) {
        return RecurrentOps.rnnTanh(x, null, weightIh, weightHh, biasIh, biasHh);
    }
}
