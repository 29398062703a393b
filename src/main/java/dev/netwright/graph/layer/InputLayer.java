package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Module;

import java.util.List;

/** The network's input: one sample's shape, e.g. [2] for XOR or [1, 28, 28] for an image. */
public record InputLayer(Shape shape) implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (!inputs.isEmpty()) throw new IllegalArgumentException("Input takes no incoming connection");
        return shape;
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        throw new IllegalStateException("Input has no module; the compiler feeds the batch directly");
    }
}
