package dev.netwright.engine.nn;

import dev.netwright.engine.PoolOps;
import dev.netwright.engine.Tensor;

/**
 * Global average pooling: y[n, c] = mean of the plane x[n, c].
 * <p>Shape: x [N, C, H, W] → [N, C, 1, 1]. No parameters.
 * <p>ONNX: GlobalAveragePool.
 */
public final class GlobalAvgPool2d extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return PoolOps.globalAvgPool2d(x);
    }
}
