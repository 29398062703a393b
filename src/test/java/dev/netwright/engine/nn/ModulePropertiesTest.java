package dev.netwright.engine.nn;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.autograd.NoGrad;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statistical and structural properties of the layers: regularizers, running statistics, SELU self-normalization, sizes. */
class ModulePropertiesTest {
    private final Rng rng = new Rng(2024);

    private Tensor normal(int... dims) {
        Shape s = Shape.of(dims);
        return Tensor.of(s, Init.NORMAL.sample(s, rng, 1f, 1f));
    }

    /** {mean, population variance} of all values. */
    private static double[] moments(Tensor t) {
        float[] v = t.toArray();
        double s = 0, ss = 0;
        for (float x : v) s += x;
        double m = s / v.length;
        for (float x : v) ss += (x - m) * (x - m);
        return new double[]{m, ss / v.length};
    }

    @Test
    void dropoutKeepsTheMeanInTrainingAndIsIdentityInEval() {
        Tensor ones = Tensor.full(Shape.of(400, 250), 1f);
        Dropout d = new Dropout(0.3f, rng);
        assertEquals(1.0, moments(d.forward(ones))[0], 0.02);
        d.train(false);
        assertSame(ones, d.forward(ones));
    }

    @Test
    void alphaDropoutKeepsMeanZeroAndVarianceOne() {
        Tensor x = normal(400, 250);
        double[] in = moments(x);
        AlphaDropout d = new AlphaDropout(0.2f, rng);
        double[] out = moments(d.forward(x));
        assertEquals(in[0], out[0], 0.02, "mean");
        assertEquals(in[1], out[1], 0.03, "variance");
        d.train(false);
        assertSame(x, d.forward(x));
    }

    @Test
    void gaussianNoiseAddsVarianceNotBias() {
        Tensor x = normal(400, 250);
        double[] in = moments(x);
        GaussianNoise g = new GaussianNoise(0.5f, rng);
        double[] out = moments(g.forward(x));
        assertEquals(in[0], out[0], 0.02, "mean");
        assertEquals(in[1] + 0.25, out[1], 0.03, "variance");
        g.train(false);
        assertSame(x, g.forward(x));
    }

    @Test
    void batchNormTrainsOnBatchStatisticsAndEvaluatesOnRunningOnes() {
        BatchNorm bn = new BatchNorm(2);
        assertEquals(List.of("running_mean", "running_var"), new ArrayList<>(bn.buffers().keySet()));
        // channel 0 holds 1..4, channel 1 holds 10, 20, 30, 40 over a batch of 4
        Tensor x = Tensor.of(Shape.of(4, 2), 1, 10, 2, 20, 3, 30, 4, 40);
        Tensor y = bn.forward(x);
        float[] v = y.toArray();
        for (int c = 0; c < 2; c++) {
            double s = 0, ss = 0;
            for (int n = 0; n < 4; n++) s += v[n * 2 + c];
            for (int n = 0; n < 4; n++) ss += v[n * 2 + c] * v[n * 2 + c];
            assertEquals(0, s / 4, 1e-5, "normalized mean");
            assertEquals(1, ss / 4, 1e-3, "normalized variance (biased, eps 1e-5)");
        }
        // running = 0.9 * initial + 0.1 * batch statistic, with the UNBIASED variance (1.6667 and 166.67)
        assertArrayEquals(new float[]{0.25f, 2.5f}, bn.runningMean().toArray(), 1e-5f);
        assertArrayEquals(new float[]{0.9f + 0.1f * 5f / 3f, 0.9f + 0.1f * 500f / 3f}, bn.runningVar().toArray(), 1e-4f);

        bn.runningMean().copyFrom(new float[]{1f, -2f});
        bn.runningVar().copyFrom(new float[]{4f, 0.25f});
        bn.weight().copyFrom(new float[]{2f, 1f});
        bn.bias().copyFrom(new float[]{0.5f, 0f});
        bn.train(false);
        Tensor e = bn.forward(Tensor.of(Shape.of(1, 2), 3f, -1f));
        // (3 - 1) / sqrt(4 + eps) * 2 + 0.5 = 2.5 and (-1 + 2) / sqrt(0.25 + eps) = 2
        assertArrayEquals(new float[]{2.5f, 2f}, e.toArray(), 1e-4f);
        assertArrayEquals(new float[]{1f, -2f}, bn.runningMean().toArray(), "eval must not update the running mean");
        assertArrayEquals(new float[]{4f, 0.25f}, bn.runningVar().toArray(), "eval must not update the running variance");
        // a single sample works in eval (PyTorch rejects it in training)
        assertThrows(IllegalArgumentException.class, () -> {
            bn.train(true);
            bn.forward(Tensor.of(Shape.of(1, 2), 3f, -1f));
        });
    }

