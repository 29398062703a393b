package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Conv2d;
import dev.netwright.engine.nn.Init;
import dev.netwright.engine.nn.Module;

import java.util.Arrays;
import java.util.List;

/**
 * 2-D convolution (cross-correlation) with a bias per filter, then an activation:
 * y[o] = f(b[o] + Σ_c w[o, c] ⋆ x[c]), c over o's group of in/groups channels.
 * <p>Shape: [C, H, W] → [filters, oh, ow], oh = floor((H + pad_top + pad_bottom - dilation (kh - 1) - 1) / stride) + 1
 * ("same": oh = ceil(H / stride)); weight [filters, C/groups, kh, kw], bias [filters].
 * Parameters: filters·(C/groups)·kh·kw (+ filters).
 * <p>ONNX: Conv (pads may be asymmetric for "same"), then the activation.
 *
 * @param kernel   {kh, kw}
 * @param stride   {sh, sw}
 * @param dilation {dh, dw}
 */
public record Conv2DLayer(int filters, int[] kernel, int[] stride, Padding padding, int[] dilation, int groups, boolean bias,
                          Activation.Kind activation, Init init) implements LayerSpec {
    public Conv2DLayer {
        if (filters < 1) throw new IllegalArgumentException("Conv2D.filters must be >= 1. Received: filters=" + filters);
        if (groups < 1) throw new IllegalArgumentException("Conv2D.groups must be >= 1. Received: groups=" + groups);
        if (filters % groups != 0) {
            throw new IllegalArgumentException("Conv2D.filters must be divisible by groups. Received: filters=" + filters + ", groups=" + groups);
        }
        kernel = WindowShapes.atLeast("Conv2D", "kernel", pair("kernel", kernel), 1);
        stride = WindowShapes.atLeast("Conv2D", "stride", pair("stride", stride), 1);
        dilation = WindowShapes.atLeast("Conv2D", "dilation", pair("dilation", dilation), 1);
    }

    private static int[] pair(String name, int[] v) {
        if (v.length != 2) throw new IllegalArgumentException("Conv2D." + name + " needs 2 sizes {height, width}. Received: " + Arrays.toString(v));
        return v;
    }

    /** Zero padding of {@code in} in ONNX order {top, left, bottom, right}. */
    public int[] pads(Shape in) {
        int[] h = padding.pads(in.dim(1), kernel[0], stride[0], dilation[0]);
        int[] w = padding.pads(in.dim(2), kernel[1], stride[1], dilation[1]);
        return new int[]{h[0], w[0], h[1], w[1]};
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = WindowShapes.expect("Conv2D", LayerSpec.single("Conv2D", inputs), 2);
        if (in.dim(0) % groups != 0) {
            throw new IllegalArgumentException("Conv2D with groups=" + groups + " needs input channels divisible by " + groups + ", got " + in);
        }
        return WindowShapes.shape(filters, WindowShapes.out("Conv2D", in, kernel, stride, pads(in), dilation));
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return (long) filters * (inputs.getFirst().dim(0) / groups) * kernel[0] * kernel[1] + (bias ? filters : 0);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        Shape in = inputs.getFirst();
        int[] p = pads(in);
        Conv2d conv = new Conv2d(in.dim(0), filters, kernel, stride, new int[]{p[0], p[1]}, dilation, groups, bias, init, rng);
        // "same" puts an odd zero at the bottom/right: pad it explicitly, the rest symmetrically in the conv
        Module m = p[2] == p[0] && p[3] == p[1] ? conv
                : new Adapted(conv, x -> Adapted.padEnd(Adapted.padEnd(x, 2, p[2] - p[0]), 3, p[3] - p[1]), y -> y);
        return Adapted.withActivation(m, activation);
    }
}
