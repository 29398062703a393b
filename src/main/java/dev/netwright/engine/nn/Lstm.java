package dev.netwright.engine.nn;

import dev.netwright.engine.RecurrentOps;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Tensor;

/**
 * LSTM with gates i, f, g, o: c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t) (i, f, o sigmoid; g tanh).
 * <p>Shape: x [T, N, I] (seq-first) → [T, N, H] with returnSequences, else the last state [N, H];
 * weight_ih [4H, I], weight_hh [4H, H], bias_ih, bias_hh [4H]. Parameters: 4H*(I + H + 2).
 * <p>ONNX: LSTM.
 */
public final class Lstm extends Recurrent {
    public Lstm(int inputSize, int hiddenSize, boolean returnSequences, Rng rng) {
        super("Lstm", 4, inputSize, hiddenSize, returnSequences, rng);
    }

    @Override
    Tensor sequence(Tensor x) {
        return RecurrentOps.lstm(x, null, null, weightIh, weightHh, biasIh, biasHh);
    }
}
