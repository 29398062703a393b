package dev.netwright.engine.nn;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

/**
 * Fully connected layer (Dense): y = x W^T + b.
 * <p>Shape: x [N, in] → y [N, out]; weight [out, in], bias [out]. Parameters: out*in (+ out).
 * <p>ONNX: Gemm(transB=1).
 */
public final class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int in, int out, boolean bias, Init init, Rng rng) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear needs in > 0 and out > 0. Received: in=" + in + ", out=" + out);
        Shape ws = Shape.of(out, in);
        this.weight = parameter("weight", Tensor.of(ws, init.sample(ws, rng, 1f, 0.05f)));
        this.bias = bias ? parameter("bias", Tensor.zeros(out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Tensor.linear(x, weight, bias);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
