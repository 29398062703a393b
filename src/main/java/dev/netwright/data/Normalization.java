package dev.netwright.data;

import dev.netwright.engine.Shape;

import java.util.Arrays;
import java.util.Objects;

/**
 * Feature scaling fitted on the training part: x' = (x − offset[g]) · scale[g], where g is the group of the
 * feature. Feature j of a sample (row-major index in its {@code featureSize} values) is in group
 * g = ⌊j / blockSize⌋ mod groups; so blocks of {@code blockSize} consecutive values share a group and the groups
 * repeat every groups·blockSize values. From the sample shape ({@link #identity}):
 * <ul>
 *   <li>[F] (a feature vector) and [] (a scalar): one group per feature, blockSize 1;</li>
 *   <li>[T, F] (a sequence): one group per feature column, blockSize 1 (groups F repeat every F values, so a
 *       column gets the same scaling at every time step);</li>
 *   <li>[C, H, W] and higher ranks (images): one group per channel, blockSize H·W (the product after dim 0).</li>
 * </ul>
 *
 * <p>{@link Scaling#STANDARDIZE}: offset = mean, scale = 1 / std (population std, accumulated in double, two passes).
 * {@link Scaling#MIN_MAX}: offset = min, scale = 1 / (max − min), so the training values map into [0, 1].
 * A group whose training values are all equal gets scale 1 (it becomes 0). {@link Scaling#NONE}: offset 0, scale 1.
 */
public record Normalization(Scaling scaling, int featureSize, int groups, int blockSize, float[] offset, float[] scale) {

    public Normalization {
        Objects.requireNonNull(scaling, "scaling");
        if (offset.length != groups || scale.length != groups) {
            throw new IllegalArgumentException("Normalization with " + groups + " groups needs as many offsets and scales. Received: "
                    + offset.length + " and " + scale.length);
        }
        if (featureSize < 0 || featureSize > 0 && (groups < 1 || blockSize < 1 || featureSize % ((long) groups * blockSize) != 0)) {
            throw new IllegalArgumentException("Normalization groups do not tile the features: featureSize " + featureSize
                    + ", groups " + groups + ", blockSize " + blockSize);
        }
    }

    /** No scaling, grouped as {@link #fit} would group samples of {@code sampleShape}. */
    public static Normalization identity(Shape sampleShape) {
        int[] gb = grouping(sampleShape);
        float[] ones = new float[gb[0]];
        Arrays.fill(ones, 1f);
        return new Normalization(Scaling.NONE, sampleShape.size(), gb[0], gb[1], new float[gb[0]], ones);
    }

    /** {groups, blockSize} for samples of this shape (see the class comment). */
    static int[] grouping(Shape s) {
        return switch (s.rank()) {
            case 0 -> new int[]{1, 1};
            case 1, 2 -> new int[]{s.dim(-1), 1};
            default -> new int[]{s.dim(0), s.inner(0)};
        };
    }

    /**
     * Fits {@code scaling} on the samples {@code trainIdx} of {@code d} only.
     *
     * @throws IllegalArgumentException when {@code trainIdx} is empty or holds an index outside the data set
     */
    public static Normalization fit(Dataset d, int[] trainIdx, Scaling scaling) {
        Normalization id = identity(d.featureShape());
        if (scaling == Scaling.NONE || id.featureSize == 0) return id;
        if (trainIdx.length == 0) throw new IllegalArgumentException("Cannot fit " + scaling + " on data set " + d.id() + ": no training samples");
        for (int i : trainIdx) {
            if (i < 0 || i >= d.size()) {
                throw new IllegalArgumentException("Training index " + i + " is outside data set " + d.id() + " of " + d.size() + " samples");
            }
        }
        Stats st = Stats.of(d, trainIdx, id);
        int g = id.groups;
        float[] offset = new float[g], scale = new float[g];
        for (int k = 0; k < g; k++) {
            boolean constant = st.min[k] == st.max[k];
            if (scaling == Scaling.STANDARDIZE) {
                offset[k] = (float) st.mean[k];
                scale[k] = constant ? 1f : (float) (1 / Math.sqrt(st.var[k]));
            } else {
                offset[k] = (float) st.min[k];
                scale[k] = constant ? 1f : topAtMostOne((float) st.min[k], (float) st.max[k]);
            }
        }
        return new Normalization(scaling, id.featureSize, g, id.blockSize, offset, scale);
    }

    /** 1 / (max − min), nudged down until (max − min) · scale ≤ 1 in float as {@link #apply} computes it. */
    private static float topAtMostOne(float min, float max) {
        float s = 1f / (max - min);
        while ((max - min) * s > 1f) s = Math.nextDown(s);
        return s;
    }

    /** The group of feature {@code j}: ⌊j / blockSize⌋ mod groups. */
    public int groupOf(int j) {
        return j / blockSize % groups;
    }

    /**
     * Normalizes the first {@code samples} samples of {@code batch} (row-major, {@code featureSize} values each) in
     * place; allocates nothing.
     */
    public void apply(float[] batch, int samples) {
        if (samples < 0 || (long) samples * featureSize > batch.length) {
            throw new IllegalArgumentException("Cannot normalize " + samples + " samples of " + featureSize + " values in a batch of "
                    + batch.length + " values");
        }
        if (scaling == Scaling.NONE || featureSize == 0) return;
        int period = groups * blockSize, reps = featureSize / period;
        for (int at = 0, end = samples * featureSize; at < end; ) {
            for (int r = 0; r < reps; r++) {
                if (blockSize == 1) {
                    for (int g = 0; g < groups; g++, at++) batch[at] = (batch[at] - offset[g]) * scale[g];
                } else {
                    for (int g = 0; g < groups; g++) {
                        float o = offset[g], s = scale[g];
                        for (int e = at + blockSize; at < e; at++) batch[at] = (batch[at] - o) * s;
                    }
                }
            }
        }
    }

    /** Per-group mean, population variance, min and max of some samples, in double. */
    private record Stats(double[] mean, double[] var, double[] min, double[] max) {
        static Stats of(Dataset d, int[] idx, Normalization grouping) {
            int g = grouping.groups, block = grouping.blockSize, f = grouping.featureSize;
            int reps = f / (g * block);
            double[] sum = new double[g], min = new double[g], max = new double[g];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            float[] x = d.features();
            for (int i : idx) {
                int at = i * f;
                for (int r = 0; r < reps; r++) {
                    for (int k = 0; k < g; k++) {
                        double s = 0;
                        float lo = x[at], hi = lo;
                        for (int e = at + block; at < e; at++) {
                            float v = x[at];
                            s += v;
                            if (v < lo) lo = v;
                            if (v > hi) hi = v;
                        }
                        sum[k] += s;
                        min[k] = Math.min(min[k], lo);
                        max[k] = Math.max(max[k], hi);
                    }
                }
            }
            double count = (double) idx.length * reps * block;
            double[] mean = new double[g], sq = new double[g];
            for (int k = 0; k < g; k++) mean[k] = sum[k] / count;
            for (int i : idx) {
                int at = i * f;
                for (int r = 0; r < reps; r++) {
                    for (int k = 0; k < g; k++) {
                        double m = mean[k], s = 0;
                        for (int e = at + block; at < e; at++) {
                            double dv = x[at] - m;
                            s += dv * dv;
                        }
                        sq[k] += s;
                    }
                }
            }
            double[] var = new double[g];
            for (int k = 0; k < g; k++) var[k] = sq[k] / count;
            return new Stats(mean, var, min, max);
        }
    }
}
