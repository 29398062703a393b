package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.MaxPool1d;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * 1-D max pooling: y[c, i] = the maximum of x[c] over window i; padding counts as -∞.
 * <p>Shape: [C, L] → [C, floor((L + 2 padding - kernel) / stride) + 1]. No parameters.
 * <p>ONNX: MaxPool.
 *
 * @param padding -∞ on each end, at most half the window
 */
public record MaxPool1DLayer(int kernel, int stride, int padding) implements LayerSpec {
    public MaxPool1DLayer {
        if (kernel < 1) throw new IllegalArgumentException("MaxPool1D.kernel must be >= 1. Received: kernel=" + kernel);
        if (stride < 1) throw new IllegalArgumentException("MaxPool1D.stride must be >= 1. Received: stride=" + stride);
        if (padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("MaxPool1D.padding must be in [0, kernel / 2]. Received: padding=" + padding + ", kernel=" + kernel);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = WindowShapes.expect("MaxPool1D", LayerSpec.single("MaxPool1D", inputs), 1);
        return WindowShapes.shape(in.dim(0), WindowShapes.out("MaxPool1D", in, new int[]{kernel}, new int[]{stride}, new int[]{padding, padding}, new int[]{1}));
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new MaxPool1d(kernel, stride, padding, 1);
    }
}
