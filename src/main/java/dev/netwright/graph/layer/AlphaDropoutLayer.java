package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.AlphaDropout;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Alpha dropout for SELU networks: while training, each unit is set with probability {@code rate} to SELU's
 * negative saturation α' = -λα, then y = a·x' + b keeps mean 0 and variance 1. Identity at inference.
 * <p>Shape: unchanged. No parameters.
 * <p>ONNX: nothing (identity at inference).
 */
public record AlphaDropoutLayer(float rate) implements LayerSpec {
    public AlphaDropoutLayer {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("AlphaDropout.rate must be in [0, 1). Received: rate=" + rate);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single("AlphaDropout", inputs);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new AlphaDropout(rate, rng.split());
    }
}
