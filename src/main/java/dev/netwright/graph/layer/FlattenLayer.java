package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Flatten;
import dev.netwright.engine.nn.Module;

import java.util.List;

/** Flattens each sample to a vector. Shape: [d1, d2, ...] → [d1*d2*...]. */
public record FlattenLayer() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.of(LayerSpec.single("Flatten", inputs).size());
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new Flatten();
    }
}
