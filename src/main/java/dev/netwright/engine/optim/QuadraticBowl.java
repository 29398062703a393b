package dev.netwright.engine.optim;

import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.TensorScope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seeds' optimizer playground: the quadratic bowl f(w1, w2) = w1² + 5·w2², minimum 0 at (0, 0), steeper along w2
 * than along w1 (condition number 5), so plain gradient descent zig-zags and momentum or adaptive rates help. Any
 * optimizer of {@link Optimizers} descends it with its real update rule; the path is what the UI draws.
 */
public final class QuadraticBowl {
    /** One point of a descent: the weights after {@code step} steps and f there. */
    public record Point(int step, double w1, double w2, double f) {
    }

    private QuadraticBowl() {
    }

    public static double f(double w1, double w2) {
        return w1 * w1 + 5 * w2 * w2;
    }

    /**
     * The path of {@code steps} steps of optimizer {@code name} (with {@code options}) from (w1, w2): steps + 1
     * points, the start first. Stops early if the weights leave the finite numbers (a learning rate that diverges).
     */
    public static List<Point> descend(String name, double lr, Map<String, ? extends Number> options, double w1, double w2, int steps) {
        if (steps < 0 || steps > 100_000) throw new IllegalArgumentException("steps must be in 0..100000. Received: " + steps);
        Tensor w = Tensor.of(Shape.of(2), (float) w1, (float) w2).requireGrad();
        Optimizer opt = Optimizers.create(name, List.of(w), lr, options == null ? Map.of() : options);
        Tensor scale = Tensor.of(Shape.of(2), 1f, 5f);
        List<Point> path = new ArrayList<>(steps + 1);
        float[] v = w.toArray();
        path.add(new Point(0, v[0], v[1], f(v[0], v[1])));
        for (int i = 1; i <= steps; i++) {
            try (TensorScope ignored = TensorScope.open()) {
                opt.zeroGrad();
                w.mul(w).mul(scale).sum().backward();
                opt.step();
            }
            w.copyTo(v, 0);
            if (!Float.isFinite(v[0]) || !Float.isFinite(v[1])) break;
            path.add(new Point(i, v[0], v[1], f(v[0], v[1])));
        }
        return path;
    }
}
