package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Element-wise product of its inputs, which must all have one shape: y = x0 ⊙ x1 ⊙ ...
 * <p>Shape: [s], [s], ... → [s]. No parameters.
 * <p>ONNX: Mul (one node per extra input).
 *
 * @param inputs number of input ports, "in0" ... ("inputs" parameter, 2..8)
 */
public record MultiplyLayer(int inputs) implements LayerSpec {
    public MultiplyLayer {
        if (inputs < 2 || inputs > LayerType.MAX_PORTS) {
            throw new IllegalArgumentException("Multiply.inputs must be in [2, " + LayerType.MAX_PORTS + "]. Received: inputs=" + inputs);
        }
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        LayerSpec.arity("Multiply", in, inputs);
        return LayerSpec.sameShape("Multiply", in);
    }

    @Override
    public long parameterCount(List<Shape> in) {
        return 0;
    }

    @Override
    public Module build(List<Shape> in, Rng rng) {
        return new Merge("Multiply", xs -> {
            Tensor y = xs.getFirst();
            for (int i = 1; i < xs.size(); i++) y = y.mul(xs.get(i));
            return y;
        });
    }
}
