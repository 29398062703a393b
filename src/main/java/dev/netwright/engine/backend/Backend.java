package dev.netwright.engine.backend;

/**
 * The primitives a device implements. Tensors, layers and optimizers are written against this
 * interface only, so a CUDA backend plugs in without touching them. Shapes are checked by the
 * caller ({@code Tensor}); a backend trusts the sizes it is given.
 *
 * <p>Conventions: row-major data; "accumulate" means {@code out += result} instead of {@code out = result};
 * backward kernels always accumulate into the gradient buffer.
 */
public interface Backend {
    String name();

    /** A zero-filled buffer. */
    Buffer alloc(int size);

    /**
     * Hands back a buffer that nothing uses any more (an intermediate gradient after backward, the activations of a
     * finished training step): the backend may reuse its storage for a later {@link #alloc}. Using the buffer
     * afterwards is an error, and so is freeing it twice.
     */
    void free(Buffer buffer);

    Buffer upload(float[] data);

    float[] download(Buffer buffer);

    /**
     * Copies {@code count} values from {@code src} (starting at {@code srcOffset}) to the host array {@code dst}
     * (starting at {@code dstOffset}): {@link #download} into an array the caller reuses.
     */
    void read(Buffer src, int srcOffset, float[] dst, int dstOffset, int count);

    /**
     * Copies {@code count} values from the host array {@code src} (starting at {@code srcOffset}) into {@code dst}
     * (starting at {@code dstOffset}), overwriting them: {@link #upload} into a buffer the caller reuses, e.g. a
     * training loop's input batch (a host-to-device copy on an accelerator).
     */
    void write(float[] src, int srcOffset, Buffer dst, int dstOffset, int count);

    void fill(Buffer buffer, float value);

    void copy(Buffer src, Buffer dst);

    /** y = f(x) over {@code x.size()} elements. */
    void unary(UnaryOp op, float alpha, Buffer x, Buffer y);

    /** gx += f'(x) * gy; y is f(x) (some derivatives are cheaper from y). */
    void unaryBackward(UnaryOp op, float alpha, Buffer x, Buffer y, Buffer gy, Buffer gx);

    /**
     * out[idx] = a[idx . aStrides] op b[idx . bStrides] for every index of {@code outShape};
     * a stride of 0 broadcasts that dimension.
     */
    void binary(BinaryOp op, Buffer a, int[] aStrides, Buffer b, int[] bStrides, Buffer out, int[] outShape);

    /** y[o, i] (+)= sum over m of x[o, m, i], for x viewed as [outer, mid, inner]. */
    void sumAxis(Buffer x, int outer, int mid, int inner, Buffer y, boolean accumulate);

    /**
     * Gradient of a broadcast: gx[idx . xStrides] += g[idx] for every index of {@code gShape}
     * ({@code xStrides} as in {@link #binary}).
     */
    void sumToBroadcast(Buffer g, int[] gShape, Buffer gx, int[] xStrides);

    /**
     * c (+)= op(a) @ op(b) for {@code batch} independent matrices; op(a) is [m,k], op(b) is [k,n].
     * a is stored [m,k] or, transposed, [k,m]; b is stored [k,n] or, transposed, [n,k].
     * A batch stride of 0 for a or b reuses the same matrix for every batch entry.
     */
    void matmul(Buffer a, Buffer b, Buffer c, int batch, int m, int n, int k,
                boolean transA, boolean transB, boolean aBatched, boolean bBatched, boolean accumulate);

    /** Softmax (or log-softmax) over the middle axis of x viewed as [outer, dim, inner]. */
    void softmax(Buffer x, Buffer y, int outer, int dim, int inner, boolean log);

    /** gx += gradient of (log-)softmax given its output y and upstream gy. */
    void softmaxBackward(Buffer y, Buffer gy, Buffer gx, int outer, int dim, int inner, boolean log);

    /** y += a * x */
    void axpy(float a, Buffer x, Buffer y);

    /** Runs one optimizer update in place (see {@link OptimizerKernel}). */
    void optimizerStep(OptimizerKernel kernel, Buffer param, Buffer grad, Buffer[] state, int step);

