package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Dropout;
import dev.netwright.engine.nn.Module;

import java.util.List;

/** Inverted dropout; {@code rate} is the probability of DROPPING a unit. Shape: unchanged; identity at inference. */
public record DropoutLayer(float rate) implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single("Dropout", inputs);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new Dropout(rate, rng.split());
    }
}
