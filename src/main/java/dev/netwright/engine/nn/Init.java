package dev.netwright.engine.nn;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;

import java.util.Locale;

/**
 * Weight initializers. fan_in J and fan_out I are computed as in PyTorch: for a weight
 * [out, in, k...], J = in * prod(k) and I = out * prod(k).
 * <ul>
 *   <li>LeCun: Var = 1/J (normal) or U(±sqrt(3/J))</li>
 *   <li>Glorot/Xavier: Var = 2/(J+I) (normal) or U(±sqrt(6/(J+I)))</li>
 *   <li>He/Kaiming: Var = 2/J (normal) or U(±sqrt(6/J))</li>
 * </ul>
 * Each is multiplied by {@code gain}. Biases are zero by default.
 */
public enum Init {
    ZEROS, CONSTANT, UNIFORM, NORMAL,
    LECUN_NORMAL, LECUN_UNIFORM, GLOROT_NORMAL, GLOROT_UNIFORM, HE_NORMAL, HE_UNIFORM, ORTHOGONAL;

    /** Parses names like "glorot_uniform", "xavier-normal", "he_normal", "kaiming_uniform". */
    public static Init parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace("XAVIER", "GLOROT").replace("KAIMING", "HE");
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown initializer '" + name + "'. Known: zeros, constant, uniform, normal, "
                    + "lecun_normal, lecun_uniform, glorot_normal, glorot_uniform, he_normal, he_uniform, orthogonal");
        }
    }

    /**
     * Values for a tensor of {@code shape}. {@code value} is the constant (CONSTANT), the half-range (UNIFORM)
     * or the std (NORMAL); other kinds ignore it.
     */
    public float[] sample(Shape shape, Rng rng, float gain, float value) {
        int n = shape.size();
        float[] w = new float[n];
        int fanIn = shape.rank() >= 2 ? shape.size() / shape.dim(0) : shape.size();
        int receptive = shape.rank() > 2 ? shape.size() / (shape.dim(0) * shape.dim(1)) : 1;
        int fanOut = shape.rank() >= 2 ? shape.dim(0) * receptive : shape.size();
        switch (this) {
            case ZEROS -> { }
            case CONSTANT -> java.util.Arrays.fill(w, value);
            case UNIFORM -> fillUniform(w, rng, gain * value);
            case NORMAL -> fillNormal(w, rng, gain * value);
            case LECUN_NORMAL -> fillNormal(w, rng, gain * (float) Math.sqrt(1.0 / fanIn));
            case LECUN_UNIFORM -> fillUniform(w, rng, gain * (float) Math.sqrt(3.0 / fanIn));
            case GLOROT_NORMAL -> fillNormal(w, rng, gain * (float) Math.sqrt(2.0 / (fanIn + fanOut)));
            case GLOROT_UNIFORM -> fillUniform(w, rng, gain * (float) Math.sqrt(6.0 / (fanIn + fanOut)));
            case HE_NORMAL -> fillNormal(w, rng, gain * (float) Math.sqrt(2.0 / fanIn));
            case HE_UNIFORM -> fillUniform(w, rng, gain * (float) Math.sqrt(6.0 / fanIn));
            case ORTHOGONAL -> orthogonal(w, shape.rank() >= 2 ? shape.dim(0) : 1, shape.rank() >= 2 ? n / shape.dim(0) : n, rng, gain);
        }
        return w;
    }

    private static void fillUniform(float[] w, Rng rng, float bound) {
        for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-bound, bound);
    }

    private static void fillNormal(float[] w, Rng rng, float std) {
        for (int i = 0; i < w.length; i++) w[i] = rng.normal(0, std);
    }

    /** Rows (or columns, whichever are fewer) orthonormal: Gram–Schmidt on a Gaussian matrix (Saxe et al.). */
    private static void orthogonal(float[] w, int rows, int cols, Rng rng, float gain) {
        boolean transpose = rows > cols;
        int r = transpose ? cols : rows, c = transpose ? rows : cols;
        double[][] q = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) q[i][j] = rng.normal(0, 1);
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int j = 0; j < c; j++) dot += q[i][j] * q[p][j];
                for (int j = 0; j < c; j++) q[i][j] -= dot * q[p][j];
            }
            double norm = 0;
            for (int j = 0; j < c; j++) norm += q[i][j] * q[i][j];
            norm = Math.sqrt(norm);
            for (int j = 0; j < c; j++) q[i][j] /= norm;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) w[i * cols + j] = gain * (float) (transpose ? q[j][i] : q[i][j]);
        }
    }
}
