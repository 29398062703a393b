package dev.netwright.engine.nn;

import dev.netwright.engine.Tensor;

/** [N, d1, d2, ...] → [N, d1*d2*...]. */
public final class Flatten extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.reshape(x.shape().dim(0), -1);
    }
}
