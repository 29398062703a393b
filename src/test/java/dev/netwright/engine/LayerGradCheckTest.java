package dev.netwright.engine;

import dev.netwright.engine.nn.AlphaDropout;
import dev.netwright.engine.nn.GaussianNoise;
import dev.netwright.engine.nn.PReLU;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finite-difference checks of the layer ops (convolution, pooling, normalization, embedding, recurrent, movement)
 * at awkward shapes: batch 1, odd sizes, stride larger than the kernel, padding = kernel - 1, dilation 2, groups,
 * sequence length 1.
 */
class LayerGradCheckTest {
    private final Rng rng = new Rng(11);
    private final List<String> problems = new ArrayList<>();

    private void check(String name, Function<List<Tensor>, Tensor> f, Tensor... in) {
        problems.addAll(GradCheck.check(name, f, List.of(in), 5));
    }

    private Tensor r(int... dims) {
        return GradCheck.random(rng, 0, dims);
    }

    /** Distinct values at least 0.05 apart (so max pooling has no near-ties for the finite differences), shuffled. */
    private Tensor distinct(int... dims) {
        Shape s = Shape.of(dims);
        int[] order = new int[s.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        rng.shuffle(order);
        float[] v = new float[order.length];
        for (int i = 0; i < v.length; i++) v[i] = order[i] * 0.05f - order.length * 0.025f;
        return Tensor.of(s, v).requireGrad();
    }

    private static int[] p(int h, int w) {
        return new int[]{h, w};
    }

    private static Function<List<Tensor>, Tensor> conv2d(int[] stride, int[] pad, int[] dil, int groups) {
        return in -> ConvOps.conv2d(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, stride, pad, dil, groups);
    }

    @Test
    void conv2d() {
        check("conv2d", conv2d(p(1, 1), p(0, 0), p(1, 1), 1), r(2, 3, 5, 5), r(4, 3, 3, 3), r(4));
        check("conv2d batch 1 odd stride/pad", conv2d(p(2, 1), p(1, 0), p(1, 1), 1), r(1, 2, 7, 5), r(3, 2, 3, 2), r(3));
        check("conv2d stride > kernel", conv2d(p(3, 3), p(0, 0), p(1, 1), 1), r(1, 1, 7, 8), r(2, 1, 2, 2), r(2));
        check("conv2d padding = kernel - 1", conv2d(p(1, 1), p(2, 2), p(1, 1), 1), r(1, 2, 4, 4), r(2, 2, 3, 3));
        check("conv2d dilation 2", conv2d(p(1, 2), p(1, 1), p(2, 2), 1), r(2, 1, 7, 6), r(2, 1, 3, 2), r(2));
        check("conv2d groups 2", conv2d(p(1, 1), p(1, 1), p(1, 1), 2), r(2, 4, 5, 5), r(6, 2, 3, 3), r(6));
        check("conv2d depthwise", conv2d(p(2, 2), p(1, 1), p(1, 1), 3), r(1, 3, 4, 5), r(3, 1, 3, 3));
        check("conv2d pointwise 1x1", conv2d(p(1, 1), p(0, 0), p(1, 1), 1), r(2, 3, 3, 4), r(5, 3, 1, 1), r(5));
        assertEquals(List.of(), problems);
    }

    @Test
    void conv1d() {
        check("conv1d", in -> ConvOps.conv1d(in.get(0), in.get(1), in.get(2), 2, 1, 1, 1), r(2, 3, 9), r(4, 3, 3), r(4));
        check("conv1d batch 1 dilation 2", in -> ConvOps.conv1d(in.get(0), in.get(1), null, 1, 2, 2, 1), r(1, 2, 7), r(3, 2, 3));
        check("conv1d stride > kernel, groups", in -> ConvOps.conv1d(in.get(0), in.get(1), in.get(2), 3, 0, 1, 2),
                r(2, 4, 10), r(2, 2, 2), r(2));
        assertEquals(List.of(), problems);
    }

    @Test
    void convTranspose2d() {
        check("conv_transpose2d s2 p1 op1", in -> ConvOps.convTranspose2d(in.get(0), in.get(1), in.get(2), p(2, 2), p(1, 1), p(1, 1), p(1, 1), 1),
                r(2, 3, 3, 4), r(3, 2, 3, 3), r(2));
        check("conv_transpose2d batch 1 groups 2", in -> ConvOps.convTranspose2d(in.get(0), in.get(1), in.get(2), p(1, 2), p(0, 1), p(0, 1), p(1, 1), 2),
                r(1, 4, 3, 3), r(4, 3, 2, 3), r(6));
        check("conv_transpose2d stride > kernel, dilation 2", in -> ConvOps.convTranspose2d(in.get(0), in.get(1), null, p(3, 3), p(0, 0), p(0, 0), p(2, 2), 1),
                r(1, 2, 2, 3), r(2, 1, 2, 2));
        assertEquals(List.of(), problems);
    }

    @Test
    void pooling() {
        check("max_pool2d k2 s2", in -> PoolOps.maxPool2d(in.get(0), p(2, 2), p(2, 2), p(0, 0)), distinct(2, 2, 4, 6));
        check("max_pool2d k3 s2 p1 odd", in -> PoolOps.maxPool2d(in.get(0), p(3, 3), p(2, 2), p(1, 1)), distinct(1, 2, 7, 5));
        check("max_pool2d stride > kernel", in -> PoolOps.maxPool2d(in.get(0), p(2, 2), p(3, 3), p(0, 0)), distinct(1, 1, 8, 7));
        check("max_pool2d padding = kernel - 1", in -> PoolOps.maxPool2d(in.get(0), p(2, 2), p(1, 1), p(1, 1)), distinct(1, 2, 3, 3));
        check("max_pool2d dilation 2", in -> PoolOps.maxPool2d(in.get(0), p(2, 2), p(1, 1), p(1, 1), p(2, 2)), distinct(2, 1, 5, 5));
        check("max_pool1d", in -> PoolOps.maxPool1d(in.get(0), 3, 2, 1, 1), distinct(2, 3, 7));
        check("avg_pool2d k3 s2 p1", in -> PoolOps.avgPool2d(in.get(0), p(3, 3), p(2, 2), p(1, 1), true), r(1, 2, 7, 5));
        check("avg_pool2d stride > kernel", in -> PoolOps.avgPool2d(in.get(0), p(2, 2), p(3, 3), p(0, 0), true), r(2, 1, 8, 7));
        check("avg_pool2d exclude pad", in -> PoolOps.avgPool2d(in.get(0), p(2, 3), p(1, 2), p(1, 1), false), r(1, 2, 4, 5));
        check("avg_pool1d padding = kernel - 1", in -> PoolOps.avgPool1d(in.get(0), 2, 1, 1, true), r(1, 3, 5));
        check("global_avg_pool2d", in -> PoolOps.globalAvgPool2d(in.get(0)), r(1, 3, 5, 3));
        check("global_max_pool2d", in -> PoolOps.globalMaxPool2d(in.get(0)), distinct(2, 3, 3, 5));
        assertEquals(List.of(), problems);
    }

    @Test
    void normalization() {
        check("batch_norm [N,C] train", in -> NormOps.batchNorm(in.get(0), Tensor.zeros(3), Tensor.full(Shape.of(3), 1f),
                in.get(1), in.get(2), true, 0.1f, 1e-5f), r(5, 3), r(3), r(3));
        check("batch_norm [N,C,H,W] train", in -> NormOps.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1f, 1e-5f),
                r(2, 3, 3, 2), r(3), r(3));
        check("batch_norm batch 1 no affine", in -> NormOps.batchNorm(in.get(0), null, null, null, null, true, 0.1f, 1e-5f), r(1, 2, 3, 3));
        Tensor rm = Tensor.of(Shape.of(2), 0.3f, -0.2f), rv = Tensor.of(Shape.of(2), 1.5f, 0.7f);
        check("batch_norm eval", in -> NormOps.batchNorm(in.get(0), rm, rv, in.get(1), in.get(2), false, 0.1f, 1e-5f),
                r(3, 2, 2, 2), r(2), r(2));
        check("layer_norm last axis", in -> NormOps.layerNorm(in.get(0), Shape.of(6), in.get(1), in.get(2), 1e-5f), r(3, 4, 6), r(6), r(6));
        check("layer_norm two axes", in -> NormOps.layerNorm(in.get(0), Shape.of(2, 3), in.get(1), in.get(2), 1e-5f), r(2, 2, 3), r(2, 3), r(2, 3));
        check("layer_norm one row, no affine", in -> NormOps.layerNorm(in.get(0), Shape.of(5), null, null, 1e-5f), r(1, 5));
        check("weight_norm_linear", in -> Tensor.linear(in.get(0), NormOps.weightNorm(in.get(1), in.get(2)), in.get(3)),
                r(4, 5), r(3, 5), r(3, 1), r(3));
        check("weight_norm conv weight, batch 1", in -> ConvOps.conv2d(in.get(0), NormOps.weightNorm(in.get(1), in.get(2)), null,
                p(1, 1), p(0, 0), p(1, 1), 1), r(1, 2, 3, 3), r(2, 2, 2, 2), r(2));
        assertEquals(List.of(), problems);
    }

