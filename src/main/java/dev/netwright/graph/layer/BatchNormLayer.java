package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.BatchNorm;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Batch normalization per channel (the first axis of the sample: the units after a Dense, the feature maps after
 * a Conv): y = γ (x - μ) / sqrt(σ² + eps) + β. Training uses the batch's μ, σ² (biased) and updates the running
 * statistics r ← (1 - momentum) r + momentum·batch; inference uses the running statistics.
 * <p>Shape: [C] or [C, L] or [C, H, W] → same; γ (weight), β (bias), running_mean, running_var [C]. Parameters: 2C.
 * <p>ONNX: BatchNormalization (inference form, with the running statistics).
 */
public record BatchNormLayer(float momentum, float eps) implements LayerSpec {
    public BatchNormLayer {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm.momentum must be in [0, 1]. Received: momentum=" + momentum);
        }
        if (!(eps > 0)) throw new IllegalArgumentException("BatchNorm.eps must be > 0. Received: eps=" + eps);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single("BatchNorm", inputs);
        if (in.rank() < 1 || in.rank() > 3) {
            throw new IllegalArgumentException("BatchNorm expects [channels], [channels, length] or [channels, height, width], got " + in);
        }
        return in;
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 2L * inputs.getFirst().dim(0);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new BatchNorm(inputs.getFirst().dim(0), momentum, eps);
    }
}
