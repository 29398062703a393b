package dev.netwright.engine.nn;

import dev.netwright.engine.NormOps;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

/**
 * Layer normalization over the trailing axes: y = (x - mean) / sqrt(var + eps) * weight + bias, with the statistics
 * (biased variance) of each sample's last normalizedShape.rank() axes. Same in training and evaluation.
 * <p>Shape: x [..., *normalizedShape] → same; weight, bias normalizedShape. Parameters: 2 * normalizedShape.size().
 * <p>ONNX: LayerNormalization.
 */
public final class LayerNorm extends Module {
    private final Shape normalizedShape;
    private final Tensor weight;
    private final Tensor bias;
    private final float eps;

    public LayerNorm(Shape normalizedShape, float eps) {
        if (normalizedShape.rank() == 0 || normalizedShape.size() == 0 || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm needs a non-empty normalized shape and eps > 0. Received: "
                    + normalizedShape + ", eps=" + eps);
        }
        this.normalizedShape = normalizedShape;
        this.weight = parameter("weight", Tensor.full(normalizedShape, 1f));
        this.bias = parameter("bias", Tensor.zeros(normalizedShape));
        this.eps = eps;
    }

    /** Normalizes over the last axis of size {@code features}, eps 1e-5. */
    public LayerNorm(int features) {
        this(Shape.of(features), 1e-5f);
    }

    @Override
    public Tensor forward(Tensor x) {
        return NormOps.layerNorm(x, normalizedShape, weight, bias, eps);
    }
}
