package dev.netwright.engine;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RngTest {
    /** Weights, shuffles and masks seeded before Rng had an explicit state must stay what they were. */
    @Test
    void sameStreamAsSplittableRandom() {
        for (long seed : new long[]{0, 1, 42, -7, 0x5DEECE66DL, Long.MIN_VALUE}) {
            Rng ours = new Rng(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int i = 0; i < 2000; i++) {
                switch (i % 6) {
                    case 0 -> assertEquals(jdk.nextLong(), ours.nextLong());
                    case 1 -> assertEquals(jdk.nextDouble(), ours.nextDouble());
                    case 2 -> assertEquals(jdk.nextInt(1 + i), ours.nextInt(1 + i));
                    case 3 -> assertEquals(jdk.nextGaussian(), ours.nextGaussian());
                    case 4 -> assertEquals(jdk.nextInt(64), ours.nextInt(64));
                    default -> assertEquals(jdk.nextInt(), ours.nextInt());
                }
            }
            Rng a = ours.split();
            SplittableRandom b = new SplittableRandom(jdk.nextLong());
            for (int i = 0; i < 100; i++) assertEquals(b.nextGaussian(), a.nextGaussian());
        }
    }

    @Test
    void stateContinuesTheStream() {
        Rng r = new Rng(9);
        for (int i = 0; i < 37; i++) r.nextGaussian();
        long s = r.state();
        double[] expect = new double[50];
        for (int i = 0; i < expect.length; i++) expect[i] = r.nextGaussian() + r.nextInt(1000);
        Rng other = new Rng(123);
        other.setState(s);
        for (double e : expect) assertEquals(e, other.nextGaussian() + other.nextInt(1000));
    }
}
