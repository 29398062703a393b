package dev.netwright.engine.nn;

import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

/**
 * Parametric ReLU (He et al. 2015): y = max(0, x) + a * min(0, x), with a learned slope a, one per channel (axis 1)
 * or a single one shared by all. Initial slope 0.25 like PyTorch.
 * <p>Shape: x [N, C, ...] (or anything when shared) → same; weight [numParameters]. Parameters: numParameters.
 * <p>ONNX: PRelu.
 */
public final class PReLU extends Module {
    private final Tensor weight;

    public PReLU(int numParameters, float init) {
        if (numParameters <= 0) throw new IllegalArgumentException("PReLU needs numParameters > 0. Received: " + numParameters);
        this.weight = parameter("weight", Tensor.full(Shape.of(numParameters), init));
    }

    /** One slope per channel when {@code numParameters} is the channel count, or 1 shared slope; initial slope 0.25. */
    public PReLU(int numParameters) {
        this(numParameters, 0.25f);
    }

    @Override
    public Tensor forward(Tensor x) {
        int n = weight.shape().dim(0);
        Tensor a = weight;
        if (n > 1) {
            Shape s = x.shape();
            if (s.rank() < 2 || s.dim(1) != n) {
                throw new IllegalArgumentException("PReLU with " + n + " slopes expects x [N, " + n + ", ...]. Received: " + s);
            }
            int[] d = new int[s.rank()];
            java.util.Arrays.fill(d, 1);
            d[1] = n;
            a = weight.reshape(Shape.of(d));
        }
        // max(0, x) + a min(0, x) = relu(x) - a relu(-x)
        return x.relu().sub(x.neg().relu().mul(a));
    }

    public Tensor weight() {
        return weight;
    }
}
