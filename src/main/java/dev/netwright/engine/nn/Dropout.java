package dev.netwright.engine.nn;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Tensor;

/**
 * Inverted dropout: in training each unit is dropped with probability {@code rate} and the survivors
 * are scaled by 1/(1 - rate), so the expected activation is unchanged; in evaluation it is the identity.
 * (Note: {@code rate} is the DROP probability, PyTorch's p; some seeds use keep probability.)
 */
public final class Dropout extends Module {
    private final float rate;
    private final Rng rng;

    public Dropout(float rate, Rng rng) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("Dropout rate must be in [0, 1). Received: " + rate);
        this.rate = rate;
        this.rng = randomness(rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!training || rate == 0) return x;
        float[] mask = new float[x.shape().size()];
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.length; i++) mask[i] = rng.nextDouble() >= rate ? keep : 0f;
        return x.mul(Tensor.of(x.shape(), mask));
    }
}
