package dev.netwright.data;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizationTest {

    /** n samples of {@code shape}; value = group-dependent mean + spread·N(0,1), group as in Normalization. */
    static Dataset data(Shape shape, int n, long seed) {
        Normalization id = Normalization.identity(shape);
        Rng rng = new Rng(seed);
        float[] x = new float[n * shape.size()];
        for (int i = 0; i < x.length; i++) {
            int g = id.groupOf(i % shape.size());
            x[i] = 10f * g - 3 + rng.normal(0, 0.5f + g);
        }
        return new Dataset("d", "d", "", Task.REGRESSION, shape, 1, List.of(), x, new float[n]);
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    /** Features of samples idx, normalized. */
    static float[] normalized(Dataset d, int[] idx, Normalization nz) {
        float[] b = d.gatherFeatures(idx, 0, idx.length);
        nz.apply(b, idx.length);
        return b;
    }

    /** Per group {mean, population variance, min, max} of row-major samples. */
    static double[][] groupStats(float[] b, int samples, Normalization nz) {
        int g = nz.groups(), f = nz.featureSize();
        double[][] s = new double[g][4];
        long[] count = new long[g];
        for (double[] r : s) {
            r[2] = Double.MAX_VALUE;
            r[3] = -Double.MAX_VALUE;
        }
        for (int i = 0; i < samples * f; i++) {
            int k = nz.groupOf(i % f);
            s[k][0] += b[i];
            s[k][1] += (double) b[i] * b[i];
            s[k][2] = Math.min(s[k][2], b[i]);
            s[k][3] = Math.max(s[k][3], b[i]);
            count[k]++;
        }
        for (int k = 0; k < g; k++) {
            s[k][0] /= count[k];
            s[k][1] = s[k][1] / count[k] - s[k][0] * s[k][0];
        }
        return s;
    }

    @Test
    void groupingFollowsTheSampleShape() {
        Normalization vec = Normalization.identity(Shape.of(4));
        assertEquals(List.of(4, 1), List.of(vec.groups(), vec.blockSize()));
        Normalization seq = Normalization.identity(Shape.of(5, 3));   // [T, F]: one group per feature column
        assertEquals(List.of(3, 1), List.of(seq.groups(), seq.blockSize()));
        assertEquals(0, seq.groupOf(0));
        assertEquals(2, seq.groupOf(5));
        assertEquals(1, seq.groupOf(7));
        Normalization img = Normalization.identity(Shape.of(3, 2, 2));   // [C, H, W]: one group per channel
        assertEquals(List.of(3, 4), List.of(img.groups(), img.blockSize()));
        assertEquals(0, img.groupOf(3));
        assertEquals(1, img.groupOf(4));
        assertEquals(2, img.groupOf(11));
        Normalization scalar = Normalization.identity(Shape.scalar());
        assertEquals(1, scalar.groups());
    }

    @Test
    void standardizedTrainingDataHasMeanZeroAndVarianceOnePerGroup() {
        for (Shape shape : List.of(Shape.of(4), Shape.of(6, 3), Shape.of(2, 5, 5))) {
            Dataset d = data(shape, 300, 1);
            int[] train = range(0, 200);
            Normalization nz = Normalization.fit(d, train, Scaling.STANDARDIZE);
            assertEquals(Scaling.STANDARDIZE, nz.scaling());
            double[][] s = groupStats(normalized(d, train, nz), train.length, nz);
            for (int k = 0; k < nz.groups(); k++) {
                assertEquals(0, s[k][0], 1e-4, shape + " group " + k + " mean");
                assertEquals(1, s[k][1], 1e-3, shape + " group " + k + " variance");
                assertEquals(10 * k - 3, nz.offset()[k], 0.1 + k, shape + " group " + k + " offset");
            }
        }
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroOne() {
        for (Shape shape : List.of(Shape.of(4), Shape.of(6, 3), Shape.of(2, 5, 5))) {
            Dataset d = data(shape, 300, 2);
            int[] train = range(50, 300);
            Normalization nz = Normalization.fit(d, train, Scaling.MIN_MAX);
            double[][] s = groupStats(normalized(d, train, nz), train.length, nz);
            for (int k = 0; k < nz.groups(); k++) {
                assertEquals(0, s[k][2], 0, shape + " group " + k + " min");
                assertTrue(s[k][3] <= 1 && s[k][3] > 1 - 1e-6, shape + " group " + k + " max " + s[k][3]);
            }
        }
    }

    @Test
    void onlyTheTrainingSamplesDetermineTheStatistics() {
        Dataset d = data(Shape.of(3), 100, 3);
        int[] train = range(0, 70);
        float[] changed = d.features().clone();
        for (int i = 70 * 3; i < changed.length; i++) changed[i] = changed[i] * 100 + 1e4f;
        Dataset d2 = new Dataset("d2", "d2", "", Task.REGRESSION, Shape.of(3), 1, List.of(), changed, d.targets());
        for (Scaling s : List.of(Scaling.STANDARDIZE, Scaling.MIN_MAX)) {
            Normalization a = Normalization.fit(d, train, s), b = Normalization.fit(d2, train, s);
            assertArrayEquals(a.offset(), b.offset(), s.name());
            assertArrayEquals(a.scale(), b.scale(), s.name());
            Normalization all = Normalization.fit(d2, range(0, 100), s);
            assertTrue(all.offset()[0] != a.offset()[0] || all.scale()[0] != a.scale()[0], "the validation part would change the statistics");
        }
    }

    @Test
    void aConstantGroupGetsScaleOneAndBecomesZero() {
        float[] x = new float[20];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = 7.3f;
            x[2 * i + 1] = i;
        }
        Dataset d = new Dataset("c", "c", "", Task.REGRESSION, Shape.of(2), 1, List.of(), x, new float[10]);
        for (Scaling s : List.of(Scaling.STANDARDIZE, Scaling.MIN_MAX)) {
            Normalization nz = Normalization.fit(d, range(0, 10), s);
            assertEquals(1f, nz.scale()[0], s.name());
            float[] b = normalized(d, range(0, 10), nz);
            for (int i = 0; i < 10; i++) assertEquals(0f, b[2 * i], s.name());
            assertTrue(Float.isFinite(b[3]));
        }
    }

    @Test
    void applyIsXMinusOffsetTimesScaleInPlace() {
        Normalization nz = new Normalization(Scaling.STANDARDIZE, 4, 2, 2, new float[]{1, -2}, new float[]{2, 0.5f});
        float[] b = {1, 2, 0, 4, 3, 3, 3, 3, 99};
        nz.apply(b, 2);
        assertArrayEquals(new float[]{0, 2, 1, 3, 4, 4, 2.5f, 2.5f, 99}, b);
        var e = assertThrows(IllegalArgumentException.class, () -> nz.apply(new float[7], 2));
        assertTrue(e.getMessage().contains("2 samples") && e.getMessage().contains("7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalization(Scaling.MIN_MAX, 5, 2, 2, new float[2], new float[2]));
    }

    @Test
    void noneAndIdentityChangeNothing() {
        Dataset d = data(Shape.of(2, 3, 3), 10, 4);
        Normalization none = Normalization.fit(d, range(0, 10), Scaling.NONE);
        assertSame(Scaling.NONE, none.scaling());
        float[] b = d.features().clone();
        none.apply(b, 10);
        assertArrayEquals(d.features(), b);
        float[] ones = new float[none.groups()];
        Arrays.fill(ones, 1f);
        assertArrayEquals(ones, Normalization.identity(d.featureShape()).scale());
        var e = assertThrows(IllegalArgumentException.class, () -> Normalization.fit(d, new int[0], Scaling.STANDARDIZE));
        assertTrue(e.getMessage().contains("no training samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Normalization.fit(d, new int[]{10}, Scaling.STANDARDIZE));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
    }
}
