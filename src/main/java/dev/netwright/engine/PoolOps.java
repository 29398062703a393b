package dev.netwright.engine;

import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.Window2d;

import java.util.Arrays;

/**
 * Pooling over the last two axes (2-D) or the last axis (1-D), each next to its gradient rule. Any leading
 * axes ([N, C], or just [C]) are independent planes. Size pairs are {height, width}.
 */
public final class PoolOps {
    private PoolOps() {
    }

    /**
     * y = max over each window; padding counts as -infinity. The gradient goes to the maximum (the first one on ties).
     * <p>Shape: [..., H, W] → [..., oh, ow], oh = floor((H + 2 pad - dilation (k - 1) - 1) / stride) + 1.
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        Window2d win = window("max_pool2d", x, kernel, stride, padding, dilation);
        int planes = x.shape().size() / win.inPlane();
        Backend be = x.backend();
        Buffer y = be.alloc(planes * win.outPlane()), argmax = Tensor.scratch(be, planes * win.outPlane());
        be.maxPool(win, planes, x.buffer(), y, argmax);
        return Tensor.custom(outShape(x.shape(), win), y, o -> {
            if (x.requiresGrad()) be.maxPoolBackward(win, planes, o.gradBuffer(), argmax, x.gradForAccumulate());
            Tensor.freeScratch(be, argmax);    // a rule runs once: the graph is freed after backward
        }, x);
    }

    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        return maxPool2d(x, kernel, stride, padding, new int[]{1, 1});
    }

    /** Max pooling along the last axis. Shape: [..., L] → [..., out L]. */
    public static Tensor maxPool1d(Tensor x, int kernel, int stride, int padding, int dilation) {
        return as1d(x, "max_pool1d", x2 -> maxPool2d(x2, new int[]{1, kernel}, new int[]{1, stride}, new int[]{0, padding},
                new int[]{1, dilation}));
    }

    /**
     * y = mean over each window. With {@code countIncludePad} the divisor counts the padding (PyTorch's default),
     * otherwise only the real values.
     * <p>Shape: [..., H, W] → [..., oh, ow], oh = floor((H + 2 pad - k) / stride) + 1.
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        Window2d win = window("avg_pool2d", x, kernel, stride, padding, new int[]{1, 1});
        int planes = x.shape().size() / win.inPlane();
        Backend be = x.backend();
        Buffer y = be.alloc(planes * win.outPlane());
        be.avgPool(win, planes, x.buffer(), y, countIncludePad);
        return Tensor.custom(outShape(x.shape(), win), y, o -> {
            if (x.requiresGrad()) be.avgPoolBackward(win, planes, o.gradBuffer(), x.gradForAccumulate(), countIncludePad);
        }, x);
    }

    /** Average pooling along the last axis. Shape: [..., L] → [..., out L]. */
    public static Tensor avgPool1d(Tensor x, int kernel, int stride, int padding, boolean countIncludePad) {
        return as1d(x, "avg_pool1d", x2 -> avgPool2d(x2, new int[]{1, kernel}, new int[]{1, stride}, new int[]{0, padding},
                countIncludePad));
    }

    /** Mean of each channel plane. Shape: [N, C, H, W] → [N, C, 1, 1]. */
    public static Tensor globalAvgPool2d(Tensor x) {
        Shape s = check4d("global_avg_pool2d", x);
        return x.reshape(s.dim(0), s.dim(1), s.dim(2) * s.dim(3)).mean(2, true).reshape(s.dim(0), s.dim(1), 1, 1);
    }

    /** Maximum of each channel plane. Shape: [N, C, H, W] → [N, C, 1, 1]. */
    public static Tensor globalMaxPool2d(Tensor x) {
        Shape s = check4d("global_max_pool2d", x);
        int[] plane = {s.dim(2), s.dim(3)};
        return maxPool2d(x, plane, plane, new int[]{0, 0});
    }

    // ***** helpers *****

    private static Window2d window(String op, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        Shape s = x.shape();
        if (s.rank() < 3) throw new IllegalArgumentException(op + " expects [N, C, H, W] or [C, H, W]. Received: " + s);
        ConvOps.checkPair("kernel", kernel, 1);
        ConvOps.checkPair("stride", stride, 1);
        ConvOps.checkPair("padding", padding, 0);
        ConvOps.checkPair("dilation", dilation, 1);
        for (int i = 0; i < 2; i++) {
            // PyTorch's rule: a window must never lie entirely in the padding
            if (padding[i] > ((kernel[i] - 1) * dilation[i] + 1) / 2) {
                throw new IllegalArgumentException(op + " padding " + Arrays.toString(padding)
                        + " must be at most half the kernel " + Arrays.toString(kernel));
            }
        }
        if (Window2d.outSize(s.dim(-2), kernel[0], stride[0], padding[0], dilation[0]) <= 0
                || Window2d.outSize(s.dim(-1), kernel[1], stride[1], padding[1], dilation[1]) <= 0) {
            throw new IllegalArgumentException(op + " kernel " + Arrays.toString(kernel) + " does not fit input " + s
                    + " with padding " + Arrays.toString(padding));
        }
        return Window2d.of(s.dim(-2), s.dim(-1), kernel[0], kernel[1], stride[0], stride[1],
                padding[0], padding[1], dilation[0], dilation[1]);
    }

    private static Shape outShape(Shape in, Window2d w) {
        return in.with(-2, w.outH()).with(-1, w.outW());
    }

    /** Runs a 2-D pool on x [..., L] viewed as [..., 1, L]. */
    private static Tensor as1d(Tensor x, String op, java.util.function.UnaryOperator<Tensor> pool2d) {
        Shape s = x.shape();
        if (s.rank() < 2) throw new IllegalArgumentException(op + " expects [N, C, L] or [C, L]. Received: " + s);
        int[] d = s.toArray();
        int[] d4 = Arrays.copyOf(d, d.length + 1);
        d4[d.length - 1] = 1;
        d4[d.length] = d[d.length - 1];
        Tensor y = pool2d.apply(x.reshape(Shape.of(d4)));
        return y.reshape(s.with(-1, y.shape().dim(-1)));
    }

    private static Shape check4d(String op, Tensor x) {
        if (x.shape().rank() != 4) throw new IllegalArgumentException(op + " expects [N, C, H, W]. Received: " + x.shape());
        return x.shape();
    }
}
