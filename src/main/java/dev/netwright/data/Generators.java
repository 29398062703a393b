package dev.netwright.data;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;

import java.util.List;

/** Procedural data sets: deterministic for a seed, no downloads. */
final class Generators {
    private Generators() {
    }

    /** Two concentric rings (inner class 1), radii 1 and {@code factor}, Gaussian noise of std {@code noise}. */
    static Dataset circles(int n, double noise, double factor, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 2], y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double t = 2 * Math.PI * rng.nextDouble(), r = c == 1 ? factor : 1.0;
            x[2 * i] = (float) (r * Math.cos(t)) + rng.normal(0, (float) noise);
            x[2 * i + 1] = (float) (r * Math.sin(t)) + rng.normal(0, (float) noise);
            y[i] = c;
        }
        return new Dataset("circles", "Circles", "Two concentric rings, " + n + " points: separable only by a non-linear boundary",
                Task.BINARY, Shape.of(2), 1, List.of("outer", "inner"), x, y);
    }

    /** Two interleaving half circles. */
    static Dataset moons(int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 2], y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double t = Math.PI * rng.nextDouble();
            double px = c == 0 ? Math.cos(t) : 1 - Math.cos(t), py = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) px + rng.normal(0, (float) noise);
            x[2 * i + 1] = (float) py + rng.normal(0, (float) noise);
            y[i] = c;
        }
        return new Dataset("moons", "Moons", "Two interleaving half circles, " + n + " points", Task.BINARY, Shape.of(2), 1,
                List.of("upper", "lower"), x, y);
    }

    /** {@code k} Gaussian clusters in 2-D with centres on a circle of radius 3; a multi-class problem. */
    static Dataset blobs(int n, int k, double std, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 2], y = new float[n];
        String[] names = new String[k];
        for (int c = 0; c < k; c++) names[c] = "blob " + c;
        for (int i = 0; i < n; i++) {
            int c = i % k;
            double a = 2 * Math.PI * c / k;
            x[2 * i] = (float) (3 * Math.cos(a)) + rng.normal(0, (float) std);
            x[2 * i + 1] = (float) (3 * Math.sin(a)) + rng.normal(0, (float) std);
            y[i] = c;
        }
        return new Dataset("blobs", "Gaussian blobs", k + " Gaussian clusters, " + n + " points: multi-class with softmax + cross-entropy",
                Task.MULTICLASS, Shape.of(2), 1, List.of(names), x, y);
    }

    /** y = 2 x1 - 3 x2 + 0.5 + noise: a linear model recovers the coefficients. */
    static Dataset linearRegression(int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 2], y = new float[n];
        for (int i = 0; i < n; i++) {
            float a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[i] = 2 * a - 3 * b + 0.5f + rng.normal(0, (float) noise);
        }
        return new Dataset("linear-regression", "Linear regression", "y = 2·x1 − 3·x2 + 0.5 + noise, " + n + " points",
                Task.REGRESSION, Shape.of(2), 1, List.of(), x, y);
    }

    /** y = sin(x) + noise on [-π, π]. */
    static Dataset sineRegression(int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (Math.PI * (2 * rng.nextDouble() - 1));
            y[i] = (float) Math.sin(x[i]) + rng.normal(0, (float) noise);
        }
        return new Dataset("sine", "Sine wave", "y = sin(x) + noise on [−π, π], " + n + " points: non-linear regression",
                Task.REGRESSION, Shape.of(1), 1, List.of(), x, y);
    }

    /** y = x² + noise with x uniform in [−1.5, 1.5] (targets in about [0, 2.25]): the simplest curved regression. */
    static Dataset quadraticRegression(int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.uniform(-1.5f, 1.5f);
            y[i] = x[i] * x[i] + rng.normal(0, (float) noise);
        }
        return new Dataset("quadratic-regression", "Quadratic regression", "y = x² + noise on [−1.5, 1.5], " + n
                + " points: a line cannot fit it, one hidden layer can", Task.REGRESSION, Shape.of(1), 1, List.of(), x, y);
    }

    /**
     * The quadratic bowl f(w1, w2) = w1² + 5·w2² (+ noise) with (w1, w2) uniform in [−2, 2]²: the loss surface the
     * optimizer lessons draw, here as a regression target (f in [0, 24]).
     */
    static Dataset quadraticBowl(int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 2], y = new float[n];
        for (int i = 0; i < n; i++) {
            float w1 = rng.uniform(-2, 2), w2 = rng.uniform(-2, 2);
            x[2 * i] = w1;
            x[2 * i + 1] = w2;
            y[i] = w1 * w1 + 5 * w2 * w2 + rng.normal(0, (float) noise);
        }
        return new Dataset("quadratic-bowl", "Quadratic bowl", "f(w1, w2) = w1² + 5·w2² + noise on [−2, 2]², " + n
                + " points: the optimizer lessons' bowl as a regression set", Task.REGRESSION, Shape.of(2), 1, List.of(), x, y);
    }

    /**
     * Sine forecasting, a sequence task: sample i is s_t = sin(ω·t + φ) + ε_t for t = 0..T−1 (features [T, 1]) and
     * its target is the next value sin(ω·T + φ) without noise (the noise is measurement noise; the model is scored
     * against the signal). ω is uniform in [0.2, 0.6] radians per step (periods of about 10 to 31 steps), φ uniform
     * in [0, 2π), ε Gaussian with std {@code noise}.
     */
    static Dataset sineForecast(int n, int length, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * length], y = new float[n];
        for (int i = 0; i < n; i++) {
            double omega = 0.2 + 0.4 * rng.nextDouble(), phase = 2 * Math.PI * rng.nextDouble();
            for (int t = 0; t < length; t++) x[i * length + t] = (float) Math.sin(omega * t + phase) + rng.normal(0, (float) noise);
            y[i] = (float) Math.sin(omega * length + phase);
        }
        return new Dataset("sine-forecast", "Sine forecasting", n + " windows of " + length + " noisy samples of a sine with "
                + "random frequency and phase; predict the next value: a first recurrent network",
                Task.REGRESSION, Shape.of(length, 1), 1, List.of(), x, y);
    }

    /**
     * The adding problem (Hochreiter &amp; Schmidhuber 1997, in the form of Le et al. 2015): features [T, 2], column 0
     * uniform in [0, 1], column 1 zero except for one 1 in the first half (t &lt; T/2) and one in the second half;
     * target = the sum of the two marked values (in [0, 2]). Predicting the constant 1 gives a mean squared error of
     * 1/6 ≈ 0.167; a network that remembers does much better. Needs {@code length} ≥ 2.
     */
    static Dataset adding(int n, int length, long seed) {
        if (length < 2) throw new IllegalArgumentException("The adding problem needs length >= 2. Received: " + length);
        Rng rng = new Rng(seed);
        float[] x = new float[n * length * 2], y = new float[n];
        int half = length / 2;
        for (int i = 0; i < n; i++) {
            int off = i * length * 2;
            for (int t = 0; t < length; t++) x[off + 2 * t] = (float) rng.nextDouble();
            int a = rng.nextInt(half), b = half + rng.nextInt(length - half);
            x[off + 2 * a + 1] = 1;
            x[off + 2 * b + 1] = 1;
            y[i] = x[off + 2 * a] + x[off + 2 * b];
        }
        return new Dataset("adding", "Adding problem", n + " sequences of " + length + " (value, marker) pairs; the target is "
                + "the sum of the two marked values: a test of long-range memory", Task.REGRESSION, Shape.of(length, 2), 1, List.of(), x, y);
    }

    /**
     * Parity: features [T, 1] of random bits, target = b_0 xor b_1 xor … xor b_{T−1} (1 when the number of ones is
     * odd). Every bit matters, so no partial pattern predicts the target.
     */
    static Dataset parity(int n, int length, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * length], y = new float[n];
        for (int i = 0; i < n; i++) {
            int ones = 0;
            for (int t = 0; t < length; t++) {
                int bit = rng.nextInt(2);
                x[i * length + t] = bit;
                ones += bit;
            }
            y[i] = ones % 2;
        }
        return new Dataset("parity", "Parity", n + " sequences of " + length + " random bits; the target is their exclusive or "
                + "(odd number of ones)", Task.BINARY, Shape.of(length, 1), 1, List.of("even", "odd"), x, y);
    }

    /**
     * 28×28 grey images of a circle, a square or a triangle (outline, random centre and size) plus Gaussian pixel
     * noise of std {@code noise}: a small image set for convolutional networks.
     */
    static Dataset shapes28(int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        int side = 28;
        float[] x = new float[n * side * side], y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            double r = 5 + 4 * rng.nextDouble();
            double cx = r + 1 + (side - 2 * r - 2) * rng.nextDouble(), cy = r + 1 + (side - 2 * r - 2) * rng.nextDouble();
            int off = i * side * side;
            for (int py = 0; py < side; py++) {
                for (int px = 0; px < side; px++) {
                    double dx = px + 0.5 - cx, dy = py + 0.5 - cy;
                    boolean on = switch (c) {
                        case 0 -> Math.abs(Math.hypot(dx, dy) - r) < 1.0;
                        case 1 -> Math.max(Math.abs(dx), Math.abs(dy)) < r && Math.max(Math.abs(dx), Math.abs(dy)) > r - 1.6;
                        default -> onTriangle(dx, dy, r);
                    };
                    x[off + py * side + px] = (on ? 1f : 0f) + rng.normal(0, (float) noise);
                }
            }
            y[i] = c;
        }
        return new Dataset("shapes-28", "Shapes 28×28", n + " grey 28×28 images of circles, squares and triangles at random "
                + "positions and sizes, with pixel noise: a small set for convolutional networks",
                Task.MULTICLASS, Shape.of(1, side, side), 1, List.of("circle", "square", "triangle"), x, y);
    }

    /**
     * {@code images} as a reconstruction task for autoencoders: the flattened pixels are both the features and the
     * (regression) targets.
     */
    static Dataset reconstruct(Dataset images) {
        int pixels = images.featureShape().size();
        return new Dataset(images.id() + "-reconstruct", images.name() + " (reconstruct)", "The " + images.size() + " images of "
                + images.id() + " flattened to " + pixels + " values, with the same " + pixels + " values as targets: "
                + "a reconstruction task for autoencoders", Task.REGRESSION, Shape.of(pixels), pixels, List.of(),
                images.features(), images.features().clone());
    }

    /** Outline of an upward triangle inscribed in a circle of radius r: distance to the nearest edge below 0.8 px. */
    private static boolean onTriangle(double dx, double dy, double r) {
        double[][] v = {{0, -r}, {r * 0.866, r * 0.5}, {-r * 0.866, r * 0.5}};
        double best = Double.MAX_VALUE;
        for (int e = 0; e < 3; e++) {
            double[] a = v[e], b = v[(e + 1) % 3];
            double ex = b[0] - a[0], ey = b[1] - a[1];
            double t = Math.max(0, Math.min(1, ((dx - a[0]) * ex + (dy - a[1]) * ey) / (ex * ex + ey * ey)));
            best = Math.min(best, Math.hypot(dx - a[0] - t * ex, dy - a[1] - t * ey));
        }
        return best < 0.8;
    }
}
