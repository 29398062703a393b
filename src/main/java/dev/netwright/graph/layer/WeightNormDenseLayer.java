package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Init;
import dev.netwright.engine.nn.Module;
import dev.netwright.engine.nn.WeightNormLinear;

import java.util.List;

/**
 * Dense with weight normalization: y = f(x Wᵀ + b), W = g · v / ‖v‖ per output row; v and g are trained, g starting
 * at ‖v‖ so the initial W is v.
 * <p>Shape: [in] → [units]; weight_v [units, in], weight_g [units, 1], bias [units]. Parameters: in·units + units (+ units).
 * <p>ONNX: Gemm with W precomputed as an initializer ({@code <node>.weight}), then the activation.
 */
public record WeightNormDenseLayer(int units, boolean bias, Activation.Kind activation, Init init) implements LayerSpec {
    public WeightNormDenseLayer {
        if (units < 1) throw new IllegalArgumentException("WeightNormDense.units must be >= 1. Received: units=" + units);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return DenseLayer.outputShape("WeightNormDense", inputs, units);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return DenseLayer.parameterCount(inputs, units, bias) + units; // + the per-row norms g
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return Adapted.withActivation(new WeightNormLinear(inputs.getFirst().dim(0), units, bias, init, rng), activation);
    }
}
