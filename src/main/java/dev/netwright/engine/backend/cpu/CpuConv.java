package dev.netwright.engine.backend.cpu;

import dev.netwright.engine.backend.ConvGeometry;
import dev.netwright.engine.backend.Window2d;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Convolution kernels of {@link CpuBackend}: im2col, then one {@link CpuGemm} product per sample and group.
 * For sample n and group g, with K = (C/groups)*kh*kw and L = oh*ow:
 * <ul>
 *   <li>forward: cols [K, L] = im2col(x[n, g]); y[n, g] [O/groups, L] += w[g] [O/groups, K] @ cols</li>
 *   <li>input gradient: dcols [K, L] = w[g]^T @ gy[n, g]; gx[n, g] += col2im(dcols)</li>
 *   <li>weight gradient: cols = im2col(x[n, g]); gw[g] += gy[n, g] @ cols^T as dot products along L
 *   ({@link CpuGemm#dotAccumulate}), summed over the samples before the lanes are added up</li>
 * </ul>
 * The batch is split over threads (each with its own scratch columns and, for the weight gradient, its own partial
 * sum); a batch of one lets the matrix product split instead. A 1x1 kernel with stride 1 and no padding reads x
 * directly. Measured against a direct convolution for LeNet-5 sizes, see docs/adr/0004-cpu-gemm.md.
 */
final class CpuConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Multiply-adds above which the batch is split over threads. */
    private static final long PARALLEL_WORK = 1L << 17;

    private CpuConv() {
    }

    /** The body of a parallel loop over samples [from, to), run as chunk number {@code chunk}. */
    private interface SampleRange {
        void run(int chunk, int from, int to);
    }

    /**
     * How many chunks to split the batch into: two per thread when the convolution is large enough (so a thread
     * that starts late still gets a share), else 1.
     */
    private static int chunks(ConvGeometry g) {
        Window2d w = g.window();
        long work = (long) g.ySize() * (g.inChannels() / g.groups()) * w.kernelH() * w.kernelW();
        int threads = CpuThreads.available(g.batch());
        return work >= PARALLEL_WORK && threads > 1 ? Math.min(g.batch(), 2 * threads) : 1;
    }

    /** Runs {@code body} over {@code chunks} contiguous sample ranges, in parallel when there are several. */
    private static void overSamples(ConvGeometry g, int chunks, SampleRange body) {
        int n = g.batch();
        if (chunks == 1) body.run(0, 0, n);
        else CpuThreads.forEach(chunks, c -> body.run(c, c * n / chunks, (c + 1) * n / chunks));
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
            float[] cols = direct ? null : CpuScratch.get(CpuScratch.COLUMNS, k * l + V);
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
                    CpuGemm.gemm(w, gi * og * k, false, src, srcOff, false, y, yOff, og, l, k, true);
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
            float[] cols = direct ? null : CpuScratch.get(CpuScratch.COLUMNS, k * l + V);
            for (int n = from; n < to; n++) {
                for (int gi = 0; gi < g.groups(); gi++) {
                    int xOff = (n * g.inChannels() + gi * cg) * win.inPlane();
                    int yOff = (n * g.outChannels() + gi * og) * l;
                    // dcols = w^T @ gy; a pointwise kernel accumulates straight into gx
                    if (direct) {
                        CpuGemm.gemm(w, gi * og * k, true, gy, yOff, false, gx, xOff, k, l, og, true);
                    } else {
                        CpuGemm.gemm(w, gi * og * k, true, gy, yOff, false, cols, 0, k, l, og, false);
                        col2im(cols, cg, win, gx, xOff);
                    }
                }
            }
        });
    }

    static void backwardFilter(ConvGeometry g, float[] x, float[] gy, float[] gw) {
        Window2d win = g.window();
        int cg = g.inChannels() / g.groups(), og = g.outChannels() / g.groups();
        int k = cg * win.kernelH() * win.kernelW(), l = win.outPlane();
        boolean direct = pointwise(win);
        int chunks = chunks(g), size = gw.length, groupSums = CpuGemm.dotSize(og, k);
        // chunk 0 sums into gw, chunk c > 0 into its own slice of the caller's partial sums, added at the end
        float[] partial = chunks == 1 ? null : CpuScratch.get(CpuScratch.PARTIALS, (chunks - 1) * size);
        overSamples(g, chunks, (chunk, from, to) -> {
            float[] acc = chunk == 0 ? gw : partial;
            int accOff = chunk == 0 ? 0 : (chunk - 1) * size;
            if (chunk > 0) java.util.Arrays.fill(partial, accOff, accOff + size, 0f);
            float[] cols = direct ? null : CpuScratch.get(CpuScratch.COLUMNS, k * l + V);
            // gw[g] [O/groups, K] = sum over samples of gy[n, g] [O/groups, L] @ cols^T: dot products along L,
            // kept as vector partial sums over the whole chunk and added up once at the end
            float[] sums = CpuScratch.get(CpuScratch.SUMS, g.groups() * groupSums);
            java.util.Arrays.fill(sums, 0, g.groups() * groupSums, 0f);
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
                    CpuGemm.dotAccumulate(gy, yOff, l, og, src, srcOff, l, k, l, sums, gi * groupSums);
                }
            }
            for (int gi = 0; gi < g.groups(); gi++) {
                CpuGemm.dotReduce(sums, gi * groupSums, og, k, acc, accOff + gi * og * k, k);
            }
        });
        for (int c = 1; c < chunks; c++) {
            int off = (c - 1) * size;
            for (int i = 0; i < size; i++) gw[i] += partial[off + i];
        }
    }

    /**
     * cols[(c*kh + ki)*kw + kj, oh*ow_count + ow] = x[c, oh*sh - ph + ki*dh, ow*sw - pw + kj*dw] (0 in the padding),
     * for the {@code channels} planes of x starting at {@code xOff}.
     */
    static void im2col(float[] x, int xOff, int channels, Window2d w, float[] cols) {
        int l = w.outPlane(), outW = w.outW(), sw = w.strideW();
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < w.kernelH(); ki++) {
                for (int kj = 0; kj < w.kernelW(); kj++) {
                    int row = ((c * w.kernelH() + ki) * w.kernelW() + kj) * l;
                    int colOff = kj * w.dilationW() - w.padW();
                    int lo = validFrom(colOff, sw, outW), hi = validTo(colOff, sw, w.inW(), outW, lo);
                    for (int oh = 0; oh < w.outH(); oh++) {
                        int ih = oh * w.strideH() - w.padH() + ki * w.dilationH();
                        int dst = row + oh * outW;
                        int src = xOff + (c * w.inH() + ih) * w.inW() + colOff;
                        boolean inside = ih >= 0 && ih < w.inH();
                        if (sw == 1 && (!inside || src + hi + V <= x.length)) {
                            // whole vectors, in increasing order: what one store writes past its run (zeros, or values
                            // past hi) the next store overwrites; cols has V floats of slack at the end
                            if (!inside) lo = hi = 0;
                            zero.intoArray(cols, dst);
                            for (int ow = lo; ow < hi; ow += V) FloatVector.fromArray(S, x, src + ow).intoArray(cols, dst + ow);
                            for (int ow = hi; ow < outW; ow += V) zero.intoArray(cols, dst + ow);
                            if (!inside) {
                                lo = validFrom(colOff, sw, outW);
                                hi = validTo(colOff, sw, w.inW(), outW, lo);
                            }
                        } else {
                            for (int ow = 0; ow < outW; ow++) {
                                cols[dst + ow] = inside && ow >= lo && ow < hi ? x[src + ow * sw] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: x[c, ih, iw] += cols[...] for every column entry that read it. */
    static void col2im(float[] cols, int channels, Window2d w, float[] gx, int xOff) {
        int l = w.outPlane(), sw = w.strideW();
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < w.kernelH(); ki++) {
                for (int kj = 0; kj < w.kernelW(); kj++) {
                    int row = ((c * w.kernelH() + ki) * w.kernelW() + kj) * l;
                    int colOff = kj * w.dilationW() - w.padW();
                    int lo = validFrom(colOff, sw, w.outW()), hi = validTo(colOff, sw, w.inW(), w.outW(), lo);
                    VectorMask<Float> last = S.indexInRange((hi - lo) / V * V, hi - lo);
                    for (int oh = 0; oh < w.outH(); oh++) {
                        int ih = oh * w.strideH() - w.padH() + ki * w.dilationH();
                        if (ih < 0 || ih >= w.inH()) continue;
                        int src = row + oh * w.outW() + lo;
                        int dst = xOff + (c * w.inH() + ih) * w.inW() + colOff + lo * sw;
                        if (sw == 1 && dst + hi - lo + V <= gx.length) {
                            int j = 0;
                            for (; j <= hi - lo - V; j += V) {
                                FloatVector.fromArray(S, gx, dst + j).add(FloatVector.fromArray(S, cols, src + j)).intoArray(gx, dst + j);
                            }
                            if (j < hi - lo) {
                                FloatVector.fromArray(S, gx, dst + j, last).add(FloatVector.fromArray(S, cols, src + j, last))
                                        .intoArray(gx, dst + j, last);
                            }
                        } else {
                            for (int j = 0; j < hi - lo; j++) gx[dst + j * sw] += cols[src + j];
                        }
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
