package dev.netwright.serving;

import java.util.Arrays;

/**
 * An output tensor of a prediction: its shape and its values in row-major order, as the Java array that matches the
 * element type ({@code float[]} for float32/float16/bfloat16, {@code double[]}, {@code long[]} for int64/uint32,
 * {@code int[]} for the smaller integers, {@code boolean[]}, {@code String[]}).
 */
public record TensorValue(long[] shape, Object data) {
    @Override
    public String toString() {
        return "TensorValue" + Arrays.toString(shape);
    }
}
