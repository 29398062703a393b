package dev.netwright.engine.backend.cpu;

import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.BinaryOp;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.ConvGeometry;
import dev.netwright.engine.backend.OptimizerKernel;
import dev.netwright.engine.backend.UnaryOp;
import dev.netwright.engine.backend.Window2d;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The pure-Java backend: float arrays on the heap. Large matrix products are split over the
 * cores by rows, convolutions by samples (see {@link CpuConv}), pooling and normalization by planes or
 * channels; everything else is a plain loop the JIT vectorises.
 */
public final class CpuBackend implements Backend {
    /** Work (multiply-adds) above which a matmul is split over threads. */
    private static final long PARALLEL_WORK = 1L << 17;

    public static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {
    }

    private static float[] a(Buffer b) {
        return ((CpuBuffer) b).data();
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Buffer alloc(int size) {
        return new CpuBuffer(new float[size]);
    }

    @Override
    public Buffer upload(float[] data) {
        return new CpuBuffer(data.clone());
    }

    @Override
    public float[] download(Buffer buffer) {
        return a(buffer).clone();
    }

    @Override
    public void fill(Buffer buffer, float value) {
        java.util.Arrays.fill(a(buffer), value);
    }

    @Override
    public void copy(Buffer src, Buffer dst) {
        System.arraycopy(a(src), 0, a(dst), 0, src.size());
    }

    // ***** element-wise *****

    @Override
    public void unary(UnaryOp op, float alpha, Buffer xb, Buffer yb) {
        float[] x = a(xb), y = a(yb);
        int n = x.length;
        switch (op) {
            case IDENTITY -> System.arraycopy(x, 0, y, 0, n);
            case NEG -> { for (int i = 0; i < n; i++) y[i] = -x[i]; }
            case EXP -> { for (int i = 0; i < n; i++) y[i] = (float) Math.exp(x[i]); }
            case LOG -> { for (int i = 0; i < n; i++) y[i] = (float) Math.max(Math.log(x[i]), -100.0); }
            case SQRT -> { for (int i = 0; i < n; i++) y[i] = (float) Math.sqrt(x[i]); }
            case ABS -> { for (int i = 0; i < n; i++) y[i] = Math.abs(x[i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) y[i] = x[i] * x[i]; }
            case SCALE -> { for (int i = 0; i < n; i++) y[i] = alpha * x[i]; }
            case ADD_SCALAR -> { for (int i = 0; i < n; i++) y[i] = x[i] + alpha; }
            case SIGMOID -> { for (int i = 0; i < n; i++) y[i] = sigmoid(x[i]); }
            case TANH -> { for (int i = 0; i < n; i++) y[i] = (float) Math.tanh(x[i]); }
            case RELU -> { for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0f; }
            case LEAKY_RELU -> { for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i]; }
            case ELU -> { for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : (float) (alpha * Math.expm1(x[i])); }
            case SELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) (UnaryOp.SELU_LAMBDA * (x[i] > 0 ? x[i] : UnaryOp.SELU_ALPHA * Math.expm1(x[i])));
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    double bx = alpha * x[i];
                    // PyTorch's threshold: linear above 20 to avoid overflow
                    y[i] = bx > 20 ? x[i] : (float) (Math.log1p(Math.exp(bx)) / alpha);
                }
            }
            case SOFTSIGN -> { for (int i = 0; i < n; i++) y[i] = x[i] / (1 + Math.abs(x[i])); }
            case STEP -> { for (int i = 0; i < n; i++) y[i] = x[i] >= 0 ? 1f : 0f; }
            case HUBER -> {
                for (int i = 0; i < n; i++) {
                    float d = Math.abs(x[i]);
                    y[i] = d < alpha ? 0.5f * x[i] * x[i] : alpha * (d - 0.5f * alpha);
                }
            }
        }
    }

    private static float sigmoid(float x) {
        // stable on both sides
        if (x >= 0) return (float) (1.0 / (1.0 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    @Override
    public void unaryBackward(UnaryOp op, float alpha, Buffer xb, Buffer yb, Buffer gyb, Buffer gxb) {
        float[] x = a(xb), y = a(yb), gy = a(gyb), gx = a(gxb);
        int n = x.length;
        switch (op) {
            case IDENTITY -> { for (int i = 0; i < n; i++) gx[i] += gy[i]; }
            case NEG -> { for (int i = 0; i < n; i++) gx[i] -= gy[i]; }
            case EXP -> { for (int i = 0; i < n; i++) gx[i] += gy[i] * y[i]; }
            case LOG -> { for (int i = 0; i < n; i++) gx[i] += gy[i] / x[i]; }
            case SQRT -> { for (int i = 0; i < n; i++) gx[i] += gy[i] * 0.5f / y[i]; }
            case ABS -> { for (int i = 0; i < n; i++) gx[i] += gy[i] * Math.signum(x[i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) gx[i] += gy[i] * 2 * x[i]; }
            case SCALE -> { for (int i = 0; i < n; i++) gx[i] += gy[i] * alpha; }
            case ADD_SCALAR -> { for (int i = 0; i < n; i++) gx[i] += gy[i]; }
            case SIGMOID -> { for (int i = 0; i < n; i++) gx[i] += gy[i] * y[i] * (1 - y[i]); }
            case TANH -> { for (int i = 0; i < n; i++) gx[i] += gy[i] * (1 - y[i] * y[i]); }
            case RELU -> { for (int i = 0; i < n; i++) if (x[i] > 0) gx[i] += gy[i]; }
            case LEAKY_RELU -> { for (int i = 0; i < n; i++) gx[i] += x[i] > 0 ? gy[i] : alpha * gy[i]; }
            case ELU -> { for (int i = 0; i < n; i++) gx[i] += x[i] > 0 ? gy[i] : gy[i] * (y[i] + alpha); }
            case SELU -> {
                float la = (float) (UnaryOp.SELU_LAMBDA * UnaryOp.SELU_ALPHA);
                float l = (float) UnaryOp.SELU_LAMBDA;
                for (int i = 0; i < n; i++) gx[i] += x[i] > 0 ? gy[i] * l : gy[i] * (y[i] + la);
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    double bx = alpha * x[i];
                    gx[i] += bx > 20 ? gy[i] : gy[i] * sigmoid((float) bx);
                }
            }
            case SOFTSIGN -> {
                for (int i = 0; i < n; i++) {
                    float d = 1 + Math.abs(x[i]);
                    gx[i] += gy[i] / (d * d);
                }
            }
            case STEP -> { /* zero derivative */ }
            case HUBER -> {
                for (int i = 0; i < n; i++) {
                    float d = x[i];
                    gx[i] += gy[i] * (Math.abs(d) < alpha ? d : alpha * Math.signum(d));
                }
            }
        }
    }

    @Override
    public void binary(BinaryOp op, Buffer ab, int[] as, Buffer bb, int[] bs, Buffer ob, int[] shape) {
        float[] x = a(ab), y = a(bb), out = a(ob);
        int n = out.length;
        int r = shape.length;
        boolean sameLayout = x.length == n && y.length == n && contiguous(as, shape) && contiguous(bs, shape);
        if (sameLayout) {
            for (int i = 0; i < n; i++) out[i] = apply(op, x[i], y[i]);
            return;
        }
        // Fast path: broadcast along the last axis only, e.g. [N,K] + [K].
        int last = r == 0 ? 1 : shape[r - 1];
        int[] idx = new int[r];
        int ia = 0, ib = 0;
        for (int o = 0; o < n; o += last) {
            int sa = r == 0 ? 0 : as[r - 1], sb = r == 0 ? 0 : bs[r - 1];
            for (int j = 0; j < last; j++) out[o + j] = apply(op, x[ia + j * sa], y[ib + j * sb]);
            // advance the outer index (all but the last axis)
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                ia += as[d];
                ib += bs[d];
                if (idx[d] < shape[d]) break;
                ia -= as[d] * shape[d];
                ib -= bs[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    private static boolean contiguous(int[] strides, int[] shape) {
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != acc) return false;
            acc *= shape[i];
        }
        return true;
    }

    private static float apply(BinaryOp op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
            case GREATER -> x > y ? 1f : 0f;
        };
    }

    @Override
    public void sumAxis(Buffer xb, int outer, int mid, int inner, Buffer yb, boolean accumulate) {
        float[] x = a(xb), y = a(yb);
        if (!accumulate) java.util.Arrays.fill(y, 0, outer * inner, 0f);
        for (int o = 0; o < outer; o++) {
            int base = o * mid * inner, yo = o * inner;
            for (int m = 0; m < mid; m++) {
                int xo = base + m * inner;
                for (int i = 0; i < inner; i++) y[yo + i] += x[xo + i];
            }
        }
    }

    @Override
    public void sumToBroadcast(Buffer gb, int[] shape, Buffer gxb, int[] xs) {
        float[] g = a(gb), gx = a(gxb);
        int n = g.length, r = shape.length;
        int last = r == 0 ? 1 : shape[r - 1];
        int sl = r == 0 ? 0 : xs[r - 1];
        int[] idx = new int[r];
        int ix = 0;
        for (int o = 0; o < n; o += last) {
            if (sl == 0) {
                float s = 0;
                for (int j = 0; j < last; j++) s += g[o + j];
                gx[ix] += s;
            } else {
                for (int j = 0; j < last; j++) gx[ix + j * sl] += g[o + j];
            }
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                ix += xs[d];
                if (idx[d] < shape[d]) break;
                ix -= xs[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    // ***** matrix product *****

    @Override
    public void matmul(Buffer ab, Buffer bb, Buffer cb, int batch, int m, int n, int k,
                       boolean ta, boolean tb, boolean aBatched, boolean bBatched, boolean accumulate) {
        float[] A = a(ab), B = a(bb), C = a(cb);
        long work = (long) batch * m * n * k;
        int tasks = batch * m;
        if (work >= PARALLEL_WORK && tasks > 1) {
            // split rows in chunks so each task has enough work
            int chunk = Math.max(1, tasks / (Runtime.getRuntime().availableProcessors() * 4));
            int chunks = (tasks + chunk - 1) / chunk;
            IntStream.range(0, chunks).parallel().forEach(ci -> {
                int from = ci * chunk, to = Math.min(tasks, from + chunk);
                for (int t = from; t < to; t++) row(A, B, C, t / m, t % m, m, n, k, ta, tb, aBatched, bBatched, accumulate);
            });
        } else {
            for (int t = 0; t < tasks; t++) row(A, B, C, t / m, t % m, m, n, k, ta, tb, aBatched, bBatched, accumulate);
        }
    }

    /** One output row c[b, i, :]. */
    private static void row(float[] A, float[] B, float[] C, int b, int i, int m, int n, int k,
                            boolean ta, boolean tb, boolean aBatched, boolean bBatched, boolean accumulate) {
        int aOff = aBatched ? b * m * k : 0;
        int bOff = bBatched ? b * k * n : 0;
        int cOff = b * m * n + i * n;
        if (!accumulate) java.util.Arrays.fill(C, cOff, cOff + n, 0f);
        if (!tb) {
            // c[i,:] += a[i,p] * b[p,:]  (inner loop over contiguous rows of b: vectorisable)
            for (int p = 0; p < k; p++) {
                float av = ta ? A[aOff + p * m + i] : A[aOff + i * k + p];
                if (av == 0f) continue;
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) C[cOff + j] += av * B[bRow + j];
            }
        } else {
            // c[i,j] += dot(a[i,:], b[j,:])
            for (int j = 0; j < n; j++) {
                int bRow = bOff + j * k;
                float s = 0;
                if (!ta) {
                    int aRow = aOff + i * k;
                    for (int p = 0; p < k; p++) s += A[aRow + p] * B[bRow + p];
                } else {
                    for (int p = 0; p < k; p++) s += A[aOff + p * m + i] * B[bRow + p];
                }
                C[cOff + j] += s;
            }
        }
    }

    // ***** softmax *****

    @Override
    public void softmax(Buffer xb, Buffer yb, int outer, int dim, int inner, boolean log) {
        float[] x = a(xb), y = a(yb);
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * dim * inner + in;
                float max = Float.NEGATIVE_INFINITY;
                for (int d = 0; d < dim; d++) max = Math.max(max, x[base + d * inner]);
                double sum = 0;
                for (int d = 0; d < dim; d++) sum += Math.exp(x[base + d * inner] - max);
                if (log) {
                    float lse = (float) (max + Math.log(sum));
                    for (int d = 0; d < dim; d++) y[base + d * inner] = x[base + d * inner] - lse;
                } else {
                    for (int d = 0; d < dim; d++) y[base + d * inner] = (float) (Math.exp(x[base + d * inner] - max) / sum);
                }
            }
        }
    }

    @Override
    public void softmaxBackward(Buffer yb, Buffer gyb, Buffer gxb, int outer, int dim, int inner, boolean log) {
        float[] y = a(yb), gy = a(gyb), gx = a(gxb);
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * dim * inner + in;
                if (log) {
                    // gx = gy - softmax * sum(gy)
                    float s = 0;
                    for (int d = 0; d < dim; d++) s += gy[base + d * inner];
                    for (int d = 0; d < dim; d++) {
                        int i = base + d * inner;
                        gx[i] += gy[i] - (float) Math.exp(y[i]) * s;
                    }
                } else {
                    // gx = y * (gy - sum(gy * y))
                    float s = 0;
                    for (int d = 0; d < dim; d++) s += gy[base + d * inner] * y[base + d * inner];
                    for (int d = 0; d < dim; d++) {
                        int i = base + d * inner;
                        gx[i] += y[i] * (gy[i] - s);
                    }
                }
            }
        }
    }

    // ***** optimizers and utilities *****

    @Override
    public void axpy(float alpha, Buffer xb, Buffer yb) {
        float[] x = a(xb), y = a(yb);
        for (int i = 0; i < x.length; i++) y[i] += alpha * x[i];
    }

    @Override
    public double sumOfSquares(Buffer xb) {
        double s = 0;
        for (float v : a(xb)) s += (double) v * v;
        return s;
    }

    @Override
    public boolean hasNonFinite(Buffer xb) {
        for (float v : a(xb)) if (!Float.isFinite(v)) return true;
        return false;
    }

    @Override
    public void optimizerStep(OptimizerKernel kernel, Buffer pb, Buffer gb, Buffer[] state, int t) {
        float[] p = a(pb), g = a(gb);
        int n = p.length;
        switch (kernel) {
            case OptimizerKernel.Sgd s -> {
                float[] buf = s.momentum() != 0 ? a(state[0]) : null;
                for (int i = 0; i < n; i++) {
                    float gi = g[i] + s.weightDecay() * p[i];
                    if (buf != null) {
                        buf[i] = t == 1 ? gi : s.momentum() * buf[i] + gi;
                        gi = s.nesterov() ? gi + s.momentum() * buf[i] : buf[i];
                    }
                    p[i] -= s.lr() * gi;
                }
            }
            case OptimizerKernel.Adam ad -> {
                float[] m = a(state[0]), v = a(state[1]);
                double bc1 = 1 - Math.pow(ad.beta1(), t), bc2 = 1 - Math.pow(ad.beta2(), t);
                float stepSize = (float) (ad.lr() / bc1);
                float sqrtBc2 = (float) Math.sqrt(bc2);
                float b1 = ad.beta1(), b2 = ad.beta2();
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    if (ad.decoupled()) p[i] *= 1 - ad.lr() * ad.weightDecay();
                    else gi += ad.weightDecay() * p[i];
                    m[i] = b1 * m[i] + (1 - b1) * gi;
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                    float denom = (float) Math.sqrt(v[i]) / sqrtBc2 + ad.eps();
                    p[i] -= stepSize * m[i] / denom;
                }
            }
            case OptimizerKernel.Adagrad ag -> {
                float[] sum = a(state[0]);
                for (int i = 0; i < n; i++) {
                    float gi = g[i] + ag.weightDecay() * p[i];
                    sum[i] += gi * gi;
                    p[i] -= ag.lr() * gi / ((float) Math.sqrt(sum[i]) + ag.eps());
                }
            }
            case OptimizerKernel.RmsProp rp -> {
                float[] sq = a(state[0]), buf = a(state[1]);
                for (int i = 0; i < n; i++) {
                    float gi = g[i] + rp.weightDecay() * p[i];
                    sq[i] = rp.alpha() * sq[i] + (1 - rp.alpha()) * gi * gi;
                    float avg = (float) Math.sqrt(sq[i]) + rp.eps();
                    if (rp.momentum() > 0) {
                        buf[i] = rp.momentum() * buf[i] + gi / avg;
                        p[i] -= rp.lr() * buf[i];
                    } else {
                        p[i] -= rp.lr() * gi / avg;
                    }
                }
            }
            case OptimizerKernel.Adadelta ad -> {
                float[] sq = a(state[0]), acc = a(state[1]);
                for (int i = 0; i < n; i++) {
                    float gi = g[i] + ad.weightDecay() * p[i];
                    sq[i] = ad.rho() * sq[i] + (1 - ad.rho()) * gi * gi;
                    float delta = (float) (Math.sqrt(acc[i] + ad.eps()) / Math.sqrt(sq[i] + ad.eps())) * gi;
                    acc[i] = ad.rho() * acc[i] + (1 - ad.rho()) * delta * delta;
                    p[i] -= ad.lr() * delta;
                }
            }
            case OptimizerKernel.Rprop rp -> {
                float[] prev = a(state[0]), step = a(state[1]);
                if (t == 1) java.util.Arrays.fill(step, rp.lr());
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float sign = gi * prev[i];
                    if (sign > 0) step[i] = Math.min(step[i] * rp.etaPlus(), rp.stepMax());
                    else if (sign < 0) {
                        step[i] = Math.max(step[i] * rp.etaMinus(), rp.stepMin());
                        gi = 0;
                    }
                    p[i] -= Math.signum(gi) * step[i];
                    prev[i] = gi;
                }
            }
        }
    }

    // ***** convolution (kernels in CpuConv) *****

    @Override
    public void convForward(ConvGeometry g, Buffer x, Buffer w, Buffer y) {
        CpuConv.forward(g, a(x), a(w), a(y));
    }

    @Override
    public void convBackwardData(ConvGeometry g, Buffer gy, Buffer w, Buffer gx) {
        CpuConv.backwardData(g, a(gy), a(w), a(gx));
    }

    @Override
    public void convBackwardFilter(ConvGeometry g, Buffer x, Buffer gy, Buffer gw) {
        CpuConv.backwardFilter(g, a(x), a(gy), a(gw));
    }

    // ***** pooling *****

    /** Runs {@code body} for each index in [0, count), split over threads when {@code work} is large. */
    private static void parallelFor(int count, long work, IntConsumer body) {
        if (work >= PARALLEL_WORK && count > 1) IntStream.range(0, count).parallel().forEach(body);
        else for (int i = 0; i < count; i++) body.accept(i);
    }

    @Override
    public void maxPool(Window2d w, int planes, Buffer xb, Buffer yb, Buffer argb) {
        float[] x = a(xb), y = a(yb), arg = a(argb);
        parallelFor(planes, (long) planes * w.outPlane() * w.kernelH() * w.kernelW(), p -> {
            int xo = p * w.inPlane(), yo = p * w.outPlane();
            for (int oh = 0; oh < w.outH(); oh++) {
                for (int ow = 0; ow < w.outW(); ow++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int ki = 0; ki < w.kernelH(); ki++) {
                        int ih = oh * w.strideH() - w.padH() + ki * w.dilationH();
                        if (ih < 0 || ih >= w.inH()) continue;
                        for (int kj = 0; kj < w.kernelW(); kj++) {
                            int iw = ow * w.strideW() - w.padW() + kj * w.dilationW();
                            if (iw < 0 || iw >= w.inW()) continue;
                            float v = x[xo + ih * w.inW() + iw];
                            // NOTE: like PyTorch, a NaN wins, and the first value of the window wins ties
                            if (at < 0 || v > best || Float.isNaN(v)) {
                                best = v;
                                at = ih * w.inW() + iw;
                            }
                        }
                    }
                    y[yo + oh * w.outW() + ow] = best;
                    arg[yo + oh * w.outW() + ow] = at;
                }
            }
        });
    }

    @Override
    public void maxPoolBackward(Window2d w, int planes, Buffer gyb, Buffer argb, Buffer gxb) {
        float[] gy = a(gyb), arg = a(argb), gx = a(gxb);
        parallelFor(planes, (long) planes * w.outPlane(), p -> {
            int xo = p * w.inPlane(), yo = p * w.outPlane();
            for (int i = 0; i < w.outPlane(); i++) {
                int at = (int) arg[yo + i];
                if (at >= 0) gx[xo + at] += gy[yo + i];
            }
        });
    }

    /**
     * PyTorch's average-pool windows along one axis: for each output position o, {start, end, divisor size}
     * with [start, end) clipped to the input and the divisor size the window clipped to the padded input.
     */
    private static int[][] avgRanges(int out, int stride, int pad, int kernel, int in) {
        int[][] r = new int[out][];
        for (int o = 0; o < out; o++) {
            int start = o * stride - pad;
            int end = Math.min(start + kernel, in + pad);
            r[o] = new int[]{Math.max(start, 0), Math.min(end, in), end - start};
        }
        return r;
    }

    private static int avgDivisor(int[] rh, int[] rw, boolean countIncludePad) {
        return countIncludePad ? rh[2] * rw[2] : (rh[1] - rh[0]) * (rw[1] - rw[0]);
    }

    @Override
    public void avgPool(Window2d w, int planes, Buffer xb, Buffer yb, boolean countIncludePad) {
        float[] x = a(xb), y = a(yb);
        int[][] rh = avgRanges(w.outH(), w.strideH(), w.padH(), w.kernelH(), w.inH());
        int[][] rw = avgRanges(w.outW(), w.strideW(), w.padW(), w.kernelW(), w.inW());
        parallelFor(planes, (long) planes * w.outPlane() * w.kernelH() * w.kernelW(), p -> {
            int xo = p * w.inPlane(), yo = p * w.outPlane();
            for (int oh = 0; oh < w.outH(); oh++) {
                for (int ow = 0; ow < w.outW(); ow++) {
                    int divisor = avgDivisor(rh[oh], rw[ow], countIncludePad);
                    float s = 0;
                    for (int ih = rh[oh][0]; ih < rh[oh][1]; ih++) {
                        for (int iw = rw[ow][0]; iw < rw[ow][1]; iw++) s += x[xo + ih * w.inW() + iw];
                    }
                    y[yo + oh * w.outW() + ow] = divisor == 0 ? 0f : s / divisor;
                }
            }
        });
    }

    @Override
    public void avgPoolBackward(Window2d w, int planes, Buffer gyb, Buffer gxb, boolean countIncludePad) {
        float[] gy = a(gyb), gx = a(gxb);
        int[][] rh = avgRanges(w.outH(), w.strideH(), w.padH(), w.kernelH(), w.inH());
        int[][] rw = avgRanges(w.outW(), w.strideW(), w.padW(), w.kernelW(), w.inW());
        parallelFor(planes, (long) planes * w.outPlane() * w.kernelH() * w.kernelW(), p -> {
            int xo = p * w.inPlane(), yo = p * w.outPlane();
            for (int oh = 0; oh < w.outH(); oh++) {
                for (int ow = 0; ow < w.outW(); ow++) {
                    int divisor = avgDivisor(rh[oh], rw[ow], countIncludePad);
                    if (divisor == 0) continue;
                    float g = gy[yo + oh * w.outW() + ow] / divisor;
                    for (int ih = rh[oh][0]; ih < rh[oh][1]; ih++) {
                        for (int iw = rw[ow][0]; iw < rw[ow][1]; iw++) gx[xo + ih * w.inW() + iw] += g;
                    }
                }
            }
        });
    }

    // ***** normalization *****

    @Override
    public void normalize(Buffer xb, Buffer xhb, Buffer meanb, Buffer varb, int outer, int mid, int inner, float eps) {
        float[] x = a(xb), xh = a(xhb), mean = a(meanb), var = a(varb);
        double k = (double) outer * inner;
        parallelFor(mid, (long) outer * mid * inner, m -> {
            // two passes in double: the variance does not suffer from cancellation
            double s = 0;
            for (int o = 0; o < outer; o++) {
                int base = (o * mid + m) * inner;
                for (int i = 0; i < inner; i++) s += x[base + i];
            }
            double mu = s / k, ss = 0;
            for (int o = 0; o < outer; o++) {
                int base = (o * mid + m) * inner;
                for (int i = 0; i < inner; i++) {
                    double d = x[base + i] - mu;
                    ss += d * d;
                }
            }
            double v = ss / k;
            mean[m] = (float) mu;
            var[m] = (float) v;
            float fm = (float) mu, inv = (float) (1.0 / Math.sqrt(v + eps));
            for (int o = 0; o < outer; o++) {
                int base = (o * mid + m) * inner;
                for (int i = 0; i < inner; i++) xh[base + i] = (x[base + i] - fm) * inv;
            }
        });
    }

    @Override
    public void normalizeBackward(Buffer gb, Buffer xhb, Buffer varb, Buffer gxb, int outer, int mid, int inner, float eps) {
        float[] g = a(gb), xh = a(xhb), var = a(varb), gx = a(gxb);
        float k = (float) outer * inner;
        parallelFor(mid, (long) outer * mid * inner, m -> {
            double sg = 0, sgx = 0;
            for (int o = 0; o < outer; o++) {
                int base = (o * mid + m) * inner;
                for (int i = 0; i < inner; i++) {
                    sg += g[base + i];
                    sgx += g[base + i] * xh[base + i];
                }
            }
            float inv = (float) (1.0 / Math.sqrt(var[m] + (double) eps));
            float meanG = (float) (sg / k), meanGx = (float) (sgx / k);
            for (int o = 0; o < outer; o++) {
                int base = (o * mid + m) * inner;
                for (int i = 0; i < inner; i++) gx[base + i] += inv * (g[base + i] - meanG - xh[base + i] * meanGx);
            }
        });
    }

    // ***** indexing and slicing *****

    @Override
    public void gatherRows(Buffer tb, Buffer ib, Buffer ob, int count, int width) {
        float[] table = a(tb), idx = a(ib), out = a(ob);
        for (int r = 0; r < count; r++) System.arraycopy(table, (int) idx[r] * width, out, r * width, width);
    }

    @Override
    public void scatterAddRows(Buffer gb, Buffer ib, Buffer gtb, int count, int width) {
        float[] g = a(gb), idx = a(ib), gt = a(gtb);
        for (int r = 0; r < count; r++) {
            int dst = (int) idx[r] * width, src = r * width;
            for (int j = 0; j < width; j++) gt[dst + j] += g[src + j];
        }
    }

    @Override
    public void copySlice(Buffer sb, int srcAxis, int srcStart, Buffer db, int dstAxis, int dstStart,
                          int outer, int count, int inner, boolean accumulate) {
        float[] src = a(sb), dst = a(db);
        int n = count * inner;
        for (int o = 0; o < outer; o++) {
            int s = (o * srcAxis + srcStart) * inner, d = (o * dstAxis + dstStart) * inner;
            if (accumulate) {
                for (int j = 0; j < n; j++) dst[d + j] += src[s + j];
            } else {
                System.arraycopy(src, s, dst, d, n);
            }
        }
    }
}
