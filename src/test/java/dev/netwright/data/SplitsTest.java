package dev.netwright.data;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitsTest {

    /** A data set whose class c has sizes[c] samples, interleaved in a shuffled order; feature = sample index. */
    static Dataset classes(Task task, int... sizes) {
        int n = Arrays.stream(sizes).sum();
        float[] y = new float[n];
        int at = 0;
        for (int c = 0; c < sizes.length; c++) for (int k = 0; k < sizes[c]; k++) y[at++] = c;
        float[] shuffled = y.clone();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        new Rng(99).shuffle(order);
        for (int i = 0; i < n; i++) shuffled[i] = y[order[i]];
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i;
        List<String> names = task == Task.REGRESSION ? List.of() : Arrays.stream(new int[sizes.length]).mapToObj(i -> "c").toList();
        return new Dataset("t", "t", "", task, Shape.of(1), 1, names, x, shuffled);
    }

    private static void assertPartition(Split s, int n) {
        int[] seen = new int[n];
        for (int[] part : List.of(s.train(), s.validation(), s.test())) {
            for (int i = 1; i < part.length; i++) assertTrue(part[i - 1] < part[i], "parts are sorted");
            for (int i : part) seen[i]++;
        }
        for (int i = 0; i < n; i++) assertEquals(1, seen[i], "sample " + i + " in exactly one part");
    }

    private static int count(Dataset d, int[] part, int c) {
        int k = 0;
        for (int i : part) if ((int) d.targets()[i] == c) k++;
        return k;
    }

    @Test
    void presetsAndSizesByLargestRemainder() {
        assertEquals(new SplitSpec(0.7, 0.3, 0, true, 5), SplitSpec.preset("70/30", 5));
        assertEquals(new SplitSpec(0.6, 0.2, 0.2, true, 5), SplitSpec.preset("60/20/20", 5));
        assertEquals(new SplitSpec(0.98, 0.01, 0.01, true, 5), SplitSpec.preset("98/1/1", 5));
        Dataset d = classes(Task.REGRESSION, 1000);
        Split s = Splits.split(d, SplitSpec.preset("60/20/20", 1));
        assertEquals(List.of(600, 200, 200), List.of(s.trainSize(), s.validationSize(), s.testSize()));
        s = Splits.split(classes(Task.REGRESSION, 7), SplitSpec.preset("70/30", 1));   // 4.9 and 2.1
        assertEquals(List.of(5, 2, 0), List.of(s.trainSize(), s.validationSize(), s.testSize()));
        s = Splits.split(classes(Task.REGRESSION, 250), SplitSpec.preset("98/1/1", 1));   // 245, 2.5, 2.5: the tie goes to validation
        assertEquals(List.of(245, 3, 2), List.of(s.trainSize(), s.validationSize(), s.testSize()));
    }

    @Test
    void everySampleInExactlyOnePartForManySizesAndSeeds() {
        for (int n : new int[]{1, 2, 3, 10, 97, 1001}) {
            for (String preset : SplitSpec.PRESETS) {
                for (boolean strat : new boolean[]{false, true}) {
                    for (long seed = 0; seed < 3; seed++) {
                        Dataset d = classes(Task.MULTICLASS, n / 2, n - n / 2);
                        SplitSpec spec = SplitSpec.preset(preset, seed);
                        Split s = Splits.split(d, new SplitSpec(spec.train(), spec.validation(), spec.test(), strat, seed));
                        assertPartition(s, n);
                    }
                }
            }
        }
    }

    @Test
    void stratifiedKeepsEachClassWithinOneSampleOfItsShareAndTotalsUnchanged() {
        int[] sizes = {13, 101, 7, 250, 1, 2};
        Dataset d = classes(Task.MULTICLASS, sizes);
        int n = d.size();
        for (SplitSpec base : List.of(SplitSpec.preset("70/30", 0), SplitSpec.preset("60/20/20", 0), SplitSpec.preset("98/1/1", 0),
                SplitSpec.custom(0.55, 0.3, 0.15, true, 0), SplitSpec.custom(1.0 / 3, 1.0 / 3, 1.0 / 3, true, 0))) {
            for (long seed = 0; seed < 20; seed++) {
                SplitSpec spec = new SplitSpec(base.train(), base.validation(), base.test(), true, seed);
                Split s = Splits.split(d, spec);
                assertPartition(s, n);
                Split plain = Splits.split(d, new SplitSpec(base.train(), base.validation(), base.test(), false, seed));
                assertEquals(plain.trainSize(), s.trainSize());
                assertEquals(plain.validationSize(), s.validationSize());
                assertEquals(plain.testSize(), s.testSize());
                double[] f = {spec.train(), spec.validation(), spec.test()};
                int[][] parts = {s.train(), s.validation(), s.test()};
                for (int c = 0; c < sizes.length; c++) {
                    for (int p = 0; p < 3; p++) {
                        double share = sizes[c] * f[p];
                        int got = count(d, parts[p], c);
                        assertTrue(Math.abs(got - share) <= 1, "class " + c + " part " + p + ": " + got + " vs " + share + " in " + spec);
                    }
                }
            }
        }
    }

    @Test
    void binaryStratificationUsesTheZeroOneLabel() {
        Dataset d = classes(Task.BINARY, 90, 10);
        Split s = Splits.split(d, SplitSpec.preset("70/30", 3));
        assertEquals(7, count(d, s.train(), 1));
        assertEquals(3, count(d, s.validation(), 1));
        assertEquals(63, count(d, s.train(), 0));
    }

    @Test
    void deterministicForASeedAndDifferentForAnother() {
        Dataset d = classes(Task.MULTICLASS, 40, 60);
        Split a = Splits.split(d, SplitSpec.preset("60/20/20", 8)), b = Splits.split(d, SplitSpec.preset("60/20/20", 8));
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.validation(), b.validation());
        assertArrayEquals(a.test(), b.test());
        Split c = Splits.split(d, SplitSpec.preset("60/20/20", 9));
        assertFalse(Arrays.equals(a.train(), c.train()));
    }

    @Test
    void regressionIgnoresStratification() {
        Dataset d = classes(Task.REGRESSION, 77);
        Split a = Splits.split(d, SplitSpec.custom(0.6, 0.2, 0.2, true, 4)), b = Splits.split(d, SplitSpec.custom(0.6, 0.2, 0.2, false, 4));
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.test(), b.test());
    }

    @Test
    void fixedTestPartIsTheTailAndTheRestIsSplitInTrainToValidationProportion() {
        Dataset d = classes(Task.MULTICLASS, 60, 60);
        Split s = Splits.split(d, SplitSpec.preset("60/20/20", 1), 100);
        int[] tail = new int[20];
        for (int i = 0; i < 20; i++) tail[i] = 100 + i;
        assertArrayEquals(tail, s.test());
        assertEquals(75, s.trainSize());
        assertEquals(25, s.validationSize());
        assertPartition(s, 120);
        for (int i : s.train()) assertTrue(i < 100);
        Split none = Splits.split(d, SplitSpec.preset("60/20/20", 1), -1);
        assertArrayEquals(Splits.split(d, SplitSpec.preset("60/20/20", 1)).test(), none.test());
        var e = assertThrows(IllegalArgumentException.class, () -> Splits.split(d, SplitSpec.preset("70/30", 1), 121));
        assertTrue(e.getMessage().contains("121"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Splits.split(d, SplitSpec.preset("70/30", 1), 0));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void kFoldFoldsAreDisjointCoverEverythingAndStratify() {
        int[] sizes = {17, 33, 5};
        Dataset d = classes(Task.MULTICLASS, sizes);
        for (boolean strat : new boolean[]{false, true}) {
            List<Split> folds = Splits.kFold(d, 5, 2, strat);
            assertEquals(5, folds.size());
            int[] seen = new int[d.size()];
            for (Split f : folds) {
                assertEquals(0, f.testSize());
                assertTrue(f.validationSize() == 11, "fold size " + f.validationSize());
                assertPartition(f, d.size());
                for (int i : f.validation()) seen[i]++;
                if (strat) {
                    for (int c = 0; c < sizes.length; c++) {
                        int got = count(d, f.validation(), c);
                        assertTrue(Math.abs(got - sizes[c] / 5.0) < 1, "class " + c + ": " + got);
                    }
                }
            }
            for (int i = 0; i < d.size(); i++) assertEquals(1, seen[i], "sample " + i + " validates in exactly one fold");
        }
        assertEquals(2, Splits.kFold(d, 2, 0, false).size());
        assertEquals(d.size(), Splits.kFold(d, d.size(), 0, true).size());
        var e = assertThrows(IllegalArgumentException.class, () -> Splits.kFold(d, 1, 0, false));
        assertTrue(e.getMessage().contains("2..55") && e.getMessage().contains("1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(d, 56, 0, false));
    }

    @Test
    void specValidationMessagesCarryTheValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SplitSpec(0.5, 0.3, 0.3, false, 1));
        assertTrue(e.getMessage().contains("add up to 1") && e.getMessage().contains("1.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SplitSpec(0, 0.5, 0.5, false, 1));
        assertTrue(e.getMessage().contains("training fraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SplitSpec.custom(1.2, -0.2, 0, false, 1));
        assertTrue(e.getMessage().contains("-0.2") || e.getMessage().contains("1.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SplitSpec.preset("50/50", 1));
        assertTrue(e.getMessage().contains("50/50") && e.getMessage().contains("60/20/20"), e.getMessage());
        assertDoesNotThrow(() -> new SplitSpec(0.7, 0.2, 0.1 + 5e-7, true, 1));   // within the 1e-6 tolerance
        assertThrows(IllegalArgumentException.class, () -> new SplitSpec(0.7, 0.2, 0.1 + 2e-6, true, 1));
        e = assertThrows(IllegalArgumentException.class, () -> Splits.split(classes(Task.REGRESSION, 10), SplitSpec.custom(0.01, 0.99, 0, false, 1)));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("0.01"), e.getMessage());
    }
}
