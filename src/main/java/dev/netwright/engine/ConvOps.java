package dev.netwright.engine;

import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.BinaryOp;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.ConvGeometry;
import dev.netwright.engine.backend.Window2d;

import java.util.Arrays;

/**
 * Convolutions (cross-correlation, as in every framework), each next to its gradient rule. The heavy lifting
 * is done by the backend's three convolution primitives; a transposed convolution runs them with the roles
 * of forward and backward-data exchanged. Size pairs are {height, width}.
 */
public final class ConvOps {
    private ConvOps() {
    }

    /** Output length along one axis: floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1. */
    public static int outputSize(int in, int kernel, int stride, int padding, int dilation) {
        return Window2d.outSize(in, kernel, stride, padding, dilation);
    }

    /** Output length of a transposed convolution: (in - 1) stride - 2 padding + dilation (kernel - 1) + outputPadding + 1. */
    public static int transposedOutputSize(int in, int kernel, int stride, int padding, int outputPadding, int dilation) {
        return (in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    }

    /**
     * y[n, o] = b[o] + sum over c in o's group of x[n, c] ⋆ w[o, c].
     * <p>Shape: x [N, C, H, W], weight [O, C/groups, kh, kw], bias [O] or null → y [N, O, oh, ow].
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        Shape xs = x.shape(), ws = weight.shape();
        checkPair("stride", stride, 1);
        checkPair("padding", padding, 0);
        checkPair("dilation", dilation, 1);
        if (xs.rank() != 4 || ws.rank() != 4) {
            throw new IllegalArgumentException("conv2d expects x [N, C, H, W] and weight [O, C/groups, kh, kw]. Received: x "
                    + xs + ", weight " + ws);
        }
        int c = xs.dim(1), o = ws.dim(0);
        checkGroups("conv2d", groups, c, o, ws.dim(1) * groups == c, xs, ws);
        checkBias("conv2d", bias, o);
        if (outputSize(xs.dim(2), ws.dim(2), stride[0], padding[0], dilation[0]) <= 0
                || outputSize(xs.dim(3), ws.dim(3), stride[1], padding[1], dilation[1]) <= 0) {
            throw new IllegalArgumentException("conv2d kernel " + ws + " (dilation " + Arrays.toString(dilation)
                    + ") does not fit input " + xs + " with padding " + Arrays.toString(padding));
        }
        Window2d win = Window2d.of(xs.dim(2), xs.dim(3), ws.dim(2), ws.dim(3), stride[0], stride[1],
                padding[0], padding[1], dilation[0], dilation[1]);
        ConvGeometry g = new ConvGeometry(xs.dim(0), c, o, groups, win);
        Shape ys = Shape.of(xs.dim(0), o, win.outH(), win.outW());
        Backend be = x.backend();
        Buffer y = be.alloc(ys.size());
        be.convForward(g, x.buffer(), weight.buffer(), y);
        addBias(be, y, ys, bias);
        return Tensor.custom(ys, y, out -> {
            Buffer gy = out.gradBuffer();
            if (x.requiresGrad()) be.convBackwardData(g, gy, weight.buffer(), x.gradForAccumulate());
            if (weight.requiresGrad()) be.convBackwardFilter(g, x.buffer(), gy, weight.gradForAccumulate());
            biasGrad(be, gy, ys, bias);
        }, x, weight, bias);
    }

    /**
     * 1-D convolution, run as a 2-D one of height 1.
     * <p>Shape: x [N, C, L], weight [O, C/groups, k], bias [O] or null → y [N, O, out L].
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        Shape xs = x.shape(), ws = weight.shape();
        if (xs.rank() != 3 || ws.rank() != 3) {
            throw new IllegalArgumentException("conv1d expects x [N, C, L] and weight [O, C/groups, k]. Received: x " + xs + ", weight " + ws);
        }
        Tensor y = conv2d(x.reshape(xs.dim(0), xs.dim(1), 1, xs.dim(2)), weight.reshape(ws.dim(0), ws.dim(1), 1, ws.dim(2)), bias,
                new int[]{1, stride}, new int[]{0, padding}, new int[]{1, dilation}, groups);
        return y.reshape(xs.dim(0), ws.dim(0), y.shape().dim(3));
    }

    /**
     * Transposed convolution (the gradient of conv2d with respect to its input, plus a bias): each input value
     * scatters a scaled copy of its kernel into the output.
     * <p>Shape: x [N, C, H, W], weight [C, O/groups, kh, kw], bias [O] or null →
     * y [N, O, (H-1) stride - 2 padding + dilation (kh-1) + outputPadding + 1, ...].
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                         int[] dilation, int groups) {
        Shape xs = x.shape(), ws = weight.shape();
        checkPair("stride", stride, 1);
        checkPair("padding", padding, 0);
        checkPair("output_padding", outputPadding, 0);
        checkPair("dilation", dilation, 1);
        if (xs.rank() != 4 || ws.rank() != 4) {
            throw new IllegalArgumentException("conv_transpose2d expects x [N, C, H, W] and weight [C, O/groups, kh, kw]. Received: x "
                    + xs + ", weight " + ws);
        }
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] >= Math.max(stride[i], dilation[i])) {
                throw new IllegalArgumentException("conv_transpose2d output_padding " + Arrays.toString(outputPadding)
                        + " must be smaller than stride " + Arrays.toString(stride) + " or dilation " + Arrays.toString(dilation));
            }
        }
        int c = xs.dim(1), o = ws.dim(1) * groups;
        checkGroups("conv_transpose2d", groups, c, o, ws.dim(0) == c, xs, ws);
        checkBias("conv_transpose2d", bias, o);
        int oh = transposedOutputSize(xs.dim(2), ws.dim(2), stride[0], padding[0], outputPadding[0], dilation[0]);
        int ow = transposedOutputSize(xs.dim(3), ws.dim(3), stride[1], padding[1], outputPadding[1], dilation[1]);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("conv_transpose2d output would be empty for x " + xs + ", weight " + ws
                    + ", padding " + Arrays.toString(padding));
        }
        // the convolution this op is the transpose of: from y [N, O, oh, ow] to x [N, C, H, W], with weight [C, O/groups, kh, kw]
        Window2d win = new Window2d(oh, ow, xs.dim(2), xs.dim(3), ws.dim(2), ws.dim(3), stride[0], stride[1],
                padding[0], padding[1], dilation[0], dilation[1]);
        ConvGeometry g = new ConvGeometry(xs.dim(0), o, c, groups, win);
        Shape ys = Shape.of(xs.dim(0), o, oh, ow);
        Backend be = x.backend();
        Buffer y = be.alloc(ys.size());
        be.convBackwardData(g, x.buffer(), weight.buffer(), y);
        addBias(be, y, ys, bias);
        return Tensor.custom(ys, y, out -> {
            Buffer gy = out.gradBuffer();
            if (x.requiresGrad()) be.convForward(g, gy, weight.buffer(), x.gradForAccumulate());
            if (weight.requiresGrad()) be.convBackwardFilter(g, gy, x.buffer(), weight.gradForAccumulate());
            biasGrad(be, gy, ys, bias);
        }, x, weight, bias);
    }

    // ***** helpers *****

    /** Strides that read bias [O] as [1, O, 1, 1] against y [N, O, H, W] (those of Shape.broadcastStrides). */
    private static int[] biasStrides(Shape ys) {
        return new int[]{0, ys.dim(1) == 1 ? 0 : 1, 0, 0};
    }

    private static void addBias(Backend be, Buffer y, Shape ys, Tensor bias) {
        if (bias != null) be.binary(BinaryOp.ADD, y, ys.strides(), bias.buffer(), biasStrides(ys), y, ys.dims());
    }

    private static void biasGrad(Backend be, Buffer gy, Shape ys, Tensor bias) {
        if (bias != null && bias.requiresGrad()) be.sumToBroadcast(gy, ys.dims(), bias.gradForAccumulate(), biasStrides(ys));
    }

    static void checkPair(String name, int[] v, int min) {
        if (v == null || v.length != 2 || v[0] < min || v[1] < min) {
            throw new IllegalArgumentException(name + " must be two values >= " + min + ". Received: " + Arrays.toString(v));
        }
    }

    private static void checkGroups(String op, int groups, int inC, int outC, boolean weightFits, Shape xs, Shape ws) {
        if (groups <= 0 || inC % groups != 0 || outC % groups != 0 || !weightFits) {
            throw new IllegalArgumentException(op + ": input " + xs + ", weight " + ws + " and groups=" + groups
                    + " do not fit (channels must divide into groups)");
        }
    }

    private static void checkBias(String op, Tensor bias, int outC) {
        if (bias != null && (bias.shape().rank() != 1 || bias.shape().dim(0) != outC)) {
            throw new IllegalArgumentException(op + " bias must be [" + outC + "]. Received: " + bias.shape());
        }
    }
}
