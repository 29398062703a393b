package dev.netwright.engine.nn;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Tensor;

/**
 * Additive Gaussian noise, a regularizer: y = x + e with e ~ N(0, stddev^2) drawn afresh in each training step;
 * identity in evaluation.
 * <p>Shape: unchanged. No parameters.
 */
public final class GaussianNoise extends Module {
    private final float stddev;
    private final Rng rng;

    public GaussianNoise(float stddev, Rng rng) {
        if (!(stddev >= 0)) throw new IllegalArgumentException("GaussianNoise stddev must be >= 0. Received: " + stddev);
        this.stddev = stddev;
        this.rng = randomness(rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!training || stddev == 0) return x;
        return x.add(Tensor.of(x.shape(), Init.NORMAL.sample(x.shape(), rng, 1f, stddev)));
    }
}
