package dev.netwright.engine.nn;

import dev.netwright.engine.ConvOps;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

import java.util.Arrays;

/**
 * Transposed 2-D convolution ("deconvolution"): the gradient of Conv2d with respect to its input, plus a bias;
 * each input value scatters a scaled copy of its kernel into the output.
 * <p>Shape: x [N, C, H, W] → y [N, O, (H - 1) stride - 2 padding + dilation (kh - 1) + outputPadding + 1, ...];
 * weight [C, O/groups, kh, kw], bias [O]. Parameters: C*(O/groups)*kh*kw (+ O).
 * <p>ONNX: ConvTranspose.
 */
public final class ConvTranspose2d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int[] stride;
    private final int[] padding;
    private final int[] outputPadding;
    private final int[] dilation;
    private final int groups;

    /** Sizes are {height, width}. */
    public ConvTranspose2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] outputPadding,
                           int[] dilation, int groups, boolean bias, Init init, Rng rng) {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0
                || kernel.length != 2 || kernel[0] <= 0 || kernel[1] <= 0) {
            throw new IllegalArgumentException("ConvTranspose2d needs positive channels divisible by groups and a kernel {kh, kw}. "
                    + "Received: in=" + inChannels + ", out=" + outChannels + ", groups=" + groups + ", kernel=" + Arrays.toString(kernel));
        }
        Shape ws = Shape.of(inChannels, outChannels / groups, kernel[0], kernel[1]);
        this.weight = parameter("weight", Tensor.of(ws, init.sample(ws, rng, 1f, 0.05f)));
        this.bias = bias ? parameter("bias", Tensor.zeros(outChannels)) : null;
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.outputPadding = outputPadding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
    }

    /** Square kernel and stride, no padding, with bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, Init init, Rng rng) {
        this(inChannels, outChannels, new int[]{kernel, kernel}, new int[]{stride, stride}, new int[]{0, 0}, new int[]{0, 0},
                new int[]{1, 1}, 1, true, init, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        return ConvOps.convTranspose2d(x, weight, bias, stride, padding, outputPadding, dilation, groups);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
