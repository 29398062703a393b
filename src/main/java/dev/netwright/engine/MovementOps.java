package dev.netwright.engine;

import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.BinaryOp;
import dev.netwright.engine.backend.Buffer;

import java.util.Arrays;
import java.util.List;

/**
 * Movement and indexing ops, each next to its gradient rule: narrow, concat, permute/transpose and the
 * embedding row gather. Results are contiguous copies (the engine has no strided views).
 */
public final class MovementOps {
    private MovementOps() {
    }

    /** x[..., start:start+length, ...] along {@code axis}. Shape: length replaces dim(axis). */
    public static Tensor narrow(Tensor x, int axis, int start, int length) {
        Shape s = x.shape();
        int ax = s.axis(axis);
        int dim = s.dim(ax);
        if (start < 0 || length < 0 || start + length > dim) {
            throw new IllegalArgumentException("narrow(axis=" + axis + ", start=" + start + ", length=" + length
                    + ") is out of range for shape " + s);
        }
        int outer = s.outer(ax), inner = s.inner(ax);
        Backend be = x.backend();
        Buffer out = be.alloc(outer * length * inner);
        be.copySlice(x.buffer(), dim, start, out, length, 0, outer, length, inner, false);
        return Tensor.custom(s.with(ax, length), out, o -> {
            // the slice's gradient goes back to where the slice was read from
            if (x.requiresGrad()) be.copySlice(o.gradBuffer(), length, 0, x.gradForAccumulate(), dim, start, outer, length, inner, true);
        }, x);
    }

    /** Joins {@code parts} along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("concat needs at least one tensor");
        Shape first = parts.getFirst().shape();
        int ax = first.axis(axis);
        int total = 0;
        for (Tensor p : parts) {
            Shape s = p.shape();
            if (s.rank() != first.rank() || !s.with(ax, 1).equals(first.with(ax, 1))) {
                throw new IllegalArgumentException("concat along axis " + axis + " needs equal other dimensions. Received: "
                        + parts.stream().map(t -> t.shape().toString()).toList());
            }
            if (p.backend() != parts.getFirst().backend()) throw new IllegalArgumentException("concat of tensors on different backends");
            total += s.dim(ax);
        }
        int outer = first.outer(ax), inner = first.inner(ax), dim = total;
        Backend be = parts.getFirst().backend();
        Buffer out = be.alloc(outer * total * inner);
        int[] offsets = new int[parts.size()];
        for (int k = 0, off = 0; k < parts.size(); k++) {
            int len = parts.get(k).shape().dim(ax);
            be.copySlice(parts.get(k).buffer(), len, 0, out, dim, off, outer, len, inner, false);
            offsets[k] = off;
            off += len;
        }
        return Tensor.custom(first.with(ax, total), out, o -> {
            // each part gets back its own block of the gradient
            for (int k = 0; k < parts.size(); k++) {
                Tensor p = parts.get(k);
                int len = p.shape().dim(ax);
                if (p.requiresGrad()) be.copySlice(o.gradBuffer(), dim, offsets[k], p.gradForAccumulate(), len, 0, outer, len, inner, true);
            }
        }, parts.toArray(Tensor[]::new));
    }

    /** Output axis i is input axis perm[i]. Shape: [d(perm[0]), d(perm[1]), ...]. */
    public static Tensor permute(Tensor x, int... perm) {
        Shape s = x.shape();
        int r = s.rank();
        boolean[] seen = new boolean[r];
        if (perm.length != r) throw new IllegalArgumentException("permute " + Arrays.toString(perm) + " does not fit shape " + s);
        for (int p : perm) {
            if (p < 0 || p >= r || seen[p]) throw new IllegalArgumentException("permute " + Arrays.toString(perm)
                    + " is not a permutation of the axes of shape " + s);
            seen[p] = true;
        }
        int[] dims = s.toArray(), xStrides = s.strides();
        int[] outDims = new int[r], readStrides = new int[r];
        for (int i = 0; i < r; i++) {
            outDims[i] = dims[perm[i]];
            readStrides[i] = xStrides[perm[i]];
        }
        Shape os = Shape.of(outDims);
        int[] outStrides = os.strides(), gyOverX = new int[r];
        for (int i = 0; i < r; i++) gyOverX[perm[i]] = outStrides[i];
        Backend be = x.backend();
        Buffer out = be.alloc(os.size());
        // a strided read: out[idx] = x[idx . readStrides] + 0 (the broadcast binary op is the gather primitive)
        be.binary(BinaryOp.ADD, x.buffer(), readStrides, Tensor.scratch(be, 1), new int[r], out, outDims);
        return Tensor.custom(os, out, o -> {
            if (!x.requiresGrad()) return;
            // gx[idx] += gy[idx . gyOverX]: the inverse permutation, accumulated in place
            Buffer gx = x.gradForAccumulate();
            be.binary(BinaryOp.ADD, gx, xStrides, o.gradBuffer(), gyOverX, gx, dims);
        }, x);
    }

