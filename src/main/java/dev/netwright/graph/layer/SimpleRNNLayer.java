package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.SimpleRnn;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Elman recurrent layer: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), h_0 = 0.
 * <p>Shape: [T, F] → [T, units] with {@code returnSequences}, else the last state [units]; weight_ih [1·units, F],
 * weight_hh [1·units, units], bias_ih, bias_hh [1·units] (PyTorch's layout). Parameters: 1·units·(F + units + 2).
 * <p>ONNX: Transpose, RNN (tanh), then Squeeze and Transpose (sequences) or Squeeze of Y_h (last state).
 */
public record SimpleRNNLayer(int units, boolean returnSequences) implements LayerSpec {
    public SimpleRNNLayer {
        Recurrence.check("SimpleRNN", units);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Recurrence.outputShape("SimpleRNN", inputs, units, returnSequences);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return Recurrence.parameterCount(inputs, 1, units);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return Recurrence.batchFirst(new SimpleRnn(inputs.getFirst().dim(1), units, returnSequences, rng), returnSequences);
    }
}
