package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Joins its inputs along {@code axis} of the sample (negative counts from the end): y = [x0 | x1 | ...].
 * <p>Shape: inputs equal except along axis → that axis is the sum. No parameters.
 * <p>ONNX: Concat(axis + 1 for the batch dimension, or the negative axis as is).
 *
 * @param inputs number of input ports, "in0" ... ("inputs" parameter, 2..8)
 */
public record ConcatLayer(int axis, int inputs) implements LayerSpec {
    public ConcatLayer {
        if (inputs < 2 || inputs > LayerType.MAX_PORTS) {
            throw new IllegalArgumentException("Concat.inputs must be in [2, " + LayerType.MAX_PORTS + "]. Received: inputs=" + inputs);
        }
    }

    /** The axis of the batched tensor [N, ...]. */
    public int batchAxis() {
        return axis >= 0 ? axis + 1 : axis;
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        LayerSpec.arity("Concat", in, inputs);
        Shape first = in.getFirst();
        int r = first.rank();
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException("Concat.axis " + axis + " is out of range for inputs of rank " + r
                    + " (allowed " + (-r) + ".." + (r - 1) + ")");
        }
        int ax = axis < 0 ? axis + r : axis;
        int total = 0;
        for (int i = 0; i < in.size(); i++) {
            Shape s = in.get(i);
            if (s.rank() != r || !s.with(ax, 1).equals(first.with(ax, 1))) {
                throw new IllegalArgumentException("Concat along axis " + axis + " needs inputs that agree on every other axis: in0 is "
                        + first + " but in" + i + " is " + s);
            }
            total += s.dim(ax);
        }
        return first.with(ax, total);
    }

    @Override
    public long parameterCount(List<Shape> in) {
        return 0;
    }

    @Override
    public Module build(List<Shape> in, Rng rng) {
        int ax = batchAxis();
        return new Merge("Concat", xs -> Tensor.concat(ax, xs));
    }
}
