package dev.netwright.engine.nn;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.backend.UnaryOp;

/**
 * Alpha dropout for self-normalizing (SELU) networks (Klambauer et al. 2017): in training each unit is set with
 * probability {@code rate} to SELU's negative saturation α' = -λα, then y = a (x or α') + b with
 * a = ((1 - p)(1 + p α'^2))^(-1/2) and b = -a p α', so inputs with mean 0 and variance 1 keep them.
 * Identity in evaluation.
 * <p>Shape: unchanged. No parameters.
 */
public final class AlphaDropout extends Module {
    /** SELU's negative saturation value, -λα. */
    private static final double ALPHA_PRIME = -UnaryOp.SELU_LAMBDA * UnaryOp.SELU_ALPHA;

    private final float rate;
    private final Rng rng;

    public AlphaDropout(float rate, Rng rng) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("AlphaDropout rate must be in [0, 1). Received: " + rate);
        this.rate = rate;
        this.rng = randomness(rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!training || rate == 0) return x;
        double p = rate;
        double a = 1 / Math.sqrt((1 - p) * (1 + p * ALPHA_PRIME * ALPHA_PRIME));
        double b = -a * p * ALPHA_PRIME;
        // y = x * scale + shift: kept units get (a, b), dropped ones (0, a α' + b)
        float[] scale = new float[x.shape().size()], shift = new float[scale.length];
        for (int i = 0; i < scale.length; i++) {
            boolean keep = rng.nextDouble() >= p;
            scale[i] = keep ? (float) a : 0f;
            shift[i] = (float) (keep ? b : a * ALPHA_PRIME + b);
        }
        return x.mul(Tensor.of(x.shape(), scale)).add(Tensor.of(x.shape(), shift));
    }
}
