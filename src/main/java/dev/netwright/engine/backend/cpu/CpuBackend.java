package dev.netwright.engine.backend.cpu;

import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.BinaryOp;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.ConvGeometry;
import dev.netwright.engine.backend.OptimizerKernel;
import dev.netwright.engine.backend.UnaryOp;
import dev.netwright.engine.backend.Window2d;

import java.util.function.IntConsumer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java backend: float arrays on the heap, kernels vectorised with {@code jdk.incubator.vector} where it
 * pays (matrix products in {@link CpuGemm}, convolutions in {@link CpuConv}, broadcasting in {@link CpuBroadcast},
 * ReLU, pooling, SGD and Adam) and plain loops elsewhere. Large kernels are split over the threads of
 * {@link CpuThreads}: products by tiles, convolutions by samples, element-wise kernels by ranges, pooling and
 * normalization by planes or channels. Buffers handed back with {@link #free} are reused by {@link #alloc}.
 */
public final class CpuBackend implements Backend {
    /** e^-100: below it {@code log} is clamped to -100. */
    private static final float LOG_FLOOR = (float) Math.exp(-100);

    /** Work (element visits) above which pooling and normalization are split over threads. */
    private static final long PARALLEL_WORK = 1L << 15;

    /** Elements per thread below which an element-wise kernel stays on one thread. */
    private static final int ELEMENTWISE_GRAIN = CpuBroadcast.GRAIN;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /** Freed buffers, kept for {@link #alloc}: at most an eighth of the heap. */
    private final CpuPool pool = new CpuPool(Runtime.getRuntime().maxMemory() / Float.BYTES / 8);

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
        CpuBuffer b = pool.take(size);
        if (b == null) return new CpuBuffer(new float[size]);
        java.util.Arrays.fill(b.data(), 0f);
        return b;
    }

    /**
     * Keeps the buffer for a later {@link #alloc} of the same size, so a training step's gradient and activation
     * buffers come from the previous step's instead of new arrays; beyond an eighth of the heap in total, freed
     * buffers are left to the garbage collector. Throws if the buffer is already free.
     */
    @Override
    public void free(Buffer buffer) {
        pool.put((CpuBuffer) buffer);
    }

    /** Floats held for reuse (for tests and diagnostics). */
    public long pooledFloats() {
        return pool.floats();
    }

    @Override
    public Buffer upload(float[] data) {
        CpuBuffer b = pool.take(data.length);
        if (b == null) return new CpuBuffer(data.clone());
        System.arraycopy(data, 0, b.data(), 0, data.length);
        return b;
    }

    @Override
    public float[] download(Buffer buffer) {
        return a(buffer).clone();
    }

    @Override
    public void read(Buffer src, int srcOffset, float[] dst, int dstOffset, int count) {
        System.arraycopy(a(src), srcOffset, dst, dstOffset, count);
    }

    @Override
    public void write(float[] src, int srcOffset, Buffer dst, int dstOffset, int count) {
        System.arraycopy(src, srcOffset, a(dst), dstOffset, count);
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
        if (CpuThreads.serial(x.length, ELEMENTWISE_GRAIN)) unary(op, alpha, x, y, 0, x.length);
        else CpuThreads.range(x.length, ELEMENTWISE_GRAIN, (from, to) -> unary(op, alpha, x, y, from, to));
    }

    private static void unary(UnaryOp op, float alpha, float[] x, float[] y, int from, int to) {
        switch (op) {
            case IDENTITY -> System.arraycopy(x, from, y, from, to - from);
            case NEG -> { for (int i = from; i < to; i++) y[i] = -x[i]; }
            case EXP -> { for (int i = from; i < to; i++) y[i] = (float) Math.exp(x[i]); }
            case LOG -> { for (int i = from; i < to; i++) y[i] = (float) Math.max(Math.log(x[i]), -100.0); }
            case SQRT -> { for (int i = from; i < to; i++) y[i] = (float) Math.sqrt(x[i]); }
            case ABS -> { for (int i = from; i < to; i++) y[i] = Math.abs(x[i]); }
            case SQUARE -> { for (int i = from; i < to; i++) y[i] = x[i] * x[i]; }
            case SCALE -> { for (int i = from; i < to; i++) y[i] = alpha * x[i]; }
            case ADD_SCALAR -> { for (int i = from; i < to; i++) y[i] = x[i] + alpha; }
            case SIGMOID -> { for (int i = from; i < to; i++) y[i] = sigmoid(x[i]); }
            case TANH -> { for (int i = from; i < to; i++) y[i] = (float) Math.tanh(x[i]); }
            case RELU -> {
                int i = from;
                for (; i <= to - V; i += V) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector.zero(S).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
                }
                for (; i < to; i++) y[i] = x[i] > 0 ? x[i] : 0f;
            }
            case LEAKY_RELU -> { for (int i = from; i < to; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i]; }
            case ELU -> { for (int i = from; i < to; i++) y[i] = x[i] > 0 ? x[i] : (float) (alpha * Math.expm1(x[i])); }
            case SELU -> {
                for (int i = from; i < to; i++) {
                    y[i] = (float) (UnaryOp.SELU_LAMBDA * (x[i] > 0 ? x[i] : UnaryOp.SELU_ALPHA * Math.expm1(x[i])));
                }
            }
            case SOFTPLUS -> {
                for (int i = from; i < to; i++) {
                    double bx = alpha * x[i];
                    // PyTorch's threshold: linear above 20 to avoid overflow
                    y[i] = bx > 20 ? x[i] : (float) (Math.log1p(Math.exp(bx)) / alpha);
                }
            }
            case SOFTSIGN -> { for (int i = from; i < to; i++) y[i] = x[i] / (1 + Math.abs(x[i])); }
            case STEP -> { for (int i = from; i < to; i++) y[i] = x[i] >= 0 ? 1f : 0f; }
            case HUBER -> {
                for (int i = from; i < to; i++) {
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
        if (CpuThreads.serial(x.length, ELEMENTWISE_GRAIN)) unaryBackward(op, alpha, x, y, gy, gx, 0, x.length);
        else CpuThreads.range(x.length, ELEMENTWISE_GRAIN, (from, to) -> unaryBackward(op, alpha, x, y, gy, gx, from, to));
    }

    private static void unaryBackward(UnaryOp op, float alpha, float[] x, float[] y, float[] gy, float[] gx, int from, int to) {
        switch (op) {
            case IDENTITY -> { for (int i = from; i < to; i++) gx[i] += gy[i]; }
            case NEG -> { for (int i = from; i < to; i++) gx[i] -= gy[i]; }
            case EXP -> { for (int i = from; i < to; i++) gx[i] += gy[i] * y[i]; }
            // where the forward clamps (log x < -100, x = 0 included) the clamp's derivative, 0: no 0/0 = NaN when a
            // saturated sigmoid meets a zero weight, as in bce's (1 - t)·log(1 - y) with t = 1 and y = 1
            case LOG -> { for (int i = from; i < to; i++) gx[i] += x[i] > LOG_FLOOR ? gy[i] / x[i] : 0f; }
            case SQRT -> { for (int i = from; i < to; i++) gx[i] += gy[i] * 0.5f / y[i]; }
            case ABS -> { for (int i = from; i < to; i++) gx[i] += gy[i] * Math.signum(x[i]); }
            case SQUARE -> { for (int i = from; i < to; i++) gx[i] += gy[i] * 2 * x[i]; }
            case SCALE -> { for (int i = from; i < to; i++) gx[i] += gy[i] * alpha; }
            case ADD_SCALAR -> { for (int i = from; i < to; i++) gx[i] += gy[i]; }
            case SIGMOID -> { for (int i = from; i < to; i++) gx[i] += gy[i] * y[i] * (1 - y[i]); }
            case TANH -> { for (int i = from; i < to; i++) gx[i] += gy[i] * (1 - y[i] * y[i]); }
            case RELU -> {
                int i = from;
                for (; i <= to - V; i += V) {
                    FloatVector g = FloatVector.fromArray(S, gx, i);
                    g.add(FloatVector.fromArray(S, gy, i), FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f)).intoArray(gx, i);
                }
                for (; i < to; i++) if (x[i] > 0) gx[i] += gy[i];
            }
            case LEAKY_RELU -> { for (int i = from; i < to; i++) gx[i] += x[i] > 0 ? gy[i] : alpha * gy[i]; }
            case ELU -> { for (int i = from; i < to; i++) gx[i] += x[i] > 0 ? gy[i] : gy[i] * (y[i] + alpha); }
            case SELU -> {
                float la = (float) (UnaryOp.SELU_LAMBDA * UnaryOp.SELU_ALPHA);
                float l = (float) UnaryOp.SELU_LAMBDA;
                for (int i = from; i < to; i++) gx[i] += x[i] > 0 ? gy[i] * l : gy[i] * (y[i] + la);
            }
            case SOFTPLUS -> {
                for (int i = from; i < to; i++) {
                    double bx = alpha * x[i];
                    gx[i] += bx > 20 ? gy[i] : gy[i] * sigmoid((float) bx);
                }
            }
            case SOFTSIGN -> {
                for (int i = from; i < to; i++) {
                    float d = 1 + Math.abs(x[i]);
                    gx[i] += gy[i] / (d * d);
                }
            }
            case STEP -> { /* zero derivative */ }
            case HUBER -> {
                for (int i = from; i < to; i++) {
                    float d = x[i];
                    gx[i] += gy[i] * (Math.abs(d) < alpha ? d : alpha * Math.signum(d));
                }
            }
        }
    }

    @Override
    public void binary(BinaryOp op, Buffer ab, int[] as, Buffer bb, int[] bs, Buffer ob, int[] shape) {
        CpuBroadcast.binary(op, a(ab), as, a(bb), bs, a(ob), shape);
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
        CpuBroadcast.sumToBroadcast(a(gb), shape, a(gxb), xs);
    }

    // ***** matrix product *****

    @Override
    public void matmul(Buffer ab, Buffer bb, Buffer cb, int batch, int m, int n, int k,
                       boolean ta, boolean tb, boolean aBatched, boolean bBatched, boolean accumulate) {
        CpuGemm.matmul(a(ab), a(bb), a(cb), batch, m, n, k, ta, tb, aBatched, bBatched, accumulate);
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

    /** SGD with optional momentum (velocity {@code buf}) on [from, to); denormal velocities are flushed to 0. */
    private static void sgd(OptimizerKernel.Sgd s, float[] p, float[] g, float[] buf, int t, int from, int to) {
        float lr = s.lr(), wd = s.weightDecay(), mom = s.momentum();
        boolean nesterov = s.nesterov(), first = t == 1;
        int i = from;
        for (; i <= to - V; i += V) {
            FloatVector pi = FloatVector.fromArray(S, p, i), gi = FloatVector.fromArray(S, g, i);
            if (wd != 0) gi = gi.add(pi.mul(wd));
            if (buf != null) {
                FloatVector b = first ? gi : flushDenormals(FloatVector.fromArray(S, buf, i).mul(mom).add(gi));
                b.intoArray(buf, i);
                gi = nesterov ? gi.add(b.mul(mom)) : b;
            }
            pi.sub(gi.mul(lr)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float gi = g[i];
            if (wd != 0) gi += wd * p[i];
            if (buf != null) {
                buf[i] = first ? gi : flushDenormal(mom * buf[i] + gi);
                gi = nesterov ? gi + mom * buf[i] : buf[i];
            }
            p[i] -= lr * gi;
        }
    }

    /**
     * Adam / AdamW on [from, to). Moments that decay into the denormal range (weights whose gradient stays 0, such
     * as those of always-black input pixels) are flushed to 0: Java has no flush-to-zero mode, and denormal
     * arithmetic is many times slower on some CPUs.
     */
    private static void adam(OptimizerKernel.Adam ad, float[] p, float[] g, float[] m, float[] v, int t, int from, int to) {
        double bc1 = 1 - Math.pow(ad.beta1(), t), bc2 = 1 - Math.pow(ad.beta2(), t);
        float stepSize = (float) (ad.lr() / bc1), sqrtBc2 = (float) Math.sqrt(bc2);
        float b1 = ad.beta1(), b2 = ad.beta2(), c1 = 1 - b1, c2 = 1 - b2, eps = ad.eps(), wd = ad.weightDecay();
        float decay = 1 - ad.lr() * wd;
        boolean decoupled = ad.decoupled();
        int i = from;
        for (; i <= to - V; i += V) {
            FloatVector pi = FloatVector.fromArray(S, p, i), gi = FloatVector.fromArray(S, g, i);
            if (decoupled) pi = pi.mul(decay);
            else if (wd != 0) gi = gi.add(pi.mul(wd));
            FloatVector mi = flushDenormals(FloatVector.fromArray(S, m, i).mul(b1).add(gi.mul(c1)));
            FloatVector vi = flushDenormals(FloatVector.fromArray(S, v, i).mul(b2).add(gi.mul(c2).mul(gi)));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.sqrt().div(sqrtBc2).add(eps);
            pi.sub(mi.mul(stepSize).div(denom)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float gi = g[i];
            if (decoupled) p[i] *= decay;
            else if (wd != 0) gi += wd * p[i];
            m[i] = flushDenormal(b1 * m[i] + c1 * gi);
            v[i] = flushDenormal(b2 * v[i] + c2 * gi * gi);
            float denom = (float) Math.sqrt(v[i]) / sqrtBc2 + eps;
            p[i] -= stepSize * m[i] / denom;
        }
    }

    private static float flushDenormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    private static FloatVector flushDenormals(FloatVector x) {
        return x.blend(0f, x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
    }

    @Override
    public void optimizerStep(OptimizerKernel kernel, Buffer pb, Buffer gb, Buffer[] state, int t) {
        float[] p = a(pb), g = a(gb);
        int n = p.length;
        switch (kernel) {
            case OptimizerKernel.Sgd s -> {
                float[] buf = s.momentum() != 0 ? a(state[0]) : null;
                if (CpuThreads.serial(n, ELEMENTWISE_GRAIN)) sgd(s, p, g, buf, t, 0, n);
                else CpuThreads.range(n, ELEMENTWISE_GRAIN, (from, to) -> sgd(s, p, g, buf, t, from, to));
            }
            case OptimizerKernel.Adam ad -> {
                float[] m = a(state[0]), v = a(state[1]);
                if (CpuThreads.serial(n, ELEMENTWISE_GRAIN)) adam(ad, p, g, m, v, t, 0, n);
                else CpuThreads.range(n, ELEMENTWISE_GRAIN, (from, to) -> adam(ad, p, g, m, v, t, from, to));
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
            case OptimizerKernel.Quickprop qp -> {
                float[] prev = a(state[0]), delta = a(state[1]);
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float d;
                    float denom = prev[i] - gi;
                    if (t == 1 || delta[i] == 0 || denom == 0) {
                        d = -qp.lr() * gi;
                    } else {
                        d = gi / denom * delta[i];
                        float limit = qp.maxGrowth() * Math.abs(delta[i]);
                        if (!(Math.abs(d) <= limit)) d = Math.copySign(limit, d);
                    }
                    p[i] += d;
                    delta[i] = d;
                    prev[i] = gi;
                }
            }
            case OptimizerKernel.DeltaBarDelta dbd -> {
                float[] eta = a(state[0]), bar = a(state[1]);
                if (t == 1) java.util.Arrays.fill(eta, dbd.lr());
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float agree = bar[i] * gi;
                    if (agree > 0) eta[i] += dbd.kappa();
                    else if (agree < 0) eta[i] -= dbd.phi() * eta[i];
                    bar[i] = dbd.theta() * bar[i] + (1 - dbd.theta()) * gi;
                    p[i] -= eta[i] * gi;
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
        if (work >= PARALLEL_WORK && count > 1) CpuThreads.forEach(count, body);
        else for (int i = 0; i < count; i++) body.accept(i);
    }

    @Override
    public void maxPool(Window2d w, int planes, Buffer xb, Buffer yb, Buffer argb) {
        float[] x = a(xb), y = a(yb), arg = a(argb);
        if (w.padH() == 0 && w.padW() == 0) {
            maxPoolUnpadded(w, planes, x, y, arg);
            return;
        }
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

    /**
     * Max pooling without padding, 16 outputs at a time: every window lies inside its plane, so each window
     * position is one gather (through the outputs' window corners) and a compare-and-blend, with the same tie
     * (first wins) and NaN (a NaN wins) rules as the general loop but no data-dependent branches.
     */
    private static void maxPoolUnpadded(Window2d w, int planes, float[] x, float[] y, float[] arg) {
        int outPlane = w.outPlane(), blocks = (outPlane + V - 1) / V;
        Corners c = Corners.of(w);
        int[] corner = c.offsets;
        float[] cornerF = c.offsetsF;
        VectorMask<Float> tail = c.tail;
        parallelFor(planes, (long) planes * outPlane * w.kernelH() * w.kernelW(), p -> {
            int xo = p * w.inPlane(), yo = p * outPlane;
            for (int b = 0; b < blocks; b++) {
                int o = b * V;
                FloatVector best = FloatVector.fromArray(S, x, xo, corner, o);
                FloatVector at = FloatVector.fromArray(S, cornerF, o);
                for (int ki = 0; ki < w.kernelH(); ki++) {
                    for (int kj = ki == 0 ? 1 : 0; kj < w.kernelW(); kj++) {
                        int shift = ki * w.dilationH() * w.inW() + kj * w.dilationW();
                        FloatVector v = FloatVector.fromArray(S, x, xo + shift, corner, o);
                        VectorMask<Float> wins = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
                        best = best.blend(v, wins);
                        at = at.blend(FloatVector.fromArray(S, cornerF, o).add(shift), wins);
                    }
                }
                if (o + V <= outPlane) {
                    best.intoArray(y, yo + o);
                    at.intoArray(arg, yo + o);
                } else {
                    best.intoArray(y, yo + o, tail);
                    at.intoArray(arg, yo + o, tail);
                }
            }
        });
    }

    /**
     * For max pooling without padding: offsets[o], the offset of output o's window origin in its plane (padded to
     * whole vectors with 0, a valid offset), also as floats, and the mask of the last block's outputs. Built once per
     * window geometry and kept in a small per-thread cache (a network has a few pooling layers).
     */
    private record Corners(int outH, int outW, int inW, int strideH, int strideW, int[] offsets, float[] offsetsF,
                           VectorMask<Float> tail) {
        private static final int CACHED = 8;
        private static final ThreadLocal<Corners[]> CACHE = ThreadLocal.withInitial(() -> new Corners[CACHED]);

        static Corners of(Window2d w) {
            Corners[] cache = CACHE.get();
            for (int i = 0; i < CACHED; i++) {
                Corners c = cache[i];
                if (c != null && c.outH == w.outH() && c.outW == w.outW() && c.inW == w.inW()
                        && c.strideH == w.strideH() && c.strideW == w.strideW()) {
                    if (i > 0) {
                        // most recently used first
                        System.arraycopy(cache, 0, cache, 1, i);
                        cache[0] = c;
                    }
                    return c;
                }
            }
            int outPlane = w.outPlane(), blocks = (outPlane + V - 1) / V;
            int[] corner = new int[blocks * V];
            float[] cornerF = new float[blocks * V];
            for (int o = 0; o < outPlane; o++) {
                corner[o] = (o / w.outW()) * w.strideH() * w.inW() + (o % w.outW()) * w.strideW();
                cornerF[o] = corner[o];
            }
            Corners c = new Corners(w.outH(), w.outW(), w.inW(), w.strideH(), w.strideW(), corner, cornerF,
                    S.indexInRange((blocks - 1) * V, outPlane));
            System.arraycopy(cache, 0, cache, 1, CACHED - 1);
            cache[0] = c;
            return c;
        }
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
