package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.GaussianNoise;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Additive Gaussian noise while training: y = x + e, e ~ N(0, stddev²) drawn afresh each step. Identity at inference.
 * <p>Shape: unchanged. No parameters.
 * <p>ONNX: nothing (identity at inference).
 */
public record GaussianNoiseLayer(float stddev) implements LayerSpec {
    public GaussianNoiseLayer {
        if (!(stddev >= 0)) throw new IllegalArgumentException("GaussianNoise.stddev must be >= 0. Received: stddev=" + stddev);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single("GaussianNoise", inputs);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new GaussianNoise(stddev, rng.split());
    }
}
