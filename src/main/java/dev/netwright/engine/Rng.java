package dev.netwright.engine;

import java.util.random.RandomGenerator;

/**
 * A seeded random generator: the same seed gives the same initial weights, shuffles and dropout masks.
 *
 * <p>It is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014) with the
 * golden-ratio increment, which is what {@code java.util.SplittableRandom(seed)} computes: the streams are the same
 * value for value ({@code RngTest} checks it). Unlike SplittableRandom its whole state is one {@code long}, which
 * {@link #state()} reads and {@link #setState(long)} sets, so a training checkpoint can continue the exact stream.
 * Gaussians come from {@link RandomGenerator#nextGaussian()}'s default algorithm over this generator's
 * {@link #nextLong()}.
 */
public final class Rng implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long seed;

    public Rng(long seed) {
        this.seed = seed;
    }

    /** The whole state of the generator. */
    public long state() {
        return seed;
    }

    /** Continues from a {@link #state()} read earlier. */
    public void setState(long state) {
        this.seed = state;
    }

    private long nextSeed() {
        return seed += GOLDEN_GAMMA;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    @Override
    public long nextLong() {
        return mix64(nextSeed());
    }

    @Override
    public int nextInt() {
        return mix32(nextSeed());
    }

    public float uniform(float low, float high) {
        return low + (high - low) * (float) nextDouble();
    }

    public float normal(float mean, float std) {
        return mean + std * (float) nextGaussian();
    }

    /** Fisher–Yates shuffle in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** An independent generator derived from this one (for a layer or a worker). */
    public Rng split() {
        return new Rng(nextLong());
    }
}
