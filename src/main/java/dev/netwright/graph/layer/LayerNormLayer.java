package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.LayerNorm;
import dev.netwright.engine.nn.Module;

import java.util.Arrays;
import java.util.List;

/**
 * Layer normalization of each sample over its last {@code axes} axes: y = γ (x - μ) / sqrt(σ² + eps) + β, μ and σ²
 * (biased) of that sample alone; the same in training and inference.
 * <p>Shape: [..., *D] → same, D the last {@code axes} dims; γ (weight), β (bias) D. Parameters: 2·prod(D).
 * <p>ONNX: LayerNormalization(axis = -axes) (opset 17).
 */
public record LayerNormLayer(int axes, float eps) implements LayerSpec {
    public LayerNormLayer {
        if (axes < 1) throw new IllegalArgumentException("LayerNorm.axes must be >= 1. Received: axes=" + axes);
        if (!(eps > 0)) throw new IllegalArgumentException("LayerNorm.eps must be > 0. Received: eps=" + eps);
    }

    /** The trailing dims normalized over. */
    public Shape normalizedShape(Shape in) {
        return Shape.of(Arrays.copyOfRange(in.toArray(), in.rank() - axes, in.rank()));
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single("LayerNorm", inputs);
        if (in.rank() < axes) {
            throw new IllegalArgumentException("LayerNorm.axes=" + axes + " needs an input of rank >= " + axes + ", got " + in);
        }
        return in;
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 2L * normalizedShape(inputs.getFirst()).size();
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new LayerNorm(normalizedShape(inputs.getFirst()), eps);
    }
}
