package dev.netwright.engine.backend.cpu;

import dev.netwright.engine.backend.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Broadcasting element-wise kernels of {@link CpuBackend}. Axes of size 1 are dropped and neighbouring axes that
 * both operands step through contiguously are merged, so [N, O, H, W] + bias [1, O, 1, 1] runs as rows of H*W
 * values plus one scalar, and equal layouts run as a single row. Rows are vectorised and, for large tensors, split
 * over threads.
 */
final class CpuBroadcast {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Elements per thread below which an element-wise kernel stays on one thread. */
    static final int GRAIN = 1 << 14;

    private CpuBroadcast() {
    }

    /** out[idx] = x[idx . as] op y[idx . bs] for every index of {@code shape}. */
    static void binary(BinaryOp op, float[] x, int[] as, float[] y, int[] bs, float[] out, int[] shape) {
        int n = out.length;
        if (n == 0) return;
        Merged m = merge(shape, as, bs);
        int[] ms = m.shape, ma = m.a, mb = m.b;
        int r = m.rank, last = ms[r - 1], sa = ma[r - 1], sb = mb[r - 1];
        if (r == 1) {
            // one row: split it
            if (CpuThreads.serial(last, GRAIN)) row(op, x, 0, sa, y, 0, sb, out, 0, last);
            else CpuThreads.range(last, GRAIN, (from, to) -> row(op, x, from * sa, sa, y, from * sb, sb, out, from, to - from));
            return;
        }
        int rows = n / last, grain = Math.max(1, GRAIN / last);
        if (CpuThreads.serial(rows, grain)) rows(op, x, y, out, ms, ma, mb, r, 0, rows);
        else CpuThreads.range(rows, grain, (r0, r1) -> rows(op, x, y, out, ms, ma, mb, r, r0, r1));
    }

    /** Rows [r0, r1) of a merged layout of rank r (rows of ms[r - 1] values). */
    private static void rows(BinaryOp op, float[] x, float[] y, float[] out, int[] ms, int[] ma, int[] mb, int r, int r0, int r1) {
        int last = ms[r - 1], sa = ma[r - 1], sb = mb[r - 1];
        for (int row = r0; row < r1; row++) {
            int ia = 0, ib = 0;
            for (int d = r - 2, rem = row; d >= 0; d--) {
                int i = rem % ms[d];
                rem /= ms[d];
                ia += i * ma[d];
                ib += i * mb[d];
            }
            row(op, x, ia, sa, y, ib, sb, out, row * last, last);
        }
    }

