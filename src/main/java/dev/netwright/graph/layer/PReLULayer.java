package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Module;
import dev.netwright.engine.nn.PReLU;

import java.util.List;

/**
 * Parametric ReLU: y = max(0, x) + a · min(0, x) with a learned slope a, one per channel (the first axis of the
 * sample) or one shared by all units.
 * <p>Shape: unchanged; weight [C] or [1]. Parameters: C per channel, else 1.
 * <p>ONNX: PRelu (slope as [C, 1, ...] to broadcast over the trailing axes).
 *
 * @param slope the initial slope (0.25 like PyTorch)
 */
public record PReLULayer(boolean perChannel, float slope) implements LayerSpec {
    public PReLULayer {
        if (!Float.isFinite(slope)) throw new IllegalArgumentException("PReLU.slope must be a finite number. Received: slope=" + slope);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single("PReLU", inputs);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return perChannel ? inputs.getFirst().dim(0) : 1;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new PReLU((int) parameterCount(inputs), slope);
    }
}
