package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.GlobalMaxPool2d;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Global max pooling: y[c] = the maximum of the plane x[c].
 * <p>Shape: [C, H, W] → [C]. No parameters.
 * <p>ONNX: GlobalMaxPool, then Flatten(axis=1).
 */
public record GlobalMaxPool2DLayer() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = WindowShapes.expect("GlobalMaxPool2D", LayerSpec.single("GlobalMaxPool2D", inputs), 2);
        return Shape.of(in.dim(0));
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        // the engine keeps [N, C, 1, 1]; the graph's per-sample shape is [C]
        return new Adapted(new GlobalMaxPool2d(), x -> x, y -> y.reshape(y.shape().dim(0), y.shape().dim(1)));
    }
}
