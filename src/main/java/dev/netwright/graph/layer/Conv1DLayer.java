package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Conv1d;
import dev.netwright.engine.nn.Init;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * 1-D convolution (cross-correlation) over a sequence of channel vectors, then an activation:
 * y[o] = f(b[o] + Σ_c w[o, c] ⋆ x[c]).
 * <p>Shape: [C, L] → [filters, floor((L + pad_begin + pad_end - dilation (k - 1) - 1) / stride) + 1]
 * ("same": ceil(L / stride)); weight [filters, C/groups, k], bias [filters]. Parameters: filters·(C/groups)·k (+ filters).
 * <p>ONNX: Conv, then the activation.
 */
public record Conv1DLayer(int filters, int kernel, int stride, Padding padding, int dilation, int groups, boolean bias,
                          Activation.Kind activation, Init init) implements LayerSpec {
    public Conv1DLayer {
        if (filters < 1) throw new IllegalArgumentException("Conv1D.filters must be >= 1. Received: filters=" + filters);
        if (kernel < 1) throw new IllegalArgumentException("Conv1D.kernel must be >= 1. Received: kernel=" + kernel);
        if (stride < 1) throw new IllegalArgumentException("Conv1D.stride must be >= 1. Received: stride=" + stride);
        if (dilation < 1) throw new IllegalArgumentException("Conv1D.dilation must be >= 1. Received: dilation=" + dilation);
        if (groups < 1 || filters % groups != 0) {
            throw new IllegalArgumentException("Conv1D.groups must be >= 1 and divide filters. Received: groups=" + groups + ", filters=" + filters);
        }
    }

    /** Zero padding {begin, end} of {@code in}'s length. */
    public int[] pads(Shape in) {
        return padding.pads(in.dim(1), kernel, stride, dilation);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = WindowShapes.expect("Conv1D", LayerSpec.single("Conv1D", inputs), 1);
        if (in.dim(0) % groups != 0) {
            throw new IllegalArgumentException("Conv1D with groups=" + groups + " needs input channels divisible by " + groups + ", got " + in);
        }
        return WindowShapes.shape(filters, WindowShapes.out("Conv1D", in, new int[]{kernel}, new int[]{stride}, pads(in), new int[]{dilation}));
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return (long) filters * (inputs.getFirst().dim(0) / groups) * kernel + (bias ? filters : 0);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        Shape in = inputs.getFirst();
        int[] p = pads(in);
        Conv1d conv = new Conv1d(in.dim(0), filters, kernel, stride, p[0], dilation, groups, bias, init, rng);
        Module m = p[1] == p[0] ? conv : new Adapted(conv, x -> Adapted.padEnd(x, 2, p[1] - p[0]), y -> y);
        return Adapted.withActivation(m, activation);
    }
}
