package dev.netwright.engine.nn;

import dev.netwright.engine.ConvOps;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

/**
 * 1-D convolution: y[n, o] = b[o] + sum over c in o's group of w[o, c] ⋆ x[n, c] (cross-correlation).
 * <p>Shape: x [N, C, L] → y [N, O, floor((L + 2 padding - dilation (k - 1) - 1) / stride) + 1];
 * weight [O, C/groups, k], bias [O]. Parameters: O*(C/groups)*k (+ O).
 * <p>ONNX: Conv.
 */
public final class Conv1d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;

    public Conv1d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups,
                  boolean bias, Init init, Rng rng) {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0 || kernel <= 0) {
            throw new IllegalArgumentException("Conv1d needs positive channels divisible by groups and kernel > 0. Received: in="
                    + inChannels + ", out=" + outChannels + ", groups=" + groups + ", kernel=" + kernel);
        }
        Shape ws = Shape.of(outChannels, inChannels / groups, kernel);
        this.weight = parameter("weight", Tensor.of(ws, init.sample(ws, rng, 1f, 0.05f)));
        this.bias = bias ? parameter("bias", Tensor.zeros(outChannels)) : null;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
    }

    /** Stride 1, no padding, with bias. */
    public Conv1d(int inChannels, int outChannels, int kernel, Init init, Rng rng) {
        this(inChannels, outChannels, kernel, 1, 0, 1, 1, true, init, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        return ConvOps.conv1d(x, weight, bias, stride, padding, dilation, groups);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
