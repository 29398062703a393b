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
