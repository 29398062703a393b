package dev.netwright.engine.nn;

import dev.netwright.engine.PoolOps;
import dev.netwright.engine.Tensor;

/**
 * Global max pooling: y[n, c] = max of the plane x[n, c].
 * <p>Shape: x [N, C, H, W] → [N, C, 1, 1]. No parameters.
 * <p>ONNX: GlobalMaxPool.
 */
public final class GlobalMaxPool2d extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return PoolOps.globalMaxPool2d(x);
    }
}
