package dev.netwright.engine.backend.cpu;

import dev.netwright.engine.backend.BinaryOp;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.ConvGeometry;
import dev.netwright.engine.backend.OptimizerKernel;
import dev.netwright.engine.backend.Window2d;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast CPU kernels (packed GEMM, im2col convolutions, broadcasting, pooling, optimizer updates) against plain
 * reference loops, on sizes that hit every edge of the blocking (1, odd, just below and above the register tile and
 * cache blocks) with one and two threads. The golden and gradient-check tests use tiny tensors, which mostly take the
 * small-size paths.
 */
class CpuKernelsTest {
    private final SplittableRandom rng = new SplittableRandom(5);
    private final CpuBackend be = CpuBackend.INSTANCE;
    private final int savedThreads = CpuThreads.threads();

    @AfterEach
    void restoreThreads() {
        CpuThreads.setThreads(savedThreads);
    }

    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rng.nextDouble() * 2 - 1);
        return v;
    }

    private static void close(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (!(err <= tolerance * (1 + Math.abs(expected[i])))) {
                throw new AssertionError(what + ": at " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    // ***** matrix product *****

    /** c (+)= op(a) op(b) in double, per batch entry. */
    private static float[] referenceMatmul(float[] a, float[] b, float[] c0, int batch, int m, int n, int k,
                                           boolean ta, boolean tb, boolean aB, boolean bB, boolean acc) {
        float[] c = acc ? c0.clone() : new float[batch * m * n];
        for (int e = 0; e < batch; e++) {
            int ao = aB ? e * m * k : 0, bo = bB ? e * k * n : 0, co = e * m * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        float av = ta ? a[ao + p * m + i] : a[ao + i * k + p];
                        float bv = tb ? b[bo + j * k + p] : b[bo + p * n + j];
                        s += (double) av * bv;
                    }
                    c[co + i * n + j] += (float) s;
                }
            }
        }
        return c;
    }

    private void checkMatmul(int batch, int m, int n, int k, boolean ta, boolean tb, boolean aB, boolean bB, boolean acc) {
        float[] a = random((aB ? batch : 1) * m * k), b = random((bB ? batch : 1) * k * n), c0 = random(batch * m * n);
        float[] expected = referenceMatmul(a, b, c0, batch, m, n, k, ta, tb, aB, bB, acc);
        Buffer cb = be.upload(c0);
        be.matmul(be.upload(a), be.upload(b), cb, batch, m, n, k, ta, tb, aB, bB, acc);
        close(expected, be.download(cb), 2e-6 * Math.sqrt(k + 1) * 4,
                String.format("matmul batch=%d m=%d n=%d k=%d ta=%b tb=%b aB=%b bB=%b acc=%b threads=%d",
                        batch, m, n, k, ta, tb, aB, bB, acc, CpuThreads.threads()));
    }

    @Test
    void matmulMatchesReferenceAtEveryEdge() {
        int[] ms = {1, 5, 6, 7, 13, 97, 193, 200};
        int[] ns = {1, 15, 31, 32, 33, 100, 1030};
        int[] ks = {1, 3, 255, 256, 257, 600};
        for (int threads : new int[]{1, 2}) {
            CpuThreads.setThreads(threads);
            for (int m : ms) {
                for (int n : ns) {
                    for (int k : ks) {
                        if ((long) m * n * k > 6_000_000) continue;
                        int flags = rng.nextInt(8);
                        checkMatmul(1, m, n, k, (flags & 1) != 0, (flags & 2) != 0, false, false, (flags & 4) != 0);
                    }
                }
            }
        }
    }

    @Test
    void matmulTransposesBatchesAndAccumulates() {
        for (int threads : new int[]{1, 2}) {
            CpuThreads.setThreads(threads);
            for (int flags = 0; flags < 32; flags++) {
                boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0, acc = (flags & 4) != 0;
                boolean aB = (flags & 8) != 0, bB = (flags & 16) != 0;
                checkMatmul(3, 37, 45, 70, ta, tb, aB, bB, acc);      // packed path, edge tiles
                checkMatmul(4, 3, 5, 2, ta, tb, aB, bB, acc);         // small path
            }
            checkMatmul(2, 300, 1100, 40, false, true, true, false, false); // several row and column blocks
        }
    }

    @Test
    void matmulWithEmptySharedDimensionClearsOrKeeps() {
        float[] c0 = random(6);
        Buffer c = be.upload(c0);
        be.matmul(be.alloc(0), be.alloc(0), c, 1, 2, 3, 0, false, false, false, false, true);
        assertArrayEquals(c0, be.download(c));
        be.matmul(be.alloc(0), be.alloc(0), c, 1, 2, 3, 0, false, false, false, false, false);
        assertArrayEquals(new float[6], be.download(c));
    }

    // ***** convolution *****

    /** Direct loops: y[n, o] += sum over c in o's group of w[o, c] * x[n, c] (windows), and the two adjoints. */
    private static void referenceConv(ConvGeometry g, float[] x, float[] w, float[] y, float[] gy, float[] gx, float[] gw) {
        Window2d win = g.window();
        int cg = g.inChannels() / g.groups(), og = g.outChannels() / g.groups();
        double[] dx = new double[gx.length], dw = new double[gw.length];
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                int grp = o / og;
                for (int oh = 0; oh < win.outH(); oh++) {
                    for (int ow = 0; ow < win.outW(); ow++) {
                        int yi = ((n * g.outChannels() + o) * win.outH() + oh) * win.outW() + ow;
                        double s = 0;
                        for (int c = 0; c < cg; c++) {
                            for (int ki = 0; ki < win.kernelH(); ki++) {
                                for (int kj = 0; kj < win.kernelW(); kj++) {
                                    int ih = oh * win.strideH() - win.padH() + ki * win.dilationH();
                                    int iw = ow * win.strideW() - win.padW() + kj * win.dilationW();
                                    if (ih < 0 || ih >= win.inH() || iw < 0 || iw >= win.inW()) continue;
                                    int xi = ((n * g.inChannels() + grp * cg + c) * win.inH() + ih) * win.inW() + iw;
                                    int wi = ((o * cg + c) * win.kernelH() + ki) * win.kernelW() + kj;
                                    s += (double) x[xi] * w[wi];
                                    dx[xi] += (double) gy[yi] * w[wi];
                                    dw[wi] += (double) gy[yi] * x[xi];
                                }
                            }
                        }
                        y[yi] += (float) s;
                    }
                }
            }
        }
        for (int i = 0; i < gx.length; i++) gx[i] += (float) dx[i];
        for (int i = 0; i < gw.length; i++) gw[i] += (float) dw[i];
    }

    @Test
    void convolutionsMatchDirectLoops() {
        ConvGeometry[] cases = {
                new ConvGeometry(64, 1, 6, 1, Window2d.of(28, 28, 5, 5, 1, 1, 2, 2, 1, 1)),   // LeNet conv1
                new ConvGeometry(9, 6, 16, 1, Window2d.of(14, 14, 5, 5, 1, 1, 0, 0, 1, 1)),   // LeNet conv2
                new ConvGeometry(3, 4, 8, 2, Window2d.of(11, 9, 3, 2, 2, 1, 1, 0, 2, 1)),     // strides, dilation, groups
                new ConvGeometry(2, 3, 5, 1, Window2d.of(8, 13, 3, 3, 1, 2, 1, 1, 1, 2)),     // column stride and dilation
                new ConvGeometry(4, 2, 3, 1, Window2d.of(1, 40, 1, 5, 1, 3, 0, 2, 1, 1)),     // 1-D, strided
                new ConvGeometry(1, 40, 70, 1, Window2d.of(12, 12, 3, 3, 1, 1, 1, 1, 1, 1)),  // one sample, big product
                new ConvGeometry(5, 24, 40, 1, Window2d.of(9, 7, 1, 1, 1, 1, 0, 0, 1, 1)),    // pointwise
        };
        for (int threads : new int[]{1, 2}) {
            CpuThreads.setThreads(threads);
            for (ConvGeometry g : cases) {
                float[] x = random(g.xSize()), w = random(g.weightSize()), gy = random(g.ySize());
                float[] y0 = random(g.ySize()), gx0 = random(g.xSize()), gw0 = random(g.weightSize());
                float[] y = y0.clone(), gx = gx0.clone(), gw = gw0.clone();
                referenceConv(g, x, w, y, gy, gx, gw);
                Buffer yb = be.upload(y0), gxb = be.upload(gx0), gwb = be.upload(gw0);
                be.convForward(g, be.upload(x), be.upload(w), yb);
                be.convBackwardData(g, be.upload(gy), be.upload(w), gxb);
                be.convBackwardFilter(g, be.upload(x), be.upload(gy), gwb);
                String what = g + " threads=" + threads;
                close(y, be.download(yb), 1e-5, "conv forward " + what);
                close(gx, be.download(gxb), 1e-5, "conv input gradient " + what);
                close(gw, be.download(gwb), 1e-4, "conv weight gradient " + what);
            }
        }
    }

    // ***** element-wise, broadcasting, reductions *****

    private static int[] strides(int[] shape, int[] outShape) {
        // row-major strides of shape, 0 where it broadcasts against outShape (same rank)
        int[] s = new int[shape.length];
        for (int d = shape.length - 1, acc = 1; d >= 0; d--) {
            s[d] = shape[d] == 1 && outShape[d] != 1 ? 0 : acc;
            acc *= shape[d];
        }
        return s;
    }

    private static int offset(int flat, int[] shape, int[] strides) {
        int off = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            off += (flat % shape[d]) * strides[d];
            flat /= shape[d];
        }
        return off;
    }

    @Test
    void broadcastingMatchesIndexArithmetic() {
        int[][][] cases = {
                {{64, 6, 28, 28}, {1, 6, 1, 1}},
                {{128, 512}, {1, 512}},
                {{128, 512}, {128, 512}},
                {{7, 1, 33}, {1, 5, 1}},
                {{3, 4, 1, 19}, {3, 1, 6, 19}},
                {{1}, {40000}},
                {{5, 1}, {1, 1}},
        };
        for (int threads : new int[]{1, 2}) {
            CpuThreads.setThreads(threads);
            for (int[][] c : cases) {
                int[] sa = c[0], sb = c[1], out = new int[sa.length];
                for (int d = 0; d < sa.length; d++) out[d] = Math.max(sa[d], sb[d]);
                int size = 1, na = 1, nb = 1;
                for (int d = 0; d < out.length; d++) {
                    size *= out[d];
                    na *= sa[d];
                    nb *= sb[d];
                }
                float[] a = random(na), b = random(nb);
                int[] as = strides(sa, out), bs = strides(sb, out);
                for (BinaryOp op : BinaryOp.values()) {
                    float[] expected = new float[size];
                    for (int i = 0; i < size; i++) expected[i] = CpuBroadcast.apply(op, a[offset(i, out, as)], b[offset(i, out, bs)]);
                    Buffer ob = be.alloc(size);
                    be.binary(op, be.upload(a), as, be.upload(b), bs, ob, out);
                    assertArrayEquals(expected, be.download(ob), op + " " + java.util.Arrays.toString(sa) + " with "
                            + java.util.Arrays.toString(sb));
                }
                // the gradient of the broadcast: sum g back onto b's shape
                float[] g = random(size), gb0 = random(nb), expected = gb0.clone();
                double[] sums = new double[nb];
                for (int i = 0; i < size; i++) sums[offset(i, out, bs)] += g[i];
                for (int i = 0; i < nb; i++) expected[i] += (float) sums[i];
                Buffer gbb = be.upload(gb0);
                be.sumToBroadcast(be.upload(g), out, gbb, bs);
                close(expected, be.download(gbb), 1e-5 * Math.sqrt(size / nb + 1), "sumToBroadcast " + java.util.Arrays.toString(sb));
            }
        }
    }

    @Test
    void unaryVectorPathsMatchScalarRules() {
        for (int threads : new int[]{1, 2}) {
            CpuThreads.setThreads(threads);
            int n = 70_001;
            float[] x = random(n), gy = random(n), gx0 = random(n);
            x[3] = Float.NaN;
            x[4] = -0f;
            x[5] = 0f;
            Buffer y = be.alloc(n), gx = be.upload(gx0);
            be.unary(dev.netwright.engine.backend.UnaryOp.RELU, 0, be.upload(x), y);
            be.unaryBackward(dev.netwright.engine.backend.UnaryOp.RELU, 0, be.upload(x), y, be.upload(gy), gx);
            float[] yv = be.download(y), gxv = be.download(gx);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i] > 0 ? x[i] : 0f, yv[i], "relu at " + i);
                assertEquals(x[i] > 0 ? gx0[i] + gy[i] : gx0[i], gxv[i], "relu gradient at " + i);
            }
        }
    }

    // ***** pooling *****

    @Test
    void unpaddedMaxPoolMatchesTheGeneralLoop() {
        Window2d[] windows = {
                Window2d.of(28, 28, 2, 2, 2, 2, 0, 0, 1, 1),
                Window2d.of(10, 10, 2, 2, 2, 2, 0, 0, 1, 1),
                Window2d.of(9, 11, 3, 2, 2, 3, 0, 0, 1, 2),
        };
        for (Window2d w : windows) {
            int planes = 37;
            float[] x = random(planes * w.inPlane());
            for (int i = 0; i < x.length; i += 7) x[i] = 0.25f;           // ties: the first position wins
            x[5] = Float.NaN;
            x[w.inPlane() + 1] = Float.NaN;
            float[] y = new float[planes * w.outPlane()], arg = new float[y.length];
            for (int p = 0; p < planes; p++) {
                for (int oh = 0; oh < w.outH(); oh++) {
                    for (int ow = 0; ow < w.outW(); ow++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int ki = 0; ki < w.kernelH(); ki++) {
                            for (int kj = 0; kj < w.kernelW(); kj++) {
                                int ih = oh * w.strideH() + ki * w.dilationH(), iw = ow * w.strideW() + kj * w.dilationW();
                                float v = x[p * w.inPlane() + ih * w.inW() + iw];
                                if (at < 0 || v > best || Float.isNaN(v)) {
                                    best = v;
                                    at = ih * w.inW() + iw;
                                }
                            }
                        }
                        y[p * w.outPlane() + oh * w.outW() + ow] = best;
                        arg[p * w.outPlane() + oh * w.outW() + ow] = at;
                    }
                }
            }
            Buffer yb = be.alloc(y.length), ab = be.alloc(y.length);
            be.maxPool(w, planes, be.upload(x), yb, ab);
            assertArrayEquals(y, be.download(yb), w.toString());
            assertArrayEquals(arg, be.download(ab), w.toString());
        }
    }

    // ***** optimizers *****

    @Test
    void vectorAdamAndSgdMatchTheScalarFormulas() {
        int n = 1000 + 7;
        for (int threads : new int[]{1, 2}) {
            CpuThreads.setThreads(threads);
            for (boolean decoupled : new boolean[]{false, true}) {
                var adam = new OptimizerKernel.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, decoupled);
                float[] p = random(n), g = random(n), m = random(n), v = random(n);
                for (int i = 0; i < n; i++) v[i] = Math.abs(v[i]);
                m[10] = 1e-39f;                                          // decays into the denormals: flushed
                float[] pe = p.clone(), me = m.clone(), ve = v.clone();
                int t = 3;
                double bc1 = 1 - Math.pow(0.9f, t), bc2 = 1 - Math.pow(0.999f, t);
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    if (decoupled) pe[i] *= 1 - 1e-3f * 0.01f;
                    else gi += 0.01f * pe[i];
                    me[i] = 0.9f * me[i] + (1 - 0.9f) * gi;
                    ve[i] = 0.999f * ve[i] + (1 - 0.999f) * gi * gi;
                    if (Math.abs(me[i]) < Float.MIN_NORMAL) me[i] = 0;
                    pe[i] -= (float) (1e-3f / bc1) * me[i] / ((float) Math.sqrt(ve[i]) / (float) Math.sqrt(bc2) + 1e-8f);
                }
                Buffer pb = be.upload(p), mb = be.upload(m), vb = be.upload(v);
                be.optimizerStep(adam, pb, be.upload(g), new Buffer[]{mb, vb}, t);
                assertArrayEquals(pe, be.download(pb), "adam decoupled=" + decoupled);
                assertArrayEquals(me, be.download(mb));
                assertArrayEquals(ve, be.download(vb));
            }
            for (boolean nesterov : new boolean[]{false, true}) {
                var sgd = new OptimizerKernel.Sgd(0.01f, 0.9f, nesterov, 1e-4f);
                float[] p = random(n), g = random(n), buf = random(n);
                float[] pe = p.clone(), be2 = buf.clone();
                for (int i = 0; i < n; i++) {
                    float gi = g[i] + 1e-4f * pe[i];
                    be2[i] = 0.9f * be2[i] + gi;
                    gi = nesterov ? gi + 0.9f * be2[i] : be2[i];
                    pe[i] -= 0.01f * gi;
                }
                Buffer pb = be.upload(p), bb = be.upload(buf);
                be.optimizerStep(sgd, pb, be.upload(g), new Buffer[]{bb}, 2);
                assertArrayEquals(pe, be.download(pb), "sgd nesterov=" + nesterov);
                assertArrayEquals(be2, be.download(bb));
            }
        }
        assertTrue(CpuThreads.threads() >= 1);
    }
}
