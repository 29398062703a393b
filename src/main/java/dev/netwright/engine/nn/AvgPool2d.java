package dev.netwright.engine.nn;

import dev.netwright.engine.PoolOps;
import dev.netwright.engine.Tensor;

/**
 * 2-D average pooling: y = mean over each window; with countIncludePad (PyTorch's default) the padding counts
 * in the divisor.
 * <p>Shape: x [N, C, H, W] → [N, C, oh, ow], oh = floor((H + 2 padding - kh) / stride) + 1. No parameters.
 * <p>ONNX: AveragePool.
 */
public final class AvgPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean countIncludePad;

    /** Sizes are {height, width}. */
    public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.countIncludePad = countIncludePad;
    }

    /** Square window, stride = kernel, no padding. */
    public AvgPool2d(int kernel) {
        this(new int[]{kernel, kernel}, new int[]{kernel, kernel}, new int[]{0, 0}, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        return PoolOps.avgPool2d(x, kernel, stride, padding, countIncludePad);
    }
}