    @Test
    void deepSeluNetworkWithLecunNormalInitSelfNormalizes() {
        Tensor h = normal(1000, 64);
        try (var ignored = NoGrad.enter()) {
            for (int layer = 0; layer < 16; layer++) {
                h = new Linear(64, 64, true, Init.LECUN_NORMAL, rng).forward(h).selu();
                double[] m = moments(h);
                assertTrue(Math.abs(m[0]) < 0.15 && Math.abs(m[1] - 1) < 0.25,
                        "layer " + (layer + 1) + ": mean " + m[0] + ", variance " + m[1]);
            }
        }
    }

    @Test
    void leNet5HasTheClassicParameterCountsAndShapes() {
        Conv2d c1 = new Conv2d(1, 6, 5, Init.HE_UNIFORM, rng), c3 = new Conv2d(6, 16, 5, Init.HE_UNIFORM, rng);
        Linear f5 = new Linear(400, 120, true, Init.HE_UNIFORM, rng), f6 = new Linear(120, 84, true, Init.HE_UNIFORM, rng);
        Linear out = new Linear(84, 10, true, Init.GLOROT_UNIFORM, rng);
        assertEquals(List.of(156, 2416, 48120, 10164, 850),
                List.of(c1.parameterCount(), c3.parameterCount(), f5.parameterCount(), f6.parameterCount(), out.parameterCount()));
        MaxPool2d pool = new MaxPool2d(2);
        Tensor x = normal(2, 1, 32, 32);
        Tensor h = pool.forward(c1.forward(x).relu());
        assertEquals(Shape.of(2, 6, 14, 14), h.shape());
        h = pool.forward(c3.forward(h).relu());
        assertEquals(Shape.of(2, 16, 5, 5), h.shape());
        Tensor y = out.forward(f6.forward(f5.forward(new Flatten().forward(h)).relu()).relu());
        assertEquals(Shape.of(2, 10), y.shape());
    }

    @Test
    void layerShapesAndParameterCounts() {
        Tensor seq = normal(5, 3, 4);   // [T, N, I]
        assertEquals(Shape.of(5, 3, 6), new SimpleRnn(4, 6, true, rng).forward(seq).shape());
        assertEquals(Shape.of(3, 6), new Lstm(4, 6, false, rng).forward(seq).shape());
        assertEquals(Shape.of(3, 6), new Gru(4, 6, false, rng).forward(seq).shape());
        assertEquals(4 * 6 * (4 + 6 + 2), new Lstm(4, 6, true, rng).parameterCount());
        assertEquals(3 * 6 * (4 + 6 + 2), new Gru(4, 6, true, rng).parameterCount());

        Tensor img = normal(2, 4, 9, 7);
        assertEquals(Shape.of(2, 6, 5, 4), new Conv2d(4, 6, new int[]{3, 3}, new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 1}, 2, true,
                Init.HE_UNIFORM, rng).forward(img).shape());
        assertEquals(Shape.of(2, 3, 18, 14), new ConvTranspose2d(4, 3, 2, 2, Init.HE_UNIFORM, rng).forward(img).shape());
        assertEquals(Shape.of(2, 4, 1, 1), new GlobalAvgPool2d().forward(img).shape());
        assertEquals(Shape.of(2, 4, 1, 1), new GlobalMaxPool2d().forward(img).shape());
        assertEquals(Shape.of(2, 4, 4, 3), new AvgPool2d(2).forward(img).shape());
        assertEquals(Shape.of(2, 4, 9, 7), new BatchNorm(4).forward(img).shape());
        assertEquals(Shape.of(2, 4, 9, 7), new LayerNorm(Shape.of(9, 7), 1e-5f).forward(img).shape());
        assertEquals(Shape.of(2, 4, 9, 7), new PReLU(4).forward(img).shape());

        Tensor sig = normal(2, 3, 11);
        assertEquals(Shape.of(2, 5, 9), new Conv1d(3, 5, 3, Init.HE_UNIFORM, rng).forward(sig).shape());
        assertEquals(Shape.of(2, 3, 5), new MaxPool1d(2).forward(sig).shape());
        assertEquals(Shape.of(2, 3, 3), new AvgPool1d(3).forward(sig).shape());

        Embedding emb = new Embedding(10, 4, rng);
        assertEquals(Shape.of(2, 3, 4), emb.forward(Tensor.of(Shape.of(2, 3), 0, 9, 2, 2, 5, 1)).shape());
        WeightNormLinear wn = new WeightNormLinear(5, 3, true, Init.GLOROT_UNIFORM, rng);
        assertEquals(5 * 3 + 3 + 3, wn.parameterCount());
        assertEquals(Shape.of(2, 3), wn.forward(normal(2, 5)).shape());
    }

    @Test
    void weightNormStartsAtTheUnnormalizedWeight() {
        WeightNormLinear wn = new WeightNormLinear(4, 3, false, Init.GLOROT_UNIFORM, rng);
        assertArrayEquals(wn.parameters().get("weight_v").toArray(), wn.weight().toArray(), 1e-6f);
    }
}
