package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Gru;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * GRU, gates r, z, n: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}; r, z = σ(·).
 * <p>Shape: [T, F] → [T, units] with {@code returnSequences}, else the last state [units]; weight_ih [3·units, F],
 * weight_hh [3·units, units], bias_ih, bias_hh [3·units] (PyTorch's layout). Parameters: 3·units·(F + units + 2).
 * <p>ONNX: Transpose, GRU (linear_before_reset=1) with the gates reordered to ONNX's z, r, h, then Squeeze (and Transpose).
 */
public record GRULayer(int units, boolean returnSequences) implements LayerSpec {
    public GRULayer {
        Recurrence.check("GRU", units);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Recurrence.outputShape("GRU", inputs, units, returnSequences);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return Recurrence.parameterCount(inputs, 3, units);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return Recurrence.batchFirst(new Gru(inputs.getFirst().dim(1), units, returnSequences, rng), returnSequences);
    }
}
