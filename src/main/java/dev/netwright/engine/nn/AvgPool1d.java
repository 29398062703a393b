package dev.netwright.engine.nn;

import dev.netwright.engine.PoolOps;
import dev.netwright.engine.Tensor;

/**
 * 1-D average pooling: y = mean over each window; with countIncludePad (PyTorch's default) the padding counts
 * in the divisor.
 * <p>Shape: x [N, C, L] → [N, C, floor((L + 2 padding - k) / stride) + 1]. No parameters.
 * <p>ONNX: AveragePool.
 */
public final class AvgPool1d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean countIncludePad;

    public AvgPool1d(int kernel, int stride, int padding, boolean countIncludePad) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.countIncludePad = countIncludePad;
    }

    /** Stride = kernel, no padding. */
    public AvgPool1d(int kernel) {
        this(kernel, kernel, 0, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        return PoolOps.avgPool1d(x, kernel, stride, padding, countIncludePad);
    }
}
