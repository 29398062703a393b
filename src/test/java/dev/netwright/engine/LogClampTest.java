package dev.netwright.engine;

import dev.netwright.engine.loss.Loss;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saturated sigmoid output (exactly 1 in float) under bce with target 1 is a solved sample, not a diverged run: the
 * loss is 0 and the gradient finite. (A long XOR run with Adam hit 0·(1/0) = NaN in log's backward at epoch 5,794.)
 */
class LogClampTest {
    @Test
    void bceOfASaturatedSigmoidHasAFiniteGradient() {
        Tensor z = Tensor.of(Shape.of(2, 1), 40f, -40f).requireGrad();
        Tensor y = z.sigmoid();
        assertEquals(1f, y.toArray()[0]);
        Tensor loss = Loss.BINARY_CROSS_ENTROPY.compute(y, Tensor.of(Shape.of(2, 1), 1f, 0f));
        assertEquals(0f, loss.item(), 1e-6f);
        loss.backward();
        for (float g : z.grad().toArray()) assertTrue(Float.isFinite(g), "gradient " + g);
    }

    @Test
    void logGradientIsOneOverXAboveTheClampAndZeroBelow() {
        Tensor x = Tensor.of(Shape.of(3), 0.5f, 1e-30f, 0f).requireGrad();
        Tensor l = x.log();
        assertEquals(-100f, l.toArray()[2]);
        l.sum().backward();
        float[] g = x.grad().toArray();
        assertEquals(2f, g[0], 1e-6f);
        assertEquals(1e30f, g[1], 1e24f);
        assertEquals(0f, g[2]);
    }
}
