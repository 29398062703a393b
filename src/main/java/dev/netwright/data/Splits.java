package dev.netwright.data;

import dev.netwright.engine.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Divides a data set into parts: {@link #split} into training / validation / test by a {@link SplitSpec}, and
 * {@link #kFold} into k cross-validation folds. Deterministic for a seed; every sample lands in exactly one part.
 *
 * <p><b>Sizes.</b> Part p of n samples gets round(n·f_p) samples by the largest-remainder rule: ⌊n·f_p⌋ each, then
 * the samples left over go one each to the parts with the largest remainders n·f_p − ⌊n·f_p⌋ (ties: train before
 * validation before test). Fractions are taken in parts per billion so the arithmetic is exact.
 *
 * <p><b>Stratified</b> (BINARY and MULTICLASS with one target; otherwise ignored): class c with n_c samples puts
 * ⌊n_c·f_p⌋ or ⌊n_c·f_p⌋ + 1 in part p, so its proportion in every part is within one sample of f_p, while the
 * part totals stay exactly those above. Which classes get the extra samples is chosen class by class, preferring
 * the largest remainders among the choices that still let the totals come out (the Gale–Ryser condition for a 0/1
 * matrix with the leftover counts as row and column sums).
 */
public final class Splits {
    private static final long ONE = 1_000_000_000L;
    private static final int PARTS = 3;

    private Splits() {
    }

    /** Splits all samples by {@code spec}. */
    public static Split split(Dataset d, SplitSpec spec) {
        return split(d, spec, -1);
    }

    /**
     * Splits by {@code spec}; when {@code fixedTestFrom} ≥ 0 the samples with index ≥ {@code fixedTestFrom} are the
     * test part as they are (an import that came with its own test file) and samples {@code 0..fixedTestFrom−1} are
     * divided into training and validation in the proportion train : validation of the spec (its test fraction is
     * not used). {@code -1} means no fixed test part.
     *
     * @throws IllegalArgumentException when {@code fixedTestFrom} is out of range or the training part would be empty
     */
    public static Split split(Dataset d, SplitSpec spec, int fixedTestFrom) {
        int n = d.size();
        if (fixedTestFrom < -1 || fixedTestFrom > n) {
            throw new IllegalArgumentException("fixedTestFrom must be -1 (none) or in 0.." + n + " for data set " + d.id()
                    + " of " + n + " samples. Received: " + fixedTestFrom);
        }
        boolean fixed = fixedTestFrom >= 0;
        int pool = fixed ? fixedTestFrom : n;
        long[] f = fixed ? perBillion(spec.train(), spec.validation(), 0) : perBillion(spec.train(), spec.validation(), spec.test());
        int[][] parts = divide(d, pool, f, spec.stratified(), spec.seed());
        if (parts[0].length == 0 && n > 0) {
            throw new IllegalArgumentException("The training part of data set " + d.id() + " would be empty: " + pool
                    + " samples to divide" + (fixed ? " before the fixed test part (from sample " + fixedTestFrom + ")" : "")
                    + " with training fraction " + spec.train());
        }
        int[] test = fixed ? range(fixedTestFrom, n) : parts[2];
        return new Split(parts[0], parts[1], test);
    }

    /**
     * k-fold cross-validation: split i has fold i as validation and the other folds as training, no test part.
     * Fold sizes differ by at most one; stratified folds also hold each class's samples within one of n_c / k.
     */
    public static List<Split> kFold(Dataset d, int k, long seed, boolean stratified) {
        int n = d.size();
        if (k < 2 || k > n) throw new IllegalArgumentException("k must be in 2.." + n + " (the number of samples) for data set " + d.id() + ". Received: " + k);
        Rng rng = new Rng(seed);
        int[] order;
        if (stratified && classified(d)) {
            order = new int[n];
            int at = 0;
            for (int[] members : byClass(d, n)) {
                rng.shuffle(members);
                System.arraycopy(members, 0, order, at, members.length);
                at += members.length;
            }
        } else {
            order = range(0, n);
            rng.shuffle(order);
        }
        int[] foldOf = new int[n];
        int[] foldSize = new int[k];
        for (int j = 0; j < n; j++) {
            foldOf[order[j]] = j % k;
            foldSize[j % k]++;
        }
        List<Split> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int[] val = new int[foldSize[i]], train = new int[n - foldSize[i]];
            int v = 0, t = 0;
            for (int s = 0; s < n; s++) {
                if (foldOf[s] == i) val[v++] = s;
                else train[t++] = s;
            }
            out.add(new Split(train, val, new int[0]));
        }
        return out;
    }

    // ---- dividing ----

    /** Samples 0..pool−1 divided into the three parts (each sorted). */
    private static int[][] divide(Dataset d, int pool, long[] f, boolean stratified, long seed) {
        Rng rng = new Rng(seed);
        int[] totals = largestRemainder(pool, f);
        int[][] parts = new int[PARTS][];
        for (int p = 0; p < PARTS; p++) parts[p] = new int[totals[p]];
        int[] filled = new int[PARTS];
        if (stratified && classified(d)) {
            int[][] classes = byClass(d, pool);
            int[][] counts = classCounts(classes, f, totals);
            for (int c = 0; c < classes.length; c++) {
                rng.shuffle(classes[c]);
                int at = 0;
                for (int p = 0; p < PARTS; p++) {
                    System.arraycopy(classes[c], at, parts[p], filled[p], counts[c][p]);
                    filled[p] += counts[c][p];
                    at += counts[c][p];
                }
            }
        } else {
            int[] order = range(0, pool);
            rng.shuffle(order);
            int at = 0;
            for (int p = 0; p < PARTS; p++) {
                System.arraycopy(order, at, parts[p], 0, totals[p]);
                at += totals[p];
            }
        }
        for (int[] part : parts) Arrays.sort(part);
        return parts;
    }

    /** Part sizes for n samples: ⌊n·f_p⌋ plus one for the largest remainders until they add up to n. */
    static int[] largestRemainder(int n, long[] f) {
        int[] out = new int[PARTS];
        long[] rem = new long[PARTS];
        int left = n;
        for (int p = 0; p < PARTS; p++) {
            long e = n * f[p];
            out[p] = (int) (e / ONE);
            rem[p] = e % ONE;
            left -= out[p];
        }
        for (; left > 0; left--) {
            int best = -1;
            for (int p = 0; p < PARTS; p++) {
                if (f[p] > 0 && (best < 0 || rem[p] > rem[best])) best = p;
            }
            out[best]++;
            rem[best] = -1;
        }
        return out;
    }

    /**
     * Samples per class and part: ⌊n_c·f_p⌋, plus one in r_c = n_c − Σ_p ⌊n_c·f_p⌋ parts of each class so that column p
     * gains exactly totals_p − Σ_c ⌊n_c·f_p⌋. Class by class, the choice with the largest remainders is taken among
     * those after which the remaining classes can still meet the remaining column needs (Gale–Ryser).
     */
    private static int[][] classCounts(int[][] classes, long[] f, int[] totals) {
        int k = classes.length;
        int[][] counts = new int[k][PARTS];
        long[][] rem = new long[k][PARTS];
        int[] rowLeft = new int[k];
        int[] need = totals.clone();
        for (int c = 0; c < k; c++) {
            int nc = classes[c].length;
            rowLeft[c] = nc;
            for (int p = 0; p < PARTS; p++) {
                long e = nc * f[p];
                counts[c][p] = (int) (e / ONE);
                rem[c][p] = e % ONE;
                rowLeft[c] -= counts[c][p];
                need[p] -= counts[c][p];
            }
        }
        // suffix[m][c] = Σ_{c' ≥ c} min(rowLeft[c'], m) for m = 1..PARTS
        int[][] suffix = new int[PARTS + 1][k + 1];
        for (int m = 1; m <= PARTS; m++) {
            for (int c = k - 1; c >= 0; c--) suffix[m][c] = suffix[m][c + 1] + Math.min(rowLeft[c], m);
        }
        for (int c = 0; c < k; c++) {
            int bestMask = -1;
            long bestScore = -1;
            for (int mask = 0; mask < 1 << PARTS; mask++) {
                if (Integer.bitCount(mask) != rowLeft[c]) continue;
                long score = 0;
                boolean ok = true;
                int[] after = need.clone();
                for (int p = 0; p < PARTS; p++) {
                    if ((mask >> p & 1) == 0) continue;
                    ok &= after[p] > 0;
                    after[p]--;
                    score += rem[c][p];
                }
                if (ok && score > bestScore && feasible(after, suffix, c + 1)) {
                    bestScore = score;
                    bestMask = mask;
                }
            }
            if (bestMask < 0) {
                throw new IllegalStateException("Stratified split found no way to place " + rowLeft[c] + " leftover samples of class "
                        + c + " with part needs " + Arrays.toString(need));
            }
            for (int p = 0; p < PARTS; p++) {
                if ((bestMask >> p & 1) != 0) {
                    counts[c][p]++;
                    need[p]--;
                }
            }
        }
        return counts;
    }

    /** Gale–Ryser: classes from {@code from} on, one extra sample per part at most, can meet {@code need} exactly. */
    private static boolean feasible(int[] need, int[][] suffix, int from) {
        int[] q = need.clone();
        Arrays.sort(q);
        int prefix = 0;
        for (int m = 1; m <= PARTS; m++) {
            prefix += q[PARTS - m];
            if (prefix > suffix[m][from]) return false;
        }
        return prefix == suffix[PARTS][from];
    }

    // ---- helpers ----

    private static long[] perBillion(double train, double validation, double test) {
        double sum = train + validation + test;
        long v = Math.round(validation / sum * ONE), t = Math.round(test / sum * ONE);
        return new long[]{ONE - v - t, v, t};
    }

    /** Whether samples have a class to stratify by: BINARY or MULTICLASS with one target value. */
    private static boolean classified(Dataset d) {
        return d.task() != Task.REGRESSION && d.targetSize() == 1;
    }

    /** The class of sample i: the class index for MULTICLASS, 0 or 1 (target ≥ 0.5) for BINARY. */
    private static int label(Dataset d, int i) {
        float t = d.targets()[i];
        return d.task() == Task.BINARY ? (t >= 0.5f ? 1 : 0) : (int) t;
    }

    /** Indices 0..pool−1 grouped by class (classes in ascending label order, indices ascending within). */
    private static int[][] byClass(Dataset d, int pool) {
        TreeMap<Integer, Integer> sizes = new TreeMap<>();
        for (int i = 0; i < pool; i++) sizes.merge(label(d, i), 1, Integer::sum);
        TreeMap<Integer, Integer> slot = new TreeMap<>();
        int[][] out = new int[sizes.size()][];
        for (var e : sizes.entrySet()) {
            slot.put(e.getKey(), slot.size());
            out[slot.size() - 1] = new int[e.getValue()];
        }
        int[] filled = new int[out.length];
        for (int i = 0; i < pool; i++) {
            int s = slot.get(label(d, i));
            out[s][filled[s]++] = i;
        }
        return out;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
