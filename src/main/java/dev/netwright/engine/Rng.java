package dev.netwright.engine;

import java.util.SplittableRandom;

/** A seeded random generator: the same seed gives the same initial weights, shuffles and dropout masks. */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public float uniform(float low, float high) {
        return low + (high - low) * (float) random.nextDouble();
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    public float normal(float mean, float std) {
        return mean + std * (float) random.nextGaussian();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Fisher–Yates shuffle in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** An independent generator derived from this one (for a layer or a worker). */
    public Rng split() {
        return new Rng(random.nextLong());
    }
}
