package dev.netwright.graph.layer;

import dev.netwright.engine.Shape;

import java.util.Arrays;

/**
 * Shape helpers for layers that slide a window over the trailing axes of a [channels, ...spatial] sample
 * (convolutions and pooling). Sizes are per spatial axis: {length} or {height, width}.
 */
final class WindowShapes {
    private WindowShapes() {
    }

    private static final String[] NAMES_1D = {"length"};
    private static final String[] NAMES_2D = {"height", "width"};

    /** Checks that {@code in} is [channels, ...spatial] with {@code spatial} spatial axes. */
    static Shape expect(String type, Shape in, int spatial) {
        if (in.rank() != spatial + 1) {
            String want = spatial == 1 ? "[channels, length]" : "[channels, height, width]";
            throw new IllegalArgumentException(type + " expects " + want + ", got " + in + "; add a Reshape"
                    + (in.rank() > spatial + 1 ? " or Flatten" : "") + " before it");
        }
        return in;
    }

    /**
     * Output positions along each spatial axis: floor((in + before + after - dilation (k - 1) - 1) / stride) + 1.
     * {@code pads} is {before..., after...} (ONNX order); throws naming the sizes when the window does not fit.
     */
    static int[] out(String type, Shape in, int[] kernel, int[] stride, int[] pads, int[] dilation) {
        int r = kernel.length;
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int size = in.dim(in.rank() - r + i);
            int span = dilation[i] * (kernel[i] - 1) + 1;
            out[i] = Math.floorDiv(size + pads[i] + pads[r + i] - span, stride[i]) + 1;
            if (out[i] < 1) {
                throw new IllegalArgumentException(type + ": the window of " + kernel[i] + (dilation[i] > 1 ? " (dilation " + dilation[i] + ")" : "")
                        + " does not fit the " + (r == 1 ? NAMES_1D : NAMES_2D)[i] + " " + size + " of the input " + in
                        + (pads[i] + pads[r + i] > 0 ? " padded by " + pads[i] + "+" + pads[r + i] : ""));
            }
        }
        return out;
    }

    /** [channels, ...spatial]. */
    static Shape shape(int channels, int[] spatial) {
        int[] d = new int[spatial.length + 1];
        d[0] = channels;
        System.arraycopy(spatial, 0, d, 1, spatial.length);
        return Shape.of(d);
    }

    static int[] ones(int r) {
        int[] a = new int[r];
        Arrays.fill(a, 1);
        return a;
    }

    /** Symmetric padding {p..., p...} in ONNX order. */
    static int[] symmetric(int[] padding) {
        int r = padding.length;
        int[] pads = new int[2 * r];
        for (int i = 0; i < r; i++) {
            pads[i] = padding[i];
            pads[r + i] = padding[i];
        }
        return pads;
    }

    /** Throws unless every entry of {@code v} is >= min: "{type}.{name} must be >= {min}. Received: [..]". */
    static int[] atLeast(String type, String name, int[] v, int min) {
        for (int x : v) {
            if (x < min) throw new IllegalArgumentException(type + "." + name + " must be >= " + min + ". Received: " + name + "=" + Arrays.toString(v));
        }
        return v.clone();
    }

    static String size(int[] v) {
        return Arrays.stream(v).mapToObj(String::valueOf).reduce((a, b) -> a + "×" + b).orElse("");
    }
}