    @Test
    void embeddingAndMovement() {
        Tensor idx = Tensor.of(Shape.of(3, 4), 5, 3, 0, 0, 4, 4, 3, 1, 0, 4, 2, 1);
        check("embedding (repeated rows)", in -> MovementOps.embedding(in.get(0), idx), r(7, 5));
        check("narrow", in -> in.get(0).narrow(1, 1, 2), r(2, 4, 3));
        check("concat axis 0 (same tensor twice)", in -> Tensor.concat(0, List.of(in.get(0), in.get(1), in.get(0))), r(2, 3), r(1, 3));
        check("concat axis -1", in -> Tensor.concat(-1, List.of(in.get(0), in.get(1))), r(2, 2, 1), r(2, 2, 3));
        check("permute", in -> in.get(0).permute(2, 0, 1).mul(in.get(1)), r(2, 3, 4), r(4, 2, 3));
        check("transpose", in -> in.get(0).transpose(0, 1), r(1, 5));
        assertEquals(List.of(), problems);
    }

    @Test
    void recurrent() {
        check("rnn_tanh T3 N2", in -> RecurrentOps.rnnTanh(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5)),
                r(3, 2, 3), r(1, 2, 4), r(4, 3), r(4, 4), r(4), r(4));
        check("rnn_tanh T1 N1 no h0, no bias", in -> RecurrentOps.rnnTanh(in.get(0), null, in.get(1), in.get(2), null, null),
                r(1, 1, 2), r(3, 2), r(3, 3));
        check("lstm T3 N2", in -> RecurrentOps.lstm(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), in.get(6)),
                r(3, 2, 3), r(2, 2), r(1, 2, 2), r(8, 3), r(8, 2), r(8), r(8));
        check("lstm T1 no state", in -> RecurrentOps.lstm(in.get(0), null, null, in.get(1), in.get(2), in.get(3), null),
                r(1, 2, 2), r(12, 2), r(12, 3), r(12));
        check("gru T4 N1", in -> RecurrentOps.gru(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5)),
                r(4, 1, 2), r(1, 1, 3), r(9, 2), r(9, 3), r(9), r(9));
        check("gru T1", in -> RecurrentOps.gru(in.get(0), null, in.get(1), in.get(2), in.get(3), in.get(4)),
                r(1, 3, 2), r(6, 2), r(6, 2), r(6), r(6));
        assertEquals(List.of(), problems);
    }

    @Test
    void modules() {
        PReLU perChannel = new PReLU(3), shared = new PReLU(1, 0.1f);
        check("prelu per channel", in -> perChannel.forward(in.get(0)), GradCheck.random(rng, 0.05f, 2, 3, 4), perChannel.weight());
        check("prelu shared", in -> shared.forward(in.get(0)), GradCheck.random(rng, 0.05f, 5), shared.weight());
        // a fresh module with the same seed each call draws the same mask, so the function is deterministic
        check("alpha_dropout (training)", in -> new AlphaDropout(0.3f, new Rng(3)).forward(in.get(0)), r(4, 6));
        check("gaussian_noise (training)", in -> new GaussianNoise(0.5f, new Rng(3)).forward(in.get(0)), r(3, 5));
        assertEquals(List.of(), problems);
    }
}
