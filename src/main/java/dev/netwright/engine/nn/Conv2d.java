package dev.netwright.engine.nn;

import dev.netwright.engine.ConvOps;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

import java.util.Arrays;

/**
 * 2-D convolution: y[n, o] = b[o] + sum over c in o's group of w[o, c] ⋆ x[n, c] (cross-correlation).
 * <p>Shape: x [N, C, H, W] → y [N, O, oh, ow], oh = floor((H + 2 padding - dilation (kh - 1) - 1) / stride) + 1;
 * weight [O, C/groups, kh, kw], bias [O]. Parameters: O*(C/groups)*kh*kw (+ O).
 * <p>ONNX: Conv.
 */
public final class Conv2d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;

    /** Sizes are {height, width}. */
    public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups,
                  boolean bias, Init init, Rng rng) {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0
                || kernel.length != 2 || kernel[0] <= 0 || kernel[1] <= 0) {
            throw new IllegalArgumentException("Conv2d needs positive channels divisible by groups and a kernel {kh, kw}. Received: in="
                    + inChannels + ", out=" + outChannels + ", groups=" + groups + ", kernel=" + Arrays.toString(kernel));
        }
        Shape ws = Shape.of(outChannels, inChannels / groups, kernel[0], kernel[1]);
        this.weight = parameter("weight", Tensor.of(ws, init.sample(ws, rng, 1f, 0.05f)));
        this.bias = bias ? parameter("bias", Tensor.zeros(outChannels)) : null;
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
    }

    /** Square kernel, stride 1, no padding, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernel, Init init, Rng rng) {
        this(inChannels, outChannels, new int[]{kernel, kernel}, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}, 1, true, init, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        return ConvOps.conv2d(x, weight, bias, stride, padding, dilation, groups);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
