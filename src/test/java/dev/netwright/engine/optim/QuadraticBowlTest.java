package dev.netwright.engine.optim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every optimizer descends the seeds' bowl w1² + 5·w2² from (−1.5, 1) to its minimum, with the rate given. */
class QuadraticBowlTest {
    @ParameterizedTest(name = "{0} lr {1}")
    @CsvSource({"sgd, 0.05", "momentum, 0.02", "nesterov, 0.02", "adam, 0.1", "adamw, 0.1", "adagrad, 0.5", "rmsprop, 0.01",
            "adadelta, 1", "rprop, 0.01", "quickprop, 0.05", "delta_bar_delta, 0.05"})
    void everyOptimizerReachesTheMinimum(String name, double lr) {
        List<QuadraticBowl.Point> path = QuadraticBowl.descend(name, lr, Map.of(), -1.5, 1, 500);
        assertEquals(501, path.size());
        assertEquals(new QuadraticBowl.Point(0, -1.5, 1, 2.25 + 5), path.getFirst());
        QuadraticBowl.Point end = path.getLast();
        assertTrue(end.f() < 1e-3, name + " ends at (" + end.w1() + ", " + end.w2() + "), f = " + end.f());
    }

    @Test
    void plainGradientDescentFollowsTheFormula() {
        // w ← w − lr·(2·w1, 10·w2): one step from (−1.5, 1) with lr 0.05 gives (−1.35, 0.5)
        QuadraticBowl.Point p = QuadraticBowl.descend("sgd", 0.05, Map.of(), -1.5, 1, 1).getLast();
        assertEquals(-1.35, p.w1(), 1e-6);
        assertEquals(0.5, p.w2(), 1e-6);
    }

    @Test
    void aDivergingRateStopsThePath() {
        // lr 0.25 > 2/10: the w2 direction grows ×(1 − 10·0.25) = −1.5 per step, until the floats overflow
        List<QuadraticBowl.Point> path = QuadraticBowl.descend("sgd", 0.25, Map.of(), -1.5, 1, 100_000);
        assertTrue(path.size() < 100_000, "stopped at " + path.size());
        assertTrue(path.getLast().f() > 1e30);
    }
}
