package dev.netwright.serving;

import java.util.Arrays;

/**
 * One named input of a prediction as it arrives from JSON: the full shape (batch first) and the values in row-major
 * order. {@link InferenceSession} converts the values to the input's element type (float32, int64, ...).
 */
public record InputTensor(long[] shape, double[] data) {
    public InputTensor {
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("Shape dimensions must be >= 0, got " + Arrays.toString(shape));
        }
    }

    @Override
    public String toString() {
        return "InputTensor" + Arrays.toString(shape);
    }
}
