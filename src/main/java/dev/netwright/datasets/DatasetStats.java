package dev.netwright.datasets;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Class counts, per-feature statistics and the preview kind of a data set. */
final class DatasetStats {
    /** Beyond this many features, statistics are not listed one by one (a 784-pixel table says nothing). */
    private static final int MAX_FEATURE_STATS = 200;

    private DatasetStats() {
    }

    /** Samples per class (classification), empty for regression. */
    static List<Integer> classCounts(Dataset d) {
        if (d.task() == Task.REGRESSION) return List.of();
        int[] idx = new int[d.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return classCounts(d, idx);
    }

    static List<Integer> classCounts(Dataset d, int[] indices) {
        if (d.task() == Task.REGRESSION) return List.of();
        int[] c = new int[Math.max(d.classes(), 2)];
        float[] t = d.targets();
        for (int i : indices) {
            int k = (int) t[i * d.targetSize()];
            if (k >= 0 && k < c.length) c[k]++;
        }
        return Arrays.stream(c).boxed().toList();
    }

    /**
     * Statistics per channel for images [C,H,W], per column for sequences [T,F], per feature for vectors (up to
     * {@value #MAX_FEATURE_STATS} features).
     */
    static List<FeatureStat> featureStats(Dataset d, List<String> featureNames) {
        Shape s = d.featureShape();
        int n = d.size();
        int f = d.featureSize();
        float[] x = d.features();
        if (n == 0) return List.of();
        List<FeatureStat> out = new ArrayList<>();
        if (s.rank() == 3) {
            int plane = s.dim(1) * s.dim(2);
            for (int c = 0; c < s.dim(0); c++) {
                Acc a = new Acc();
                for (int i = 0; i < n; i++) {
                    int base = i * f + c * plane;
                    for (int j = 0; j < plane; j++) a.add(x[base + j]);
                }
                out.add(a.stat(s.dim(0) == 3 ? "RGB".substring(c, c + 1) : "channel " + c));
            }
        } else if (s.rank() == 2) {
            int cols = s.dim(1);
            for (int c = 0; c < cols; c++) {
                Acc a = new Acc();
                for (int i = 0; i < n * s.dim(0); i++) a.add(x[i * cols + c]);
                out.add(a.stat("feature " + c));
            }
        } else if (f <= MAX_FEATURE_STATS) {
            for (int j = 0; j < f; j++) {
                Acc a = new Acc();
                for (int i = 0; i < n; i++) a.add(x[i * f + j]);
                out.add(a.stat(j < featureNames.size() ? featureNames.get(j) : "x" + j));
            }
        }
        return out;
    }

    /**
     * How a data set is best previewed: images, image-pairs (a square grey image as features and another as the
     * regression targets, as for an autoencoder), sequence, points (2-D) or table.
     */
    static String kind(Shape s, Task task, int targetSize, String source) {
        if (s.rank() == 3 && (s.dim(0) == 1 || s.dim(0) == 3)) return "images";
        if (s.rank() == 1 && task == Task.REGRESSION && targetSize == s.dim(0) && squareSide(s.dim(0)) >= MIN_IMAGE_SIDE) return "image-pairs";
        if (s.rank() == 2) return "sequence";
        if (s.rank() == 1 && !"csv".equals(source)) {
            if (s.dim(0) == 2 && task != Task.REGRESSION) return "points";
            if (s.dim(0) == 1) return "points";
        }
        return "table";
    }

    /** The smallest side of a flattened square image previewed as one (an 8×8 digit). */
    static final int MIN_IMAGE_SIDE = 8;

    /** {@code n}'s square root when n is a perfect square, else 0. */
    static int squareSide(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        return side * side == n ? side : 0;
    }

    private static final class Acc {
        double sum, sumSq;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        long n;

        void add(float v) {
            sum += v;
            sumSq += (double) v * v;
            if (v < min) min = v;
            if (v > max) max = v;
            n++;
        }

        FeatureStat stat(String name) {
            double mean = sum / n;
            double var = Math.max(0, sumSq / n - mean * mean);
            return new FeatureStat(name, min, max, mean, Math.sqrt(var));
        }
    }
}
