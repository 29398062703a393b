package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Lstm;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * LSTM (no peepholes), gates i, f, g, o: c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ tanh(c_t); i, f, o = σ(·), g = tanh(·) of W_ih x_t + b_ih + W_hh h_{t-1} + b_hh.
 * <p>Shape: [T, F] → [T, units] with {@code returnSequences}, else the last state [units]; weight_ih [4·units, F],
 * weight_hh [4·units, units], bias_ih, bias_hh [4·units] (PyTorch's layout). Parameters: 4·units·(F + units + 2).
 * <p>ONNX: Transpose, LSTM with the gates reordered to ONNX's i, o, f, c, then Squeeze (and Transpose).
 */
public record LSTMLayer(int units, boolean returnSequences) implements LayerSpec {
    public LSTMLayer {
        Recurrence.check("LSTM", units);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Recurrence.outputShape("LSTM", inputs, units, returnSequences);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return Recurrence.parameterCount(inputs, 4, units);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return Recurrence.batchFirst(new Lstm(inputs.getFirst().dim(1), units, returnSequences, rng), returnSequences);
    }
}