    /** Sum of squares of every element (for gradient norms). */
    double sumOfSquares(Buffer x);

    /** True if any element is NaN or infinite. */
    boolean hasNonFinite(Buffer x);

    // ***** layer primitives: convolution, pooling, normalization, indexing, slicing *****

    /**
     * Convolution: y += conv(x, w) for the layout of {@code g} (x [N,C,H,W], w [O,C/groups,kh,kw], y [N,O,oh,ow]).
     * Bias is added by the caller.
     */
    void convForward(ConvGeometry g, Buffer x, Buffer w, Buffer y);

    /**
     * Gradient of a convolution with respect to its input: gx += conv^T(gy, w), the adjoint of
     * {@link #convForward} in x. Also the forward pass of a transposed convolution.
     */
    void convBackwardData(ConvGeometry g, Buffer gy, Buffer w, Buffer gx);

    /** Gradient of a convolution with respect to its weight: gw += sum over the batch of gy ⊗ windows of x. */
    void convBackwardFilter(ConvGeometry g, Buffer x, Buffer gy, Buffer gw);

    /**
     * Max pooling of {@code planes} independent [inH, inW] planes into [outH, outW] planes; padding counts as
     * -infinity (and NaN wins, as in PyTorch). Writes y and, per output, the index within its input plane
     * (as a float; exact for planes below 2^24 values) of the maximum into {@code argmax} (same size as y).
     */
    void maxPool(Window2d win, int planes, Buffer x, Buffer y, Buffer argmax);

    /** Gradient of {@link #maxPool}: gx[plane, argmax] += gy for each output. */
    void maxPoolBackward(Window2d win, int planes, Buffer gy, Buffer argmax, Buffer gx);

    /**
     * Average pooling of {@code planes} [inH, inW] planes (the window's dilation must be 1). The divisor is
     * the window size clipped to the padded plane when {@code countIncludePad}, else the number of real values.
     */
    void avgPool(Window2d win, int planes, Buffer x, Buffer y, boolean countIncludePad);

    /** Gradient of {@link #avgPool}: each gy is spread evenly (same divisor) over its window; accumulates into gx. */
    void avgPoolBackward(Window2d win, int planes, Buffer gy, Buffer gx, boolean countIncludePad);

    /**
     * Normalization with statistics per index m of x viewed as [outer, mid, inner], taken over the
     * K = outer*inner values x[o, m, i]: writes mean[m], the biased variance var[m], and
     * xhat = (x - mean[m]) / sqrt(var[m] + eps). Batch norm uses (N, C, H*W), layer norm (1, rows, features).
     */
    void normalize(Buffer x, Buffer xhat, Buffer mean, Buffer var, int outer, int mid, int inner, float eps);

    /**
     * Gradient of {@link #normalize} (statistics included) from its output xhat and the variance it returned:
     * gx += (gxhat - mean_m(gxhat) - xhat * mean_m(gxhat * xhat)) / sqrt(var[m] + eps).
     */
    void normalizeBackward(Buffer gxhat, Buffer xhat, Buffer var, Buffer gx, int outer, int mid, int inner, float eps);

    /**
     * Row gather: out[r, :] = table[indices[r], :] for r in [0, count), rows of {@code width} values.
     * Indices are stored as floats (exact below 2^24) and trusted to be in range.
     */
    void gatherRows(Buffer table, Buffer indices, Buffer out, int count, int width);

    /** Gradient of {@link #gatherRows}: gtable[indices[r], :] += g[r, :] (repeated indices add up). */
    void scatterAddRows(Buffer g, Buffer indices, Buffer gtable, int count, int width);

    /**
     * Block copy along one axis, for narrow and concat: with src viewed as [outer, srcAxis, inner] and dst as
     * [outer, dstAxis, inner], dst[o, dstStart + j, :] (+)= src[o, srcStart + j, :] for j in [0, count).
     */
    void copySlice(Buffer src, int srcAxis, int srcStart, Buffer dst, int dstAxis, int dstStart,
                   int outer, int count, int inner, boolean accumulate);
}
