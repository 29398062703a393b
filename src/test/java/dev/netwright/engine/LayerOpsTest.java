package dev.netwright.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the layer ops beyond their gradients: the parallel paths, adjointness, values and error messages. */
class LayerOpsTest {
    private final Rng rng = new Rng(99);

    private Tensor r(int... dims) {
        return GradCheck.random(rng, 0, dims);
    }

    private static int[] p(int h, int w) {
        return new int[]{h, w};
    }

    private static double dot(Tensor a, Tensor b) {
        float[] x = a.toArray(), y = b.toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (double) x[i] * y[i];
        return s;
    }

    /** A convolution big enough to be split over threads gives the same values and gradients as one sample at a time. */
    @Test
    void parallelConvolutionMatchesPerSample() {
        Tensor x = r(4, 8, 14, 14), w = r(8, 4, 3, 3), b = r(8);
        Tensor y = ConvOps.conv2d(x, w, b, p(1, 1), p(1, 1), p(1, 1), 2);
        Tensor seed = r(4, 8, 14, 14);
        y.backward(seed);
        float[] gx = x.grad().toArray(), gw = w.grad().toArray();

        List<Tensor> ys = new ArrayList<>();
        Tensor w2 = w.detach().requireGrad();
        List<Tensor> xs = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            Tensor xn = x.detach().narrow(0, n, 1).detach().requireGrad();
            xs.add(xn);
            ys.add(ConvOps.conv2d(xn, w2, b.detach(), p(1, 1), p(1, 1), p(1, 1), 2));
        }
        Tensor y2 = Tensor.concat(0, ys);
        assertArrayEquals(y.toArray(), y2.toArray(), 1e-4f);
        y2.backward(seed);
        assertArrayEquals(gw, w2.grad().toArray(), 1e-3f);
        float[] gx2 = Tensor.concat(0, xs.stream().map(Tensor::grad).toList()).toArray();
        assertArrayEquals(gx, gx2, 1e-4f);
    }

    /** conv_transpose2d is the adjoint of conv2d: <conv(x, w), y> = <x, conv_transpose(y, w)>. */
    @Test
    void transposedConvolutionIsTheAdjoint() {
        Tensor x = r(2, 4, 7, 6), w = r(6, 2, 3, 2), y = r(2, 6, 4, 2);
        Tensor cx = ConvOps.conv2d(x, w, null, p(2, 2), p(1, 0), p(1, 2), 2);
        assertEquals(y.shape(), cx.shape());
        // output_padding picks the input size back: H (4-1)*2 - 2 + 2 + op + 1 = 7 → op 0; W (2-1)*2 + 2*1 + op + 1 = 6 → op 1
        Tensor ty = ConvOps.convTranspose2d(y, w, null, p(2, 2), p(1, 0), p(0, 1), p(1, 2), 2);
        assertEquals(x.shape(), ty.shape());
        assertEquals(dot(cx, y), dot(x, ty), 1e-3 * Math.abs(dot(cx, y)) + 1e-3);
    }

    @Test
    void poolingValues() {
        Tensor x = Tensor.of(Shape.of(1, 1, 2, 3), 1, 5, 2, 4, Float.NaN, 3);
        assertTrue(Float.isNaN(PoolOps.maxPool2d(x, p(2, 2), p(1, 1), p(0, 0)).toArray()[0]), "NaN propagates like PyTorch");
        Tensor y = Tensor.of(Shape.of(1, 1, 2, 2), 1, 2, 3, 4);
        // 3x3 window, padding 1, count_include_pad: every output divides by 9; excluding padding by 4
        assertArrayEquals(new float[]{10f / 9}, PoolOps.avgPool2d(y, p(3, 3), p(2, 2), p(1, 1), true).toArray(), 1e-6f);
        assertArrayEquals(new float[]{2.5f}, PoolOps.avgPool2d(y, p(3, 3), p(2, 2), p(1, 1), false).toArray(), 1e-6f);
    }

    @Test
    void narrowConcatPermuteValues() {
        Tensor x = Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new float[]{2, 3, 5, 6}, x.narrow(1, 1, 2).toArray());
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, x.transpose(0, 1).toArray());
        assertEquals(Shape.of(3, 2), x.permute(1, 0).shape());
        assertArrayEquals(new float[]{1, 2, 3, 9, 4, 5, 6, 9}, Tensor.concat(1, List.of(x, Tensor.full(Shape.of(2, 1), 9))).toArray());
    }

    @Test
    void programmerErrorsNameTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(r(1, 3, 5, 5), r(4, 2, 3, 3), null, p(1, 1), p(0, 0), p(1, 1), 1));
        assertTrue(e.getMessage().contains("[1, 3, 5, 5]") && e.getMessage().contains("[4, 2, 3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(r(1, 1, 2, 2), r(1, 1, 3, 3), null, p(1, 1), p(0, 0), p(1, 1), 1));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolOps.maxPool2d(r(1, 1, 4, 4), p(2, 2), p(2, 2), p(2, 2)));
        assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MovementOps.embedding(r(3, 2), Tensor.of(Shape.of(2), 1, 3)));
        assertTrue(e.getMessage().contains("0..2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r(2, 3).narrow(1, 2, 2));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.lstm(r(2, 1, 3), null, null, r(8, 3), r(4, 2), null, null));
        assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NormOps.layerNorm(r(2, 5), Shape.of(4), null, null, 1e-5f));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
    }
}
