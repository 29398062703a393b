package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Init;
import dev.netwright.engine.nn.Linear;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Fully connected layer: a = f(x W^T + b).
 * <p>Shape: [in] → [units]; parameters in*units (+ units with bias).
 */
public record DenseLayer(int units, boolean bias, Activation.Kind activation, Init init) implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return outputShape("Dense", inputs, units);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return parameterCount(inputs, units, bias);
    }

    /** The fully connected shape rule, shared with {@link PerceptronLayer}: [in] → [units]. */
    static Shape outputShape(String type, List<Shape> inputs, int units) {
        Shape in = LayerSpec.single(type, inputs);
        if (in.rank() != 1) {
            throw new IllegalArgumentException(type + " expects a flat vector per sample, got " + in + "; add a Flatten before it");
        }
        return Shape.of(units);
    }

    /** in·units weights (+ units biases). */
    static long parameterCount(List<Shape> inputs, int units, boolean bias) {
        return (long) inputs.getFirst().dim(0) * units + (bias ? units : 0);
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        Linear linear = new Linear(inputs.getFirst().dim(0), units, bias, init, rng);
        if (activation == Activation.Kind.IDENTITY) return linear;
        return new DenseWithActivation(linear, activation);
    }

    /** Linear followed by an activation; parameters are the linear layer's. */
    public static final class DenseWithActivation extends Module {
        private final Linear linear;
        private final Activation.Kind activation;

        DenseWithActivation(Linear linear, Activation.Kind activation) {
            this.linear = linear;
            this.activation = activation;
            parameter("weight", linear.weight());
            if (linear.bias() != null) parameter("bias", linear.bias());
        }

        @Override
        public Tensor forward(Tensor x) {
            return Activation.apply(activation, Activation.defaultAlpha(activation), linear.forward(x));
        }
    }
}
