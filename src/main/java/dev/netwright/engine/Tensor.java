package dev.netwright.engine;

import dev.netwright.engine.autograd.Backward;
import dev.netwright.engine.autograd.GradFn;
import dev.netwright.engine.autograd.NoGrad;
import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.BinaryOp;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.UnaryOp;
import dev.netwright.engine.backend.cpu.CpuBackend;

import java.util.Arrays;

/**
 * A float32 tensor on one {@link Backend}, with reverse-mode autograd. Every op sits next to its
 * gradient rule. Ops record a graph only when an input requires a gradient and no {@link NoGrad}
 * scope is open. Inside a {@link TensorScope} the buffers ops allocate are handed back to the backend when the scope
 * closes (a training loop that allocates no arrays per step); factories ({@link #of}, {@link #zeros}, ...) are the
 * caller's, and {@link #copyFrom(float[], int)} / {@link #copyTo} move values in and out without new arrays.
 */
public final class Tensor {
    private static final Tensor[] NO_PARENTS = new Tensor[0];

    private final Shape shape;
    private final Backend backend;
    private final Buffer data;
    private boolean requiresGrad;
    private Buffer grad;
    private Tensor[] parents = NO_PARENTS;
    private GradFn gradFn;

    private Tensor(Shape shape, Backend backend, Buffer data) {
        if (data.size() != shape.size()) {
            throw new IllegalArgumentException("Buffer of " + data.size() + " values does not fit shape " + shape);
        }
        this.shape = shape;
        this.backend = backend;
        this.data = data;
    }