    /** gx[idx . xs] += g[idx] for every index of {@code shape} (g is contiguous). */
    static void sumToBroadcast(float[] g, int[] shape, float[] gx, int[] xs) {
        int n = g.length;
        if (n == 0) return;
        Merged m = merge(shape, null, xs);
        int[] ms = m.shape, mx = m.b, idx = m.index;
        int r = m.rank, last = ms[r - 1], sl = mx[r - 1];
        java.util.Arrays.fill(idx, 0, r, 0);
        int ix = 0;
        for (int o = 0; o < n; o += last) {
            if (sl == 0) {
                gx[ix] += sum(g, o, last);
            } else if (sl == 1) {
                int j = 0;
                for (; j <= last - V; j += V) {
                    FloatVector.fromArray(S, gx, ix + j).add(FloatVector.fromArray(S, g, o + j)).intoArray(gx, ix + j);
                }
                for (; j < last; j++) gx[ix + j] += g[o + j];
            } else {
                for (int j = 0; j < last; j++) gx[ix + j * sl] += g[o + j];
            }
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                ix += mx[d];
                if (idx[d] < ms[d]) break;
                ix -= mx[d] * ms[d];
                idx[d] = 0;
            }
        }
    }

    /** Sum of x[from, from + len): vector partial sums, their lanes added in order (see {@link CpuGemm#dotReduce}). */
    static float sum(float[] x, int from, int len) {
        int j = 0;
        FloatVector acc = FloatVector.zero(S);
        for (; j <= len - V; j += V) acc = acc.add(FloatVector.fromArray(S, x, from + j));
        float[] lanes = LANES.get();
        acc.intoArray(lanes, 0);
        float s = CpuGemm.laneSum(lanes, 0);
        for (; j < len; j++) s += x[from + j];
        return s;
    }

    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[V]);

    /**
     * The shape and two operands' strides with size-1 axes dropped and axes merged where both operands step through
     * them as one (at least one axis), in this thread's {@link Merged} (valid until its next merge).
     * {@code as == null} stands for the contiguous strides of {@code shape}.
     */
    static Merged merge(int[] shape, int[] as, int[] bs) {
        int r = shape.length;
        Merged m = MERGED.get().fit(r);
        int[] s = m.shape, a = m.a, b = m.b;
        int k = 0;
        for (int d = r - 1, contiguous = 1; d >= 0; d--) {
            // contiguous strides of shape, for as == null
            m.index[d] = contiguous;
            contiguous *= shape[d];
        }
        for (int d = 0; d < r; d++) {
            if (shape[d] == 1) continue;
            int ad = as == null ? m.index[d] : as[d];
            if (k > 0 && a[k - 1] == ad * shape[d] && b[k - 1] == bs[d] * shape[d]) {
                s[k - 1] *= shape[d];
                a[k - 1] = ad;
                b[k - 1] = bs[d];
            } else {
                s[k] = shape[d];
                a[k] = ad;
                b[k] = bs[d];
                k++;
            }
        }
        if (k == 0) {
            s[0] = 1;
            a[0] = 0;
            b[0] = 0;
            k = 1;
        }
        m.rank = k;
        return m;
    }

    private static final ThreadLocal<Merged> MERGED = ThreadLocal.withInitial(Merged::new);

    /**
     * A merged layout: the first {@code rank} entries of shape, a and b, plus an index array for walking it.
     * One per thread, reused by every kernel call so that they allocate nothing; a kernel reads it only while it runs
     * (its worker threads included) and never starts another broadcasting kernel meanwhile.
     */
    static final class Merged {
        int[] shape = new int[8], a = new int[8], b = new int[8], index = new int[8];
        int rank;

        Merged fit(int r) {
            int n = Math.max(r, 1);
            if (shape.length < n) {
                shape = new int[n];
                a = new int[n];
                b = new int[n];
                index = new int[n];
            }
            return this;
        }
    }

    /** out[oo + j] = x[xo + j*sa] op y[yo + j*sb] for j in [0, len). */
    private static void row(BinaryOp op, float[] x, int xo, int sa, float[] y, int yo, int sb, float[] out, int oo, int len) {
        int j = 0;
        if (sa == 1 && sb == 1) {
            int upper = len - V;
            switch (op) {
                case ADD -> {
                    for (; j <= upper; j += V) FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, y, yo + j)).intoArray(out, oo + j);
                }
                case SUB -> {
                    for (; j <= upper; j += V) FloatVector.fromArray(S, x, xo + j).sub(FloatVector.fromArray(S, y, yo + j)).intoArray(out, oo + j);
                }
                case MUL -> {
                    for (; j <= upper; j += V) FloatVector.fromArray(S, x, xo + j).mul(FloatVector.fromArray(S, y, yo + j)).intoArray(out, oo + j);
                }
                case DIV -> {
                    for (; j <= upper; j += V) FloatVector.fromArray(S, x, xo + j).div(FloatVector.fromArray(S, y, yo + j)).intoArray(out, oo + j);
                }
                default -> { }
            }
        } else if (sa == 1 && sb == 0) {
            float c = y[yo];
            int upper = len - V;
            switch (op) {
                case ADD -> {
                    for (; j <= upper; j += V) FloatVector.fromArray(S, x, xo + j).add(c).intoArray(out, oo + j);
                }
                case SUB -> {
                    for (; j <= upper; j += V) FloatVector.fromArray(S, x, xo + j).sub(c).intoArray(out, oo + j);
                }
                case MUL -> {
                    for (; j <= upper; j += V) FloatVector.fromArray(S, x, xo + j).mul(c).intoArray(out, oo + j);
                }
                case DIV -> {
                    for (; j <= upper; j += V) FloatVector.fromArray(S, x, xo + j).div(c).intoArray(out, oo + j);
                }
                default -> { }
            }
        } else if (sa == 0 && sb == 1) {
            FloatVector c = FloatVector.broadcast(S, x[xo]);
            int upper = len - V;
            switch (op) {
                case ADD -> {
                    for (; j <= upper; j += V) c.add(FloatVector.fromArray(S, y, yo + j)).intoArray(out, oo + j);
                }
                case SUB -> {
                    for (; j <= upper; j += V) c.sub(FloatVector.fromArray(S, y, yo + j)).intoArray(out, oo + j);
                }
                case MUL -> {
                    for (; j <= upper; j += V) c.mul(FloatVector.fromArray(S, y, yo + j)).intoArray(out, oo + j);
                }
                case DIV -> {
                    for (; j <= upper; j += V) c.div(FloatVector.fromArray(S, y, yo + j)).intoArray(out, oo + j);
                }
                default -> { }
            }
        }
        for (; j < len; j++) out[oo + j] = apply(op, x[xo + j * sa], y[yo + j * sb]);
    }

    static float apply(BinaryOp op, float x, float y) {
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
}
