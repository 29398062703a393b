package dev.netwright.graph.layer;

import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * What SimpleRNN, LSTM and GRU share in the graph: per-sample sequences [T, features] (batch-first for the user,
 * [N, T, F] as a batch) adapted to the engine's seq-first modules by a transpose on the way in (and on the way out
 * when every step is returned).
 */
final class Recurrence {
    private Recurrence() {
    }

    static void check(String type, int units) {
        if (units < 1) throw new IllegalArgumentException(type + ".units must be >= 1. Received: units=" + units);
    }

    /** [T, F] → [T, units] or [units]. */
    static Shape outputShape(String type, List<Shape> inputs, int units, boolean returnSequences) {
        Shape in = LayerSpec.single(type, inputs);
        if (in.rank() != 2) {
            throw new IllegalArgumentException(type + " expects a sequence [time steps, features], got " + in
                    + (in.rank() == 1 ? "; add a Reshape to [" + in.dim(0) + ", 1] or an Embedding before it" : "; add a Reshape"));
        }
        return returnSequences ? Shape.of(in.dim(0), units) : Shape.of(units);
    }

    /** gates·units·(features + units + 2): input and recurrent weights and both biases of every gate. */
    static long parameterCount(List<Shape> inputs, int gates, int units) {
        return (long) gates * units * (inputs.getFirst().dim(1) + units + 2);
    }

    /** [N, T, F] → engine [T, N, F] → [T, N, H] → [N, T, H]; the last state [N, H] needs no transpose. */
    static Module batchFirst(Module seqFirst, boolean returnSequences) {
        return new Adapted(seqFirst, x -> x.transpose(0, 1), returnSequences ? y -> y.transpose(0, 1) : y -> y);
    }
}
