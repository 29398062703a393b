package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Module;

import java.util.List;

/** An element-wise activation (or softmax over the last axis). Shape: unchanged; no parameters. */
public record ActivationLayer(Activation.Kind kind, float alpha) implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single(kind.id(), inputs);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new Activation(kind, alpha);
    }
}
