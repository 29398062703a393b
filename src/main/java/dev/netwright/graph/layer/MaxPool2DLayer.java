package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.MaxPool2d;
import dev.netwright.engine.nn.Module;

import java.util.Arrays;
import java.util.List;

/**
 * 2-D max pooling: y[c, i, j] = the maximum of x[c] over window (i, j); padding counts as -∞.
 * <p>Shape: [C, H, W] → [C, oh, ow], oh = floor((H + 2 padding - kh) / stride) + 1. No parameters.
 * <p>ONNX: MaxPool.
 *
 * @param kernel  window {kh, kw}
 * @param stride  step {sh, sw}
 * @param padding -∞ on each border {ph, pw}, at most half the window
 */
public record MaxPool2DLayer(int[] kernel, int[] stride, int[] padding) implements LayerSpec {
    public MaxPool2DLayer {
        kernel = WindowShapes.atLeast("MaxPool2D", "kernel", pair("kernel", kernel), 1);
        stride = WindowShapes.atLeast("MaxPool2D", "stride", pair("stride", stride), 1);
        padding = WindowShapes.atLeast("MaxPool2D", "padding", pair("padding", padding), 0);
        for (int i = 0; i < 2; i++) {
            if (2 * padding[i] > kernel[i]) {
                throw new IllegalArgumentException("MaxPool2D.padding must be at most half the kernel. Received: padding="
                        + Arrays.toString(padding) + ", kernel=" + Arrays.toString(kernel));
            }
        }
    }

    private static int[] pair(String name, int[] v) {
        if (v.length != 2) throw new IllegalArgumentException("MaxPool2D." + name + " needs 2 sizes {height, width}. Received: " + Arrays.toString(v));
        return v;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = WindowShapes.expect("MaxPool2D", LayerSpec.single("MaxPool2D", inputs), 2);
        return WindowShapes.shape(in.dim(0), WindowShapes.out("MaxPool2D", in, kernel, stride, WindowShapes.symmetric(padding), WindowShapes.ones(2)));
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new MaxPool2d(kernel, stride, padding, new int[]{1, 1});
    }
}
