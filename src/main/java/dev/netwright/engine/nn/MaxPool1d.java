package dev.netwright.engine.nn;

import dev.netwright.engine.PoolOps;
import dev.netwright.engine.Tensor;

/**
 * 1-D max pooling: y = max over each window (padding counts as -infinity).
 * <p>Shape: x [N, C, L] → [N, C, floor((L + 2 padding - dilation (k - 1) - 1) / stride) + 1]. No parameters.
 * <p>ONNX: MaxPool.
 */
public final class MaxPool1d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;

    public MaxPool1d(int kernel, int stride, int padding, int dilation) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
    }

    /** Stride = kernel, no padding. */
    public MaxPool1d(int kernel) {
        this(kernel, kernel, 0, 1);
    }

    @Override
    public Tensor forward(Tensor x) {
        return PoolOps.maxPool1d(x, kernel, stride, padding, dilation);
    }
}