    /** Swaps axes {@code a} and {@code b}. */
    public static Tensor transpose(Tensor x, int a, int b) {
        int r = x.shape().rank();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = i;
        int aa = x.shape().axis(a), bb = x.shape().axis(b);
        perm[aa] = bb;
        perm[bb] = aa;
        return permute(x, perm);
    }

    /**
     * Embedding lookup: out[..., :] = weight[indices[...], :]. Indices are whole numbers stored as floats;
     * only the weight receives a gradient (rows used several times add up).
     * <p>Shape: indices [...], weight [V, D] → [..., D].
     */
    public static Tensor embedding(Tensor weight, Tensor indices) {
        Shape ws = weight.shape();
        if (ws.rank() != 2) throw new IllegalArgumentException("embedding weight must be [V, D]. Received: " + ws);
        int v = ws.dim(0), d = ws.dim(1), count = indices.shape().size();
        float[] idx = host(INDICES, count);
        indices.copyTo(idx, 0);
        for (int i = 0; i < count; i++) {
            if (!(idx[i] >= 0 && idx[i] < v && idx[i] == Math.rint(idx[i]))) {
                throw new IllegalArgumentException("embedding index " + idx[i] + " at position " + i + " is not in 0.." + (v - 1)
                        + " (weight " + ws + ")");
            }
        }
        int[] is = indices.shape().toArray();
        int[] os = Arrays.copyOf(is, is.length + 1);
        os[is.length] = d;
        Backend be = weight.backend();
        Buffer out = be.alloc(count * d);
        be.gatherRows(weight.buffer(), indices.buffer(), out, count, d);
        return Tensor.custom(Shape.of(os), out, o -> {
            if (weight.requiresGrad()) be.scatterAddRows(o.gradBuffer(), indices.buffer(), weight.gradForAccumulate(), count, d);
        }, weight);
    }

    /**
     * One-hot rows: out[i, c] = 1 where c = indices[i], else 0. Indices are whole numbers stored as floats and must lie
     * in 0..classes-1. A constant (no gradient) owned like any op result by the open {@link TensorScope}.
     * <p>Shape: indices with N values (any shape) → [N, classes].
     */
    public static Tensor oneHot(Tensor indices, int classes) {
        int n = indices.shape().size(), size = n * classes;
        float[] idx = host(INDICES, n);
        indices.copyTo(idx, 0);
        float[] oh = host(VALUES, size);
        Arrays.fill(oh, 0, size, 0f);
        for (int i = 0; i < n; i++) {
            int c = (int) idx[i];
            if (c < 0 || c >= classes || c != idx[i]) {
                throw new IllegalArgumentException("Class index " + idx[i] + " at row " + i + " is not in 0.." + (classes - 1));
            }
            oh[i * classes + c] = 1f;
        }
        return Tensor.constant(indices.backend(), Shape.of(n, classes), oh, 0);
    }

    private static final int INDICES = 0, VALUES = 1;
    /** Per-thread host arrays for indices read back from a backend and constants built before upload. */
    private static final ThreadLocal<float[][]> HOST = ThreadLocal.withInitial(() -> new float[2][0]);

    /** This thread's host array for {@code slot}, at least {@code size} long (contents left over from earlier use). */
    private static float[] host(int slot, int size) {
        float[][] h = HOST.get();
        if (h[slot].length < size) h[slot] = new float[size];
        return h[slot];
    }
}
