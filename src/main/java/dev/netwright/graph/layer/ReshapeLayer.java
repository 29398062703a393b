package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Module;

import java.util.Arrays;
import java.util.List;

/**
 * Gives each sample a new shape with the same values in row-major order, e.g. [784] → [1, 28, 28].
 * One entry of {@code shape} may be -1: it is inferred from the others.
 * <p>Shape: [d1, ...] → shape, with d1·... = the product of shape. No parameters.
 * <p>ONNX: Reshape to [0, ...shape] (0 keeps the batch dimension).
 */
public record ReshapeLayer(int[] shape) implements LayerSpec {
    public ReshapeLayer {
        shape = shape.clone();
        int inferred = 0;
        for (int d : shape) {
            if (d == 0 || d < -1) throw new IllegalArgumentException("Reshape.shape entries must be >= 1 or -1. Received: shape=" + Arrays.toString(shape));
            if (d == -1) inferred++;
        }
        if (inferred > 1) throw new IllegalArgumentException("Reshape.shape may hold only one -1. Received: shape=" + Arrays.toString(shape));
        if (shape.length == 0) throw new IllegalArgumentException("Reshape.shape must not be empty");
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single("Reshape", inputs);
        int known = 1, infer = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) infer = i;
            else known *= shape[i];
        }
        int[] out = shape.clone();
        if (infer >= 0) {
            if (in.size() % known != 0) {
                throw new IllegalArgumentException("Reshape cannot fit " + in + " (" + in.size() + " values) into " + Arrays.toString(shape)
                        + ": " + in.size() + " is not a multiple of " + known);
            }
            out[infer] = in.size() / known;
        } else if (known != in.size()) {
            throw new IllegalArgumentException("Reshape cannot turn " + in + " (" + in.size() + " values) into " + Arrays.toString(shape)
                    + " (" + known + " values)");
        }
        return Shape.of(out);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        Shape out = outputShape(inputs);
        int[] d = new int[out.rank() + 1];
        d[0] = -1;
        System.arraycopy(out.toArray(), 0, d, 1, out.rank());
        return new Adapted(new Activation(Activation.Kind.IDENTITY), x -> x.reshape(d), y -> y);
    }
}