    // ***** creation *****

    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, CpuBackend.INSTANCE, CpuBackend.INSTANCE.alloc(shape.size()));
    }

    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    public static Tensor full(Shape shape, float value) {
        Tensor t = zeros(shape);
        t.backend.fill(t.data, value);
        return t;
    }

    /** A tensor holding a copy of {@code values} (row-major). */
    public static Tensor of(Shape shape, float... values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fit shape " + shape + " (needs " + shape.size() + ")");
        }
        return new Tensor(shape, CpuBackend.INSTANCE, CpuBackend.INSTANCE.upload(values));
    }

    public static Tensor scalar(float value) {
        return of(Shape.scalar(), value);
    }

    /** A trainable leaf tensor holding a copy of {@code values}. */
    public static Tensor parameter(Shape shape, float... values) {
        return of(shape, values).requireGrad();
    }

    /** An op's result tensor (zero-filled), owned by the open {@link TensorScope} if any. */
    private static Tensor empty(Backend backend, Shape shape) {
        return new Tensor(shape, backend, scratch(backend, shape.size()));
    }

    /**
     * A buffer an op allocates for its result or for its backward pass (zero-filled): owned by the innermost open
     * {@link TensorScope}, which frees it when it closes; a rule that is done with it earlier hands it back with
     * {@link #freeScratch}.
     */
    static Buffer scratch(Backend backend, int size) {
        Buffer b = backend.alloc(size);
        TensorScope.own(backend, b);
        return b;
    }

    /** Frees a buffer from {@link #scratch} that nothing reads any more (see {@link TensorScope#freeNow}). */
    static void freeScratch(Backend backend, Buffer b) {
        TensorScope.freeNow(backend, b);
    }

    /**
     * A tensor holding a copy of {@code shape.size()} values of {@code values} from {@code offset}, made by an op
     * (a constant it derives from its inputs, such as a one-hot encoding): owned like an op result by the open
     * {@link TensorScope}.
     */
    static Tensor constant(Backend backend, Shape shape, float[] values, int offset) {
        Buffer b = scratch(backend, shape.size());
        backend.write(values, offset, b, 0, shape.size());
        return new Tensor(shape, backend, b);
    }

    // ***** accessors *****

    public Shape shape() {
        return shape;
    }

    public Backend backend() {
        return backend;
    }

    public Buffer buffer() {
        return data;
    }

    /** A copy of the values, row-major. */
    public float[] toArray() {
        return backend.download(data);
    }

    /** Copies the {@code shape().size()} values, row-major, into {@code dst} from {@code dstOffset}: {@link #toArray} into a reused array. */
    public void copyTo(float[] dst, int dstOffset) {
        int n = shape.size();
        if (dstOffset < 0 || dstOffset > dst.length - n) {
            throw new IllegalArgumentException(n + " values of shape " + shape + " do not fit an array of " + dst.length
                    + " from offset " + dstOffset);
        }
        backend.read(data, 0, dst, dstOffset, n);
    }

    public float item() {
        if (shape.size() != 1) throw new IllegalStateException("item() needs a single value; shape is " + shape);
        float[] v = new float[1];
        backend.read(data, 0, v, 0, 1);
        return v[0];
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks this leaf as trainable. */
    public Tensor requireGrad() {
        this.requiresGrad = true;
        return this;
    }

    /** The accumulated gradient, or null. */
    public Tensor grad() {
        return grad == null ? null : new Tensor(shape, backend, grad);
    }

    public Buffer gradBuffer() {
        return grad;
    }

    /** The gradient buffer, allocated (zeroed) on first use; backward rules accumulate into it. */
    private Buffer gradForUpdate() {
        if (grad == null) grad = backend.alloc(shape.size());
        return grad;
    }

    public void zeroGrad() {
        if (grad != null) backend.fill(grad, 0f);
    }

    public Tensor[] parents() {
        return parents;
    }

    public GradFn gradFn() {
        return gradFn;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * Drops this tensor's link to its inputs and its gradient (after backward), handing the gradient buffer back to
     * the backend: a {@link #grad()} taken from this tensor earlier must not be used afterwards.
     */
    public void detachGraph() {
        parents = NO_PARENTS;
        gradFn = null;
        if (grad != null) backend.free(grad);
        grad = null;
    }

    /** A new leaf sharing no graph with this one (values copied). */
    public Tensor detach() {
        return new Tensor(shape, backend, backend.upload(backend.download(data)));
    }

    /** Overwrites this tensor's values with {@code values} (exactly {@code shape().size()} of them, row-major). */
    public void copyFrom(float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fit shape " + shape);
        }
        backend.write(values, 0, data, 0, values.length);
    }

    /**
     * Overwrites this tensor's values with the {@code shape().size()} values of {@code src} from {@code srcOffset}
     * (row-major), in place: a training loop makes its input and target tensors once per batch size and refills them
     * every step (a host-to-device copy on an accelerator). Meant for leaves that no recorded graph still reads.
     */
    public void copyFrom(float[] src, int srcOffset) {
        int n = shape.size();
        if (srcOffset < 0 || srcOffset > src.length - n) {
            throw new IllegalArgumentException("Cannot read " + n + " values for shape " + shape + " from an array of "
                    + src.length + " at offset " + srcOffset);
        }
        backend.write(src, srcOffset, data, 0, n);
    }

    /** Backpropagates from this scalar (seed gradient 1). */
    public void backward() {
        if (shape.size() != 1) throw new IllegalStateException("backward() without a gradient needs a scalar; shape is " + shape);
        if (!requiresGrad) throw new IllegalStateException("backward() on a tensor that does not require grad");
        Buffer g = gradForUpdate();
        backend.unary(UnaryOp.ADD_SCALAR, 1f, g, g);    // grad += 1, as backward(ones) would, without a seed tensor
        Backward.run(this);
    }

    /** Backpropagates with upstream gradient {@code seed} (same shape). */
    public void backward(Tensor seed) {
        checkSame("backward", seed);
        if (!requiresGrad) throw new IllegalStateException("backward() on a tensor that does not require grad");
        backend.axpy(1f, seed.data, gradForUpdate());
        Backward.run(this);
    }

    private void checkSame(String op, Tensor other) {
        if (!shape.equals(other.shape)) {
            throw new IllegalArgumentException(op + ": shapes " + shape + " and " + other.shape + " differ");
        }
    }

    /** {@link #record(Tensor, GradFn, Tensor...)} for one input (no varargs array). */
    private static Tensor record(Tensor out, GradFn fn, Tensor in) {
        if (NoGrad.active() || in == null || !in.requiresGrad) return out;
        out.requiresGrad = true;
        out.parents = new Tensor[]{in};
        out.gradFn = fn;
        return out;
    }

    /** Links {@code out} into the graph when any input requires a gradient. */
    private static Tensor record(Tensor out, GradFn fn, Tensor... inputs) {
        if (NoGrad.active()) return out;
        int n = 0;
        for (Tensor in : inputs) if (in != null && in.requiresGrad) n++;
        if (n == 0) return out;
        Tensor[] parents = new Tensor[n];
        n = 0;
        for (Tensor in : inputs) if (in != null && in.requiresGrad) parents[n++] = in;
        out.requiresGrad = true;
        out.parents = parents;
        out.gradFn = fn;
        return out;
    }

    // ***** element-wise unary *****

    private Tensor unary(UnaryOp op, float alpha) {
        Tensor out = empty(backend, shape);
        backend.unary(op, alpha, data, out.data);
        return record(out, o -> {
            if (requiresGrad) backend.unaryBackward(op, alpha, data, o.data, o.grad, gradForUpdate());
        }, this);
    }

    public Tensor neg() { return unary(UnaryOp.NEG, 0); }
    public Tensor exp() { return unary(UnaryOp.EXP, 0); }
    /** Natural log, clamped below at -100. */
    public Tensor log() { return unary(UnaryOp.LOG, 0); }
    public Tensor sqrt() { return unary(UnaryOp.SQRT, 0); }
    public Tensor abs() { return unary(UnaryOp.ABS, 0); }
    public Tensor square() { return unary(UnaryOp.SQUARE, 0); }
    public Tensor mul(float s) { return unary(UnaryOp.SCALE, s); }
    public Tensor add(float s) { return unary(UnaryOp.ADD_SCALAR, s); }
    public Tensor sigmoid() { return unary(UnaryOp.SIGMOID, 0); }
    public Tensor tanh() { return unary(UnaryOp.TANH, 0); }
    public Tensor relu() { return unary(UnaryOp.RELU, 0); }
    public Tensor leakyRelu(float alpha) { return unary(UnaryOp.LEAKY_RELU, alpha); }
    public Tensor elu(float alpha) { return unary(UnaryOp.ELU, alpha); }
    public Tensor selu() { return unary(UnaryOp.SELU, 0); }
    public Tensor softplus(float beta) { return unary(UnaryOp.SOFTPLUS, beta); }
    public Tensor softsign() { return unary(UnaryOp.SOFTSIGN, 0); }
    public Tensor step() { return unary(UnaryOp.STEP, 0); }
    public Tensor huber(float delta) { return unary(UnaryOp.HUBER, delta); }
    public Tensor identity() { return unary(UnaryOp.IDENTITY, 0); }

    // ***** element-wise binary with broadcasting *****

    private Tensor binary(BinaryOp op, Tensor other) {
        Shape os = Shape.broadcast(shape, other.shape);
        Tensor out = empty(backend, os);
        int[] as = shape.broadcastStrides(os), bs = other.shape.equals(shape) ? as : other.shape.broadcastStrides(os);
        backend.binary(op, data, as, other.data, bs, out.data, os.dims());
        Tensor a = this, b = other;
        return record(out, o -> {
            Tensor g = new Tensor(os, backend, o.grad);
            switch (op) {
                case ADD -> { a.accumulateBroadcast(g); b.accumulateBroadcast(g); }
                case SUB -> { a.accumulateBroadcast(g); if (b.requiresGrad) b.accumulateTemporary(noGrad(g::neg)); }
                case MUL -> {
                    if (a.requiresGrad) a.accumulateTemporary(noGrad(() -> g.binary(BinaryOp.MUL, b.detachedView())));
                    if (b.requiresGrad) b.accumulateTemporary(noGrad(() -> g.binary(BinaryOp.MUL, a.detachedView())));
                }
                case DIV -> {
                    if (a.requiresGrad) a.accumulateTemporary(noGrad(() -> g.binary(BinaryOp.DIV, b.detachedView())));
                    if (b.requiresGrad) b.accumulateTemporary(noGrad(() ->
                            g.binary(BinaryOp.MUL, o.detachedView()).binary(BinaryOp.DIV, b.detachedView()).neg()));
                }
                case MAX, MIN -> {
                    // the gradient flows to the operand that was selected (to a on ties)
                    Tensor aWins = noGrad(() -> op == BinaryOp.MAX
                            ? b.detachedView().binary(BinaryOp.GREATER, a.detachedView()).neg().add(1f)
                            : a.detachedView().binary(BinaryOp.GREATER, b.detachedView()).neg().add(1f));
                    if (a.requiresGrad) a.accumulateTemporary(noGrad(() -> g.binary(BinaryOp.MUL, aWins)));
                    if (b.requiresGrad) b.accumulateTemporary(noGrad(() -> g.binary(BinaryOp.MUL, aWins.neg().add(1f))));
                }
                case GREATER -> { /* piecewise constant */ }
            }
        }, this, other);
    }

    /** Same buffer, no graph: for use inside gradient rules. */
    private Tensor detachedView() {
        return new Tensor(shape, backend, data);
    }

    private static Tensor noGrad(java.util.function.Supplier<Tensor> f) {
        try (var ignored = NoGrad.enter()) {
            return f.get();
        }
    }

    /** {@link #accumulateBroadcast} of a temporary made by a gradient rule, whose buffer is then handed back. */
    private void accumulateTemporary(Tensor g) {
        accumulateBroadcast(g);
        freeScratch(backend, g.data);
    }

    /** grad += g summed down to this tensor's shape (undoing a broadcast). */
    private void accumulateBroadcast(Tensor g) {
        if (!requiresGrad) return;
        if (g.shape.equals(shape)) {
            backend.axpy(1f, g.data, gradForUpdate());
        } else {
            backend.sumToBroadcast(g.data, g.shape.dims(), gradForUpdate(), shape.broadcastStrides(g.shape));
        }
    }

    public Tensor add(Tensor o) { return binary(BinaryOp.ADD, o); }
    public Tensor sub(Tensor o) { return binary(BinaryOp.SUB, o); }
    public Tensor mul(Tensor o) { return binary(BinaryOp.MUL, o); }
    public Tensor div(Tensor o) { return binary(BinaryOp.DIV, o); }
    public Tensor maximum(Tensor o) { return binary(BinaryOp.MAX, o); }
    public Tensor minimum(Tensor o) { return binary(BinaryOp.MIN, o); }
    /** 1 where this > o, else 0; no gradient. */
    public Tensor greater(Tensor o) { return binary(BinaryOp.GREATER, o); }

    // ***** reductions *****

    /** Sum of all elements (a scalar). */
    public Tensor sum() {
        return reshape(Shape.of(shape.size())).sum(0, false);
    }

    public Tensor mean() {
        return sum().mul(1f / shape.size());
    }

    /** Sum over {@code axis}; keeps it as size 1 when {@code keepDim}. */
    public Tensor sum(int axis, boolean keepDim) {
        int ax = shape.axis(axis);
        int outer = shape.outer(ax), mid = shape.dim(ax), inner = shape.inner(ax);
        Shape kept = shape.with(ax, 1);
        Shape os = keepDim ? kept : dropAxis(shape, ax);
        Tensor out = empty(backend, os);
        backend.sumAxis(data, outer, mid, inner, out.data, false);
        return record(out, o -> {
            if (!requiresGrad) return;
            // gx[o, m, i] += gy[o, i]: the gradient is broadcast back along the reduced axis
            Buffer gx = gradForUpdate();
            backend.binary(BinaryOp.ADD, gx, shape.strides(), o.grad, kept.broadcastStrides(shape), gx, shape.dims());
        }, this);
    }

    public Tensor mean(int axis, boolean keepDim) {
        return sum(axis, keepDim).mul(1f / shape.dim(axis));
    }

    private static Shape dropAxis(Shape s, int ax) {
        int[] d = s.toArray();
        int[] r = new int[d.length - 1];
        for (int i = 0, j = 0; i < d.length; i++) if (i != ax) r[j++] = d[i];
        return Shape.of(r);
    }

    // ***** movement *****

    /** Same values, new shape; -1 in one dimension is inferred. */
    public Tensor reshape(int... dims) {
        int known = 1, infer = -1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) infer = i; else known *= dims[i];
        }
        int[] d = dims.clone();
        if (infer >= 0) d[infer] = known == 0 ? 0 : shape.size() / known;
        return reshape(Shape.of(d));
    }

    public Tensor reshape(Shape to) {
        if (to.size() != shape.size()) {
            throw new IllegalArgumentException("Cannot reshape " + shape + " (" + shape.size() + " values) to " + to);
        }
        Tensor out = new Tensor(to, backend, data);
        return record(out, o -> {
            if (requiresGrad) backend.axpy(1f, o.grad, gradForUpdate());
        }, this);
    }

    // ***** linear algebra *****

    /**
     * Matrix product. [M,K] @ [K,N] → [M,N]; a leading batch dimension on either side ([B,M,K] @ [K,N],
     * [B,M,K] @ [B,K,N]) is applied to each batch entry.
     */
    public Tensor matmul(Tensor other) {
        if (shape.rank() < 2 || other.shape.rank() < 2 || shape.rank() > 3 || other.shape.rank() > 3) {
            throw new IllegalArgumentException("matmul supports rank 2 or 3 operands. Received: " + shape + " @ " + other.shape);
        }
        int m = shape.dim(-2), k = shape.dim(-1), k2 = other.shape.dim(-2), n = other.shape.dim(-1);
        if (k != k2) throw new IllegalArgumentException("Input shapes " + shape + " and " + other.shape + " cannot be multiplied");
        boolean aB = shape.rank() == 3, bB = other.shape.rank() == 3;
        if (!aB && bB) {
            throw new IllegalArgumentException("matmul of a matrix with a batch is not supported: " + shape + " @ " + other.shape);
        }
        int batch = aB ? shape.dim(0) : 1;
        if (aB && bB && shape.dim(0) != other.shape.dim(0)) {
            throw new IllegalArgumentException("matmul batch sizes differ: " + shape + " @ " + other.shape);
        }
        Shape os = aB ? Shape.of(batch, m, n) : Shape.of(m, n);
        Tensor out = empty(backend, os);
        backend.matmul(data, other.data, out.data, batch, m, n, k, false, false, aB, bB, false);
        Tensor a = this, b = other;
        return record(out, o -> {
            // dA = dC @ B^T ; dB = A^T @ dC, summed over the batch when B is shared
            if (a.requiresGrad) {
                backend.matmul(o.grad, b.data, a.gradForUpdate(), batch, m, k, n, false, true, aB, bB, true);
            }
            if (b.requiresGrad) {
                if (bB || !aB) backend.matmul(a.data, o.grad, b.gradForUpdate(), batch, k, n, m, true, false, aB, bB, true);
                else backend.matmul(a.data, o.grad, b.gradForUpdate(), 1, k, n, batch * m, true, false, false, false, true);
            }
        }, this, other);
    }

    /**
     * Fully connected layer: y = x W^T + b, with x [N, in], W [out, in], b [out] (or null).
     * Fused so the backward pass runs three matrix kernels and no temporaries.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Shape xs = x.shape;
        if (xs.rank() != 2 || weight.shape.rank() != 2 || xs.dim(1) != weight.shape.dim(1)) {
            throw new IllegalArgumentException("linear expects x [N, in] and weight [out, in]. Received: x " + xs + ", weight " + weight.shape);
        }
        int n = xs.dim(0), in = xs.dim(1), outF = weight.shape.dim(0);
        if (bias != null && (bias.shape.rank() != 1 || bias.shape.dim(0) != outF)) {
            throw new IllegalArgumentException("linear bias must be [" + outF + "]. Received: " + bias.shape);
        }
        Backend be = x.backend;
        Tensor out = empty(be, Shape.of(n, outF));
        be.matmul(x.data, weight.data, out.data, 1, n, outF, in, false, true, false, false, false);
        if (bias != null) {
            be.binary(BinaryOp.ADD, out.data, new int[]{outF, 1}, bias.data, new int[]{0, 1}, out.data, out.shape.dims());
        }
        return record(out, o -> {
            if (x.requiresGrad) be.matmul(o.grad, weight.data, x.gradForUpdate(), 1, n, in, outF, false, false, false, false, true);
            if (weight.requiresGrad) be.matmul(o.grad, x.data, weight.gradForUpdate(), 1, outF, in, n, true, false, false, false, true);
            if (bias != null && bias.requiresGrad) be.sumAxis(o.grad, 1, n, outF, bias.gradForUpdate(), true);
        }, x, weight, bias);
    }

    // ***** softmax family *****

    private Tensor softmaxImpl(int axis, boolean log) {
        int ax = shape.axis(axis);
        int outer = shape.outer(ax), dim = shape.dim(ax), inner = shape.inner(ax);
        Tensor out = empty(backend, shape);
        backend.softmax(data, out.data, outer, dim, inner, log);
        return record(out, o -> {
            if (requiresGrad) backend.softmaxBackward(o.data, o.grad, gradForUpdate(), outer, dim, inner, log);
        }, this);
    }

    public Tensor softmax(int axis) { return softmaxImpl(axis, false); }
    public Tensor logSoftmax(int axis) { return softmaxImpl(axis, true); }

    // ***** movement: slicing, concatenation, permutation (rules in MovementOps) *****

    /** The {@code length} entries from {@code start} along {@code axis} (a copy, like torch.narrow followed by clone). */
    public Tensor narrow(int axis, int start, int length) {
        return MovementOps.narrow(this, axis, start, length);
    }

    /** Joins tensors that agree on every axis except {@code axis}. */
    public static Tensor concat(int axis, java.util.List<Tensor> parts) {
        return MovementOps.concat(axis, parts);
    }

    /** Reorders the axes: output axis i is input axis {@code perm[i]}. */
    public Tensor permute(int... perm) {
        return MovementOps.permute(this, perm);
    }

    /** Swaps two axes. */
    public Tensor transpose(int axis0, int axis1) {
        return MovementOps.transpose(this, axis0, axis1);
    }

    // ***** hooks for the op families outside this class (ConvOps, PoolOps, NormOps, MovementOps, ...) *****

    /**
     * Wraps {@code data}, already computed on the inputs' backend, as the result of an op defined in another class
     * of this package, and links it into the graph like a built-in op: during backward {@code fn} accumulates into
     * the inputs' {@link #gradForAccumulate()} buffers. Null inputs (absent bias) are skipped. {@code data} must be
     * a buffer the op has just allocated with {@code alloc} (never an input's): like every op result it is owned by
     * the open {@link TensorScope}.
     */
    static Tensor custom(Shape shape, Buffer data, GradFn fn, Tensor... inputs) {
        Backend be = null;
        for (Tensor t : inputs) {
            if (t != null) {
                be = t.backend;
                break;
            }
        }
        if (be == null) throw new IllegalArgumentException("custom op needs at least one input");
        TensorScope.own(be, data);
        return record(new Tensor(shape, be, data), fn, inputs);
    }

    /** This tensor's gradient buffer, allocated (zeroed) on first use, for gradient rules to accumulate into. */
    Buffer gradForAccumulate() {
        return gradForUpdate();
    }

    @Override
    public String toString() {
        float[] v = toArray();
        String vals = v.length <= 16 ? Arrays.toString(v) : Arrays.toString(Arrays.copyOf(v, 16)) + "...";
        return "Tensor" + shape + vals;
    }
}
