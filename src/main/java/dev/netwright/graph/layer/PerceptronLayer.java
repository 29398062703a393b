package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Init;
import dev.netwright.engine.nn.Linear;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Linear threshold units (Rosenblatt's perceptron): y = step(x Wᵀ + b), 1 where the pre-activation is >= 0, else 0.
 * It is a Dense layer followed by the Heaviside step. W and b are trainable parameters, but the step's gradient is
 * 0 everywhere, so gradient descent leaves them (and every layer before it) unchanged: the perceptron is trained
 * with the perceptron rule (a run with optimizer {@code perceptron}, training.PerceptronRule). With {@code bias} off it is the seed's sign(wᵀx)
 * unit, with outputs {0, 1} instead of {-1, 1}.
 * <p>Shape: [in] → [units]; weight [units, in], bias [units]. Parameters: in·units (+ units).
 * <p>ONNX: Gemm, GreaterOrEqual, Cast.
 */
public record PerceptronLayer(int units, boolean bias) implements LayerSpec {
    public PerceptronLayer {
        if (units < 1) throw new IllegalArgumentException("Perceptron.units must be >= 1. Received: units=" + units);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return DenseLayer.outputShape("Perceptron", inputs, units);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return DenseLayer.parameterCount(inputs, units, bias);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new DenseLayer.DenseWithActivation(new Linear(inputs.getFirst().dim(0), units, bias, Init.GLOROT_UNIFORM, rng),
                Activation.Kind.STEP);
    }

    /** The same units as a Dense layer with a step activation (what the ONNX export writes). */
    public DenseLayer asDense() {
        return new DenseLayer(units, bias, Activation.Kind.STEP, Init.GLOROT_UNIFORM);
    }
}
