package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.AvgPool2d;
import dev.netwright.engine.nn.Module;

import java.util.Arrays;
import java.util.List;

/**
 * 2-D average pooling: y[c, i, j] = the mean of x[c] over window (i, j); padded zeros count in the divisor (PyTorch's default).
 * <p>Shape: [C, H, W] → [C, oh, ow], oh = floor((H + 2 padding - kh) / stride) + 1. No parameters.
 * <p>ONNX: AveragePool (count_include_pad=1).
 *
 * @param kernel  window {kh, kw}
 * @param stride  step {sh, sw}
 * @param padding zeros on each border {ph, pw}, at most half the window
 */
public record AvgPool2DLayer(int[] kernel, int[] stride, int[] padding) implements LayerSpec {
    public AvgPool2DLayer {
        kernel = WindowShapes.atLeast("AvgPool2D", "kernel", pair("kernel", kernel), 1);
        stride = WindowShapes.atLeast("AvgPool2D", "stride", pair("stride", stride), 1);
        padding = WindowShapes.atLeast("AvgPool2D", "padding", pair("padding", padding), 0);
        for (int i = 0; i < 2; i++) {
            if (2 * padding[i] > kernel[i]) {
                throw new IllegalArgumentException("AvgPool2D.padding must be at most half the kernel. Received: padding="
                        + Arrays.toString(padding) + ", kernel=" + Arrays.toString(kernel));
            }
        }
    }

    private static int[] pair(String name, int[] v) {
        if (v.length != 2) throw new IllegalArgumentException("AvgPool2D." + name + " needs 2 sizes {height, width}. Received: " + Arrays.toString(v));
        return v;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = WindowShapes.expect("AvgPool2D", LayerSpec.single("AvgPool2D", inputs), 2);
        return WindowShapes.shape(in.dim(0), WindowShapes.out("AvgPool2D", in, kernel, stride, WindowShapes.symmetric(padding), WindowShapes.ones(2)));
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new AvgPool2d(kernel, stride, padding, true);
    }
}
