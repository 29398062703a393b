package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.ConvTranspose2d;
import dev.netwright.engine.nn.Init;
import dev.netwright.engine.nn.Module;

import java.util.Arrays;
import java.util.List;

/**
 * Transposed 2-D convolution ("deconvolution", the input-gradient of a Conv2D): each input value adds a scaled copy
 * of its kernel to the output, then a bias and an activation: y = f(b + Σ_c x[c] * w[c]) upsampled by the stride.
 * <p>Shape: [C, H, W] → [filters, (H - 1) stride - 2 padding + kh + output_padding, ...];
 * weight [C, filters, kh, kw], bias [filters]. Parameters: C·filters·kh·kw (+ filters).
 * <p>ONNX: ConvTranspose, then the activation.
 *
 * @param padding       zeros removed from each border {ph, pw}
 * @param outputPadding extra rows/columns at the bottom/right {oph, opw}, each < its stride
 */
public record ConvTranspose2DLayer(int filters, int[] kernel, int[] stride, int[] padding, int[] outputPadding, boolean bias,
                                   Activation.Kind activation, Init init) implements LayerSpec {
    private static final String T = "ConvTranspose2D";

    public ConvTranspose2DLayer {
        if (filters < 1) throw new IllegalArgumentException(T + ".filters must be >= 1. Received: filters=" + filters);
        kernel = WindowShapes.atLeast(T, "kernel", pair("kernel", kernel), 1);
        stride = WindowShapes.atLeast(T, "stride", pair("stride", stride), 1);
        padding = WindowShapes.atLeast(T, "padding", pair("padding", padding), 0);
        outputPadding = WindowShapes.atLeast(T, "output_padding", pair("output_padding", outputPadding), 0);
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] >= stride[i]) {
                throw new IllegalArgumentException(T + ".output_padding must be smaller than the stride. Received: output_padding="
                        + Arrays.toString(outputPadding) + ", stride=" + Arrays.toString(stride));
            }
        }
    }

    private static int[] pair(String name, int[] v) {
        if (v.length != 2) throw new IllegalArgumentException(T + "." + name + " needs 2 sizes {height, width}. Received: " + Arrays.toString(v));
        return v;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = WindowShapes.expect(T, LayerSpec.single(T, inputs), 2);
        int[] out = new int[2];
        for (int i = 0; i < 2; i++) {
            out[i] = (in.dim(i + 1) - 1) * stride[i] - 2 * padding[i] + kernel[i] + outputPadding[i];
            if (out[i] < 1) {
                throw new IllegalArgumentException(T + ": padding " + padding[i] + " removes the whole output of the input " + in);
            }
        }
        return WindowShapes.shape(filters, out);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return (long) inputs.getFirst().dim(0) * filters * kernel[0] * kernel[1] + (bias ? filters : 0);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return Adapted.withActivation(new ConvTranspose2d(inputs.getFirst().dim(0), filters, kernel, stride, padding, outputPadding,
                new int[]{1, 1}, 1, bias, init, rng), activation);
    }
}
