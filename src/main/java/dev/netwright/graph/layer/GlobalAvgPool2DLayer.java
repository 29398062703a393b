package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.GlobalAvgPool2d;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Global average pooling: y[c] = the mean of the plane x[c].
 * <p>Shape: [C, H, W] → [C]. No parameters.
 * <p>ONNX: GlobalAveragePool, then Flatten(axis=1).
 */
public record GlobalAvgPool2DLayer() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = WindowShapes.expect("GlobalAvgPool2D", LayerSpec.single("GlobalAvgPool2D", inputs), 2);
        return Shape.of(in.dim(0));
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        // the engine keeps [N, C, 1, 1]; the graph's per-sample shape is [C]
        return new Adapted(new GlobalAvgPool2d(), x -> x, y -> y.reshape(y.shape().dim(0), y.shape().dim(1)));
    }
}
