package dev.netwright.serving;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output rows read as class probabilities: softmax outputs as they are, logits through a softmax, one output as p(1). */
class ClassScoresTest {
    @Test
    void aDistributionStaysAsItIs() {
        float[] softmax = {0.3664533f, 0.24366944f, 0.3898772f};
        assertTrue(ClassScores.isDistribution(softmax));
        assertArrayEquals(new double[]{0.3664533f, 0.24366944f, 0.3898772f}, ClassScores.probabilities(softmax), 0);
        assertEquals(2, ClassScores.argmax(ClassScores.probabilities(softmax)));
    }

    @Test
    void logitsGoThroughASoftmax() {
        float[] logits = {1, 2, 3};
        assertFalse(ClassScores.isDistribution(logits));
        double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[]{Math.exp(1) / e, Math.exp(2) / e, Math.exp(3) / e}, ClassScores.probabilities(logits), 1e-12);
        assertFalse(ClassScores.isDistribution(new float[]{0.2f, 0.2f}), "in [0, 1] but not summing to 1");
        assertArrayEquals(new double[]{0.5, 0.5}, ClassScores.probabilities(new float[]{1000, 1000}), 1e-12, "no overflow");
    }

    @Test
    void oneOutputIsTheProbabilityOfClassOne() {
        assertArrayEquals(new double[]{0.25, 0.75}, ClassScores.probabilities(new float[]{0.75f}), 1e-7);
        double p = 1 / (1 + Math.exp(-3));
        assertArrayEquals(new double[]{1 - p, p}, ClassScores.probabilities(new float[]{3}), 1e-12, "a logit");
    }
}
