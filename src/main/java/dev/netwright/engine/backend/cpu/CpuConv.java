package dev.netwright.engine.backend.cpu;

import dev.netwright.engine.backend.ConvGeometry;
import dev.netwright.engine.backend.Window2d;

import java.util.stream.IntStream;

/**
 * Convolution kernels of {@link CpuBackend}: im2col, then a matrix product per sample and group.
 * For sample n and group g, with K = (C/groups)*kh*kw rows and L = oh*ow columns,
 * cols [K, L] = im2col(x[n, g]) and y[n, g] [O/groups, L] += w[g] [O/groups, K] @ cols.
 * The batch is split over threads when the convolution is large.
 */
final class CpuConv {
    /** Multiply-adds above which the batch is split over threads. */
    private static final long PARALLEL_WORK = 1L << 17;

    private CpuConv() {
    }

    /** The body of a parallel loop over samples [from, to), run as chunk number {@code chunk}. */
    private interface SampleRange {
        void run(int chunk, int from, int to);
    }

    /** How many chunks to split the batch into: one per core when the convolution is large enough, else 1. */
    private static int chunks(ConvGeometry g) {
        Window2d w = g.window();
        long work = (long) g.ySize() * (g.inChannels() / g.groups()) * w.kernelH() * w.kernelW();
        return work >= PARALLEL_WORK && g.batch() > 1 ? Math.min(g.batch(), Runtime.getRuntime().availableProcessors()) : 1;
    }

    /** Runs {@code body} over {@code chunks} contiguous sample ranges, in parallel when there are several. */
    private static void overSamples(ConvGeometry g, int chunks, SampleRange body) {
        int n = g.batch();
        if (chunks == 1) body.run(0, 0, n);
        else IntStream.range(0, chunks).parallel().forEach(c -> body.run(c, c * n / chunks, (c + 1) * n / chunks));
    }

    /** A 1x1 kernel with stride 1 and no padding reads x directly as the column matrix. */
    private static boolean pointwise(Window2d w) {
        return w.kernelH() == 1 && w.kernelW() == 1 && w.strideH() == 1 && w.strideW() == 1
                && w.padH() == 0 && w.padW() == 0 && w.inH() == w.outH() && w.inW() == w.outW();
    }

