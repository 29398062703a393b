package dev.netwright.serving;

import java.util.Arrays;

/**
 * A float32 tensor as plain arrays: row-major {@code data} and its {@code shape} (batch first).
 */
public record TensorData(float[] data, long[] shape) {
    public TensorData {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != data.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    @Override
    public String toString() {
        return "TensorData" + Arrays.toString(shape);
    }
}
