package dev.netwright.engine.nn;

import dev.netwright.engine.NormOps;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

/**
 * Batch normalization (BatchNorm1d and BatchNorm2d in one): y = (x - mean) / sqrt(var + eps) * weight + bias per channel.
 * Training uses the batch's statistics (biased variance) and updates the running statistics with
 * r = (1 - momentum) r + momentum s (unbiased variance for running_var); evaluation uses the running statistics.
 * <p>Shape: x [N, C] or [N, C, H, W] → same; weight, bias, running_mean, running_var [C]. Parameters: 2C.
 * <p>ONNX: BatchNormalization.
 */
public final class BatchNorm extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final float momentum;
    private final float eps;

    public BatchNorm(int numFeatures, float momentum, float eps) {
        if (numFeatures <= 0 || !(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException("BatchNorm needs numFeatures > 0, momentum in [0, 1] and eps > 0. Received: numFeatures="
                    + numFeatures + ", momentum=" + momentum + ", eps=" + eps);
        }
        this.weight = parameter("weight", Tensor.full(Shape.of(numFeatures), 1f));
        this.bias = parameter("bias", Tensor.zeros(numFeatures));
        this.runningMean = buffer("running_mean", Tensor.zeros(numFeatures));
        this.runningVar = buffer("running_var", Tensor.full(Shape.of(numFeatures), 1f));
        this.momentum = momentum;
        this.eps = eps;
    }

    /** PyTorch's defaults: momentum 0.1, eps 1e-5. */
    public BatchNorm(int numFeatures) {
        this(numFeatures, 0.1f, 1e-5f);
    }

    @Override
    public Tensor forward(Tensor x) {
        return NormOps.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
