package dev.netwright.training;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import dev.netwright.engine.loss.Loss;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EvaluationsTest {

    @Test
    void multiclassConfusionPrecisionRecallF1AndTopK() {
        Dataset d = new Dataset("d", "d", "", Task.MULTICLASS, Shape.of(1), 1, List.of("a", "b", "c"), new float[6], new float[6]);
        // actual:    a a b b c c ; predicted (argmax): a b b b a c ; second choices give top-2 hits
        float[] y = {
                5, 1, 0,   // a -> a
                1, 5, 2,   // a -> b (a third: miss in top-2)
                0, 5, 1,   // b -> b
                0, 5, 4,   // b -> b
                5, 0, 4,   // c -> a (c second: top-2 hit)
                0, 1, 5};  // c -> c
        float[] t = {0, 0, 1, 1, 2, 2};
        EvaluationReport r = Evaluations.report("test", d, Loss.CROSS_ENTROPY, y, 3, t, 6);
        assertArrayEquals(new int[]{1, 1, 0}, r.confusion()[0]);
        assertArrayEquals(new int[]{0, 2, 0}, r.confusion()[1]);
        assertArrayEquals(new int[]{1, 0, 1}, r.confusion()[2]);
        assertEquals(4 / 6.0, r.accuracy(), 1e-12);
        assertEquals(2, r.topK());
        assertEquals(5 / 6.0, r.topKAccuracy(), 1e-12);
        // class a: predicted twice (1 right), 2 samples → precision 1/2, recall 1/2
        var a = r.perClass().get(0);
        assertEquals(0.5, a.precision(), 1e-12);
        assertEquals(0.5, a.recall(), 1e-12);
        assertEquals(0.5, a.f1(), 1e-12);
        // class b: predicted 3 times (2 right), 2 samples → precision 2/3, recall 1, F1 0.8
        var b = r.perClass().get(1);
        assertEquals(2 / 3.0, b.precision(), 1e-12);
        assertEquals(1.0, b.recall(), 1e-12);
        assertEquals(0.8, b.f1(), 1e-12);
        assertEquals(2, b.support());
        assertEquals((0.5 + 0.8 + 2 / 3.0) / 3, r.macroF1(), 1e-12);
        assertNull(r.r2());
        assertEquals(6, r.samples());
    }

    @Test
    void binaryThresholdsProbabilitiesAndLogits() {
        Dataset d = new Dataset("d", "d", "", Task.BINARY, Shape.of(1), 1, List.of("no", "yes"), new float[4], new float[4]);
        float[] t = {0, 1, 1, 0};
        EvaluationReport p = Evaluations.report("validation", d, Loss.BINARY_CROSS_ENTROPY, new float[]{0.2f, 0.7f, 0.4f, 0.1f}, 1, t, 4);
        assertEquals(0.75, p.accuracy(), 1e-12);
        assertArrayEquals(new int[]{2, 0}, p.confusion()[0]);
        assertArrayEquals(new int[]{1, 1}, p.confusion()[1]);
        assertNull(p.topK());
        EvaluationReport l = Evaluations.report("validation", d, Loss.BCE_WITH_LOGITS, new float[]{-1, 0.5f, 2, -3}, 1, t, 4);
        assertEquals(1.0, l.accuracy(), 1e-12);
    }

    @Test
    void regressionMseMaeAndR2() {
        Dataset d = new Dataset("d", "d", "", Task.REGRESSION, Shape.of(1), 1, List.of(), new float[4], new float[4]);
        float[] t = {1, 2, 3, 4};
        float[] y = {1, 2, 3, 5};
        EvaluationReport r = Evaluations.report("test", d, Loss.MSE, y, 1, t, 4);
        assertEquals(0.25, r.mse(), 1e-12);
        assertEquals(0.25, r.mae(), 1e-12);
        // SS_res = 1, SS_tot = 5 (mean 2.5)
        assertEquals(1 - 1 / 5.0, r.r2(), 1e-12);
        assertEquals(0.25, r.loss(), 1e-6, "the loss is the model's loss (mse)");
        assertNull(r.accuracy());
        assertNull(r.confusion());
    }
}
