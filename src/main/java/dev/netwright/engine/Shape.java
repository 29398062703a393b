package dev.netwright.engine;

import java.util.Arrays;

/**
 * An immutable tensor shape: the sizes of each dimension, outermost first (row-major).
 * A scalar has rank 0 and size 1.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) throw new IllegalArgumentException("Shape dimensions must be >= 0. Received: " + Arrays.toString(dims));
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code i}; negative indices count from the end. */
    public int dim(int i) {
        return dims[axis(i)];
    }

    /** Resolves a possibly negative axis to {@code 0..rank-1}. */
    public int axis(int i) {
        int a = i < 0 ? i + dims.length : i;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("Axis " + i + " out of range for shape " + this);
        }
        return a;
    }

    public int size() {
        int n = 1;
        for (int d : dims) n *= d;
        return n;
    }

    public int[] toArray() {
        return dims.clone();
    }

    /** The dimensions without a copy, for this package's ops to hand to a backend (which only reads them): never modify. */
    int[] dims() {
        return dims;
    }

    /** Same shape with the last dimension replaced. */
    public Shape withLast(int last) {
        int[] d = dims.clone();
        d[d.length - 1] = last;
        return new Shape(d);
    }

    /** Same shape with dimension {@code i} replaced. */
    public Shape with(int i, int size) {
        int[] d = dims.clone();
        d[axis(i)] = size;
        return new Shape(d);
    }

    /** Product of the dimensions before {@code axis}. */
    public int outer(int axis) {
        int n = 1;
        for (int i = 0; i < axis(axis); i++) n *= dims[i];
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    public int inner(int axis) {
        int n = 1;
        for (int i = axis(axis) + 1; i < dims.length; i++) n *= dims[i];
        return n;
    }

    /** Row-major strides. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** NumPy broadcasting of two shapes. */
    public static Shape broadcast(Shape a, Shape b) {
        if (a.equals(b)) return a;     // shapes are immutable
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("Shapes " + a + " and " + b + " cannot be broadcast together");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /**
     * Strides to read a tensor of this shape as if it had shape {@code target} (0 where broadcast).
     */
    public int[] broadcastStrides(Shape target) {
        int r = target.rank();
        int[] own = strides();
        int[] s = new int[r];
        for (int i = 0; i < r; i++) {
            int j = i - (r - rank());
            s[i] = (j < 0 || dims[j] == 1) ? 0 : own[j];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
