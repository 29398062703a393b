package dev.netwright.engine.optim;

import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimizers PyTorch has no golden cases for (Quickprop, delta-bar-delta), on the seeds' quadratic bowl
 * f(w1, w2) = w1² + 5·w2²: each converges to the minimum at (0, 0), and their first steps follow the formulas.
 */
class SeedOptimizersTest {

    /** Runs {@code steps} steps from (-1.5, 1) and returns the final point. */
    private static float[] descend(String name, double lr, Map<String, Double> options, int steps) {
        Tensor w = Tensor.of(Shape.of(2), -1.5f, 1f).requireGrad();
        Optimizer opt = Optimizers.create(name, List.of(w), lr, options);
        Tensor scale = Tensor.of(Shape.of(2), 1f, 5f);
        for (int i = 0; i < steps; i++) {
            try (TensorScope ignored = TensorScope.open()) {
                opt.zeroGrad();
                w.mul(w).mul(scale).sum().backward();
                opt.step();
            }
        }
        return w.toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickprop", "delta_bar_delta"})
    void convergesOnTheQuadraticBowl(String name) {
        float[] w = descend(name, 0.05, Map.of(), 200);
        double f = w[0] * w[0] + 5 * w[1] * w[1];
        assertTrue(f < 1e-6, name + " ends at (" + w[0] + ", " + w[1] + "), f = " + f);
    }

    @Test
    void quickpropJumpsToTheParabolaMinimum() {
        // step 1: plain gradient step. g = (2·w1, 10·w2) = (-3, 10); w = (-1.5 + 0.03, 1 - 0.1) = (-1.47, 0.9)
        float[] one = descend("quickprop", 0.01, Map.of("max_growth", 1000.0), 1);
        assertEquals(-1.47f, one[0], 1e-6);
        assertEquals(0.9f, one[1], 1e-6);
        // step 2: on an exact parabola the secant step lands on the minimum: Δ = g/(g_old − g)·Δ_old
        float[] two = descend("quickprop", 0.01, Map.of("max_growth", 1000.0), 2);
        assertEquals(0f, two[0], 1e-5);
        assertEquals(0f, two[1], 1e-5);
    }

    @Test
    void deltaBarDeltaGrowsTheRateWhileTheSignAgrees() {
        // w1 only (w2 = 0 stays): g1 = 2·w1 keeps its sign while w1 approaches 0 from below with small steps
        float[] a = descend("delta_bar_delta", 0.01, Map.of("kappa", 0.0), 5);
        float[] b = descend("delta_bar_delta", 0.01, Map.of("kappa", 0.01), 5);
        assertTrue(Math.abs(b[0]) < Math.abs(a[0]), "a growing rate moves further: " + b[0] + " vs " + a[0]);
    }
}
