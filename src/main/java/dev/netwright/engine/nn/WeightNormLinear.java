package dev.netwright.engine.nn;

import dev.netwright.engine.NormOps;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

/**
 * Fully connected layer with weight normalization (Salimans and Kingma 2016): y = x W^T + b, W = g * v / ||v||
 * with the norm of each output row; g starts at ||v|| so the initial W is v.
 * <p>Shape: x [N, in] → y [N, out]; weight_v [out, in], weight_g [out, 1], bias [out]. Parameters: out*in + out (+ out).
 * <p>ONNX: the normalized W is computed at export, then Gemm(transB=1).
 */
public final class WeightNormLinear extends Module {
    private final Tensor v;
    private final Tensor g;
    private final Tensor bias;

    public WeightNormLinear(int in, int out, boolean bias, Init init, Rng rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("WeightNormLinear needs in > 0 and out > 0. Received: in=" + in + ", out=" + out);
        }
        Shape vs = Shape.of(out, in);
        Tensor v0 = Tensor.of(vs, init.sample(vs, rng, 1f, 0.05f));
        this.g = parameter("weight_g", v0.square().sum(1, true).sqrt().detach());
        this.v = parameter("weight_v", v0);
        this.bias = bias ? parameter("bias", Tensor.zeros(out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Tensor.linear(x, weight(), bias);
    }

    /** The effective weight g * v / ||v|| (a graph node: gradients reach v and g). */
    public Tensor weight() {
        return NormOps.weightNorm(v, g);
    }
}
