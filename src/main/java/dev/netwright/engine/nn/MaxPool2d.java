package dev.netwright.engine.nn;

import dev.netwright.engine.PoolOps;
import dev.netwright.engine.Tensor;

/**
 * 2-D max pooling: y = max over each window (padding counts as -infinity).
 * <p>Shape: x [N, C, H, W] → [N, C, oh, ow], oh = floor((H + 2 padding - dilation (kh - 1) - 1) / stride) + 1. No parameters.
 * <p>ONNX: MaxPool.
 */
public final class MaxPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;

    /** Sizes are {height, width}. */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
    }

    /** Square window, stride = kernel, no padding. */
    public MaxPool2d(int kernel) {
        this(new int[]{kernel, kernel}, new int[]{kernel, kernel}, new int[]{0, 0}, new int[]{1, 1});
    }

    @Override
    public Tensor forward(Tensor x) {
        return PoolOps.maxPool2d(x, kernel, stride, padding, dilation);
    }
}