    static void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
        Window2d win = g.window();
        int cg = g.inChannels() / g.groups(), og = g.outChannels() / g.groups();
        int k = cg * win.kernelH() * win.kernelW(), l = win.outPlane();
        boolean direct = pointwise(win);
        overSamples(g, chunks(g), (chunk, from, to) -> {
            float[] cols = direct ? null : new float[k * l];
            for (int n = from; n < to; n++) {
                for (int gi = 0; gi < g.groups(); gi++) {
                    int xOff = (n * g.inChannels() + gi * cg) * win.inPlane();
                    int yOff = (n * g.outChannels() + gi * og) * l;
                    float[] src = x;
                    int srcOff = xOff;
                    if (!direct) {
                        im2col(x, xOff, cg, win, cols);
                        src = cols;
                        srcOff = 0;
                    }
                    // y[i, :] += w[i, p] * cols[p, :]  (contiguous rows: vectorisable)
                    for (int i = 0; i < og; i++) {
                        int yRow = yOff + i * l, wRow = (gi * og + i) * k;
                        for (int p = 0; p < k; p++) {
                            float a = w[wRow + p];
                            if (a == 0f) continue;
                            int cRow = srcOff + p * l;
                            for (int j = 0; j < l; j++) y[yRow + j] += a * src[cRow + j];
                        }
                    }
                }
            }
        });
    }

    static void backwardData(ConvGeometry g, float[] gy, float[] w, float[] gx) {
        Window2d win = g.window();
        int cg = g.inChannels() / g.groups(), og = g.outChannels() / g.groups();
        int k = cg * win.kernelH() * win.kernelW(), l = win.outPlane();
        boolean direct = pointwise(win);
        overSamples(g, chunks(g), (chunk, from, to) -> {
            float[] cols = direct ? null : new float[k * l];
            for (int n = from; n < to; n++) {
                for (int gi = 0; gi < g.groups(); gi++) {
                    int xOff = (n * g.inChannels() + gi * cg) * win.inPlane();
                    int yOff = (n * g.outChannels() + gi * og) * l;
                    // dcols[p, :] = sum_i w[i, p] * gy[i, :]; a pointwise kernel accumulates straight into gx
                    float[] dst = direct ? gx : cols;
                    int dstOff = direct ? xOff : 0;
                    if (!direct) java.util.Arrays.fill(cols, 0f);
                    for (int i = 0; i < og; i++) {
                        int yRow = yOff + i * l, wRow = (gi * og + i) * k;
                        for (int p = 0; p < k; p++) {
                            float a = w[wRow + p];
                            if (a == 0f) continue;
                            int cRow = dstOff + p * l;
                            for (int j = 0; j < l; j++) dst[cRow + j] += a * gy[yRow + j];
                        }
                    }
                    if (!direct) col2im(cols, cg, win, gx, xOff);
                }
            }
        });
    }

    static void backwardFilter(ConvGeometry g, float[] x, float[] gy, float[] gw) {
        Window2d win = g.window();
        int cg = g.inChannels() / g.groups(), og = g.outChannels() / g.groups();
        int k = cg * win.kernelH() * win.kernelW(), l = win.outPlane();
        boolean direct = pointwise(win);
        // each chunk sums its samples into its own partial gradient; the partials are added at the end
        float[][] partial = new float[chunks(g)][];
        overSamples(g, partial.length, (chunk, from, to) -> {
            float[] cols = direct ? null : new float[k * l];
            float[] acc = partial.length == 1 ? gw : new float[gw.length];
            for (int n = from; n < to; n++) {
                for (int gi = 0; gi < g.groups(); gi++) {
                    int xOff = (n * g.inChannels() + gi * cg) * win.inPlane();
                    int yOff = (n * g.outChannels() + gi * og) * l;
                    float[] src = x;
                    int srcOff = xOff;
                    if (!direct) {
                        im2col(x, xOff, cg, win, cols);
                        src = cols;
                        srcOff = 0;
                    }
                    // gw[i, p] += dot(gy[i, :], cols[p, :])
                    for (int i = 0; i < og; i++) {
                        int yRow = yOff + i * l, wRow = (gi * og + i) * k;
                        for (int p = 0; p < k; p++) {
                            int cRow = srcOff + p * l;
                            float s = 0;
                            for (int j = 0; j < l; j++) s += gy[yRow + j] * src[cRow + j];
                            acc[wRow + p] += s;
                        }
                    }
                }
            }
            partial[chunk] = acc;
        });
        if (partial.length > 1) {
            for (float[] p : partial) for (int i = 0; i < gw.length; i++) gw[i] += p[i];
        }
    }

    /**
     * cols[(c*kh + ki)*kw + kj, oh*ow_count + ow] = x[c, oh*sh - ph + ki*dh, ow*sw - pw + kj*dw] (0 in the padding),
     * for the {@code channels} planes of x starting at {@code xOff}.
     */
    static void im2col(float[] x, int xOff, int channels, Window2d w, float[] cols) {
        int l = w.outPlane();
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < w.kernelH(); ki++) {
                for (int kj = 0; kj < w.kernelW(); kj++) {
                    int row = ((c * w.kernelH() + ki) * w.kernelW() + kj) * l;
                    int colOff = kj * w.dilationW() - w.padW();
                    int lo = validFrom(colOff, w.strideW(), w.outW()), hi = validTo(colOff, w.strideW(), w.inW(), w.outW(), lo);
                    for (int oh = 0; oh < w.outH(); oh++) {
                        int ih = oh * w.strideH() - w.padH() + ki * w.dilationH();
                        int dst = row + oh * w.outW();
                        if (ih < 0 || ih >= w.inH()) {
                            java.util.Arrays.fill(cols, dst, dst + w.outW(), 0f);
                            continue;
                        }
                        int src = xOff + (c * w.inH() + ih) * w.inW() + colOff;
                        java.util.Arrays.fill(cols, dst, dst + lo, 0f);
                        for (int ow = lo; ow < hi; ow++) cols[dst + ow] = x[src + ow * w.strideW()];
                        java.util.Arrays.fill(cols, dst + hi, dst + w.outW(), 0f);
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: x[c, ih, iw] += cols[...] for every column entry that read it. */
    static void col2im(float[] cols, int channels, Window2d w, float[] gx, int xOff) {
        int l = w.outPlane();
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < w.kernelH(); ki++) {
                for (int kj = 0; kj < w.kernelW(); kj++) {
                    int row = ((c * w.kernelH() + ki) * w.kernelW() + kj) * l;
                    int colOff = kj * w.dilationW() - w.padW();
                    int lo = validFrom(colOff, w.strideW(), w.outW()), hi = validTo(colOff, w.strideW(), w.inW(), w.outW(), lo);
                    for (int oh = 0; oh < w.outH(); oh++) {
                        int ih = oh * w.strideH() - w.padH() + ki * w.dilationH();
                        if (ih < 0 || ih >= w.inH()) continue;
                        int src = row + oh * w.outW();
                        int dst = xOff + (c * w.inH() + ih) * w.inW() + colOff;
                        for (int ow = lo; ow < hi; ow++) gx[dst + ow * w.strideW()] += cols[src + ow];
                    }
                }
            }
        }
    }

    /** First output column whose input column ow*stride + off is >= 0. */
    private static int validFrom(int off, int stride, int outW) {
        return Math.min(outW, Math.max(0, -Math.floorDiv(off, stride)));
    }

    /** One past the last output column whose input column ow*stride + off is < inW (at least {@code lo}). */
    private static int validTo(int off, int stride, int inW, int outW, int lo) {
        return Math.max(lo, Math.min(outW, Math.floorDiv(inW - 1 - off, stride) + 1));
    }
}
