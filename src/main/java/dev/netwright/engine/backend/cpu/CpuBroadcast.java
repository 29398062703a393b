package dev.netwright.engine.backend.cpu;

import dev.netwright.engine.backend.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
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
        int[][] m = merge(shape, as, bs);
        int[] ms = m[0], ma = m[1], mb = m[2];
        int r = ms.length, last = ms[r - 1], sa = ma[r - 1], sb = mb[r - 1];
        if (r == 1) {
            // one row: split it
            CpuThreads.range(last, GRAIN, (from, to) -> row(op, x, from * sa, sa, y, from * sb, sb, out, from, to - from));
            return;
        }
        int rows = n / last;
        CpuThreads.range(rows, Math.max(1, GRAIN / last), (r0, r1) -> {
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
        });
    }

    /** gx[idx . xs] += g[idx] for every index of {@code shape} (g is contiguous). */
    static void sumToBroadcast(float[] g, int[] shape, float[] gx, int[] xs) {
        int n = g.length;
        if (n == 0) return;
        int[][] m = merge(shape, contiguousStrides(shape), xs);
        int[] ms = m[0], mx = m[2];
        int r = ms.length, last = ms[r - 1], sl = mx[r - 1];
        int[] idx = new int[r];
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

    static float sum(float[] x, int from, int len) {
        int j = 0;
        FloatVector acc = FloatVector.zero(S);
        for (; j <= len - V; j += V) acc = acc.add(FloatVector.fromArray(S, x, from + j));
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < len; j++) s += x[from + j];
        return s;
    }

    /**
     * {shape, a strides, b strides} with size-1 axes dropped and axes merged where both operands step through
     * them as one; at least one axis.
     */
    static int[][] merge(int[] shape, int[] as, int[] bs) {
        int r = shape.length;
        int[] s = new int[Math.max(r, 1)], a = new int[s.length], b = new int[s.length];
        int k = 0;
        for (int d = 0; d < r; d++) {
            if (shape[d] == 1) continue;
            if (k > 0 && a[k - 1] == as[d] * shape[d] && b[k - 1] == bs[d] * shape[d]) {
                s[k - 1] *= shape[d];
                a[k - 1] = as[d];
                b[k - 1] = bs[d];
            } else {
                s[k] = shape[d];
                a[k] = as[d];
                b[k] = bs[d];
                k++;
            }
        }
        if (k == 0) {
            s[0] = 1;
            k = 1;
        }
        return new int[][]{java.util.Arrays.copyOf(s, k), java.util.Arrays.copyOf(a, k), java.util.Arrays.copyOf(b, k)};
    }

    private static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        for (int d = shape.length - 1, acc = 1; d >= 0; d--) {
            st[d] = acc;
            acc *= shape[d];
        }
        return st;
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
