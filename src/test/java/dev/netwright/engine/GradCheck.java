package dev.netwright.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finite-difference gradient check: compares autograd's gradient of L = sum(f(inputs) * r), with a
 * fixed random r, against central differences (f computed in float32, so tolerances are loose but
 * a wrong rule still fails by orders of magnitude).
 */
public final class GradCheck {
    private GradCheck() {
    }

    public static List<String> check(String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs, long seed) {
        Rng rng = new Rng(seed);
        Tensor probe = f.apply(inputs);
        float[] r = new float[probe.shape().size()];
        for (int i = 0; i < r.length; i++) r[i] = rng.uniform(-1, 1);
        Tensor rt = Tensor.of(probe.shape(), r);
        for (Tensor t : inputs) t.zeroGrad();
        f.apply(inputs).mul(rt).sum().backward();

        List<String> problems = new ArrayList<>();
        double eps = 1e-2;
        for (int k = 0; k < inputs.size(); k++) {
            Tensor t = inputs.get(k);
            if (!t.requiresGrad()) continue;
            float[] analytic = t.grad() == null ? new float[t.shape().size()] : t.grad().toArray();
            float[] x = t.toArray();
            for (int i = 0; i < x.length; i++) {
                float orig = x[i];
                x[i] = (float) (orig + eps);
                t.copyFrom(x);
                double plus = dot(f.apply(inputs), r);
                x[i] = (float) (orig - eps);
                t.copyFrom(x);
                double minus = dot(f.apply(inputs), r);
                x[i] = orig;
                t.copyFrom(x);
                double numeric = (plus - minus) / (2 * eps);
                double tol = 2e-2 * Math.max(1, Math.abs(numeric)) + 2e-3;
                if (Math.abs(numeric - analytic[i]) > tol) {
                    problems.add(name + ": input " + k + "[" + i + "] autograd " + analytic[i] + " vs numeric " + numeric);
                    if (problems.size() > 5) return problems;
                }
            }
        }
        return problems;
    }

    private static double dot(Tensor y, float[] r) {
        float[] v = y.toArray();
        double s = 0;
        for (int i = 0; i < v.length; i++) s += (double) v[i] * r[i];
        return s;
    }

    /** A random tensor that requires grad, values in [-2, 2] kept away from 0 by at least {@code gap}. */
    public static Tensor random(Rng rng, float gap, int... dims) {
        Shape s = Shape.of(dims);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            float x;
            do {
                x = rng.uniform(-2, 2);
            } while (Math.abs(x) < gap);
            v[i] = x;
        }
        return Tensor.of(s, v).requireGrad();
    }
}
