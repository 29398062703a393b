package dev.netwright.engine;

import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.UnaryOp;

/**
 * Normalization ops. Batch and layer norm share one fused primitive, {@link #normalize}, whose gradient
 * covers the statistics; the affine part (weight, bias) and evaluation-mode batch norm are composed from
 * tensor ops, so autograd derives their gradients.
 */
public final class NormOps {
    private NormOps() {
    }

    /**
     * Batch normalization: y = (x - mean) / sqrt(var + eps) * weight + bias per channel (axis 1).
     * In training, mean and the biased var are the batch's (over N and any spatial axes), and the running statistics
     * (if given) are updated in place: r = (1 - momentum) r + momentum s, using the UNBIASED batch variance for
     * running_var, as PyTorch does. In evaluation the running statistics are used (the batch's when they are null).
     * <p>Shape: x [N, C] or [N, C, ...]; running_mean, running_var, weight, bias [C] (weight and bias may be null).
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, float momentum, float eps) {
        Shape s = x.shape();
        if (s.rank() < 2) throw new IllegalArgumentException("batch_norm expects [N, C] or [N, C, ...]. Received: " + s);
        int n = s.dim(0), c = s.dim(1), inner = s.inner(1);
        for (Tensor t : new Tensor[]{runningMean, runningVar, weight, bias}) {
            if (t != null && !t.shape().equals(Shape.of(c))) {
                throw new IllegalArgumentException("batch_norm statistics and affine parameters must be [" + c + "] for input " + s
                        + ". Received: " + t.shape());
            }
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batch_norm needs both running_mean and running_var, or neither");
        }
        Shape perChannel = channelShape(s);
        Tensor xhat;
        if (training || runningMean == null) {
            long k = (long) n * inner;
            if (k <= 1) {
                throw new IllegalArgumentException("batch_norm in training needs more than 1 value per channel. Received: " + s);
            }
            Backend be = x.backend();
            Buffer mean = Tensor.scratch(be, c), var = Tensor.scratch(be, c);
            xhat = normalize(x, n, c, inner, eps, mean, var);
            if (training && runningMean != null) {
                // element-wise ops may run in place: r = (1 - m) r, then r += m * batch statistic
                be.unary(UnaryOp.SCALE, 1 - momentum, runningMean.buffer(), runningMean.buffer());
                be.axpy(momentum, mean, runningMean.buffer());
                be.unary(UnaryOp.SCALE, 1 - momentum, runningVar.buffer(), runningVar.buffer());
                be.axpy((float) (momentum * k / (double) (k - 1)), var, runningVar.buffer());
            }
        } else {
            xhat = x.sub(runningMean.reshape(perChannel)).div(runningVar.add(eps).sqrt().reshape(perChannel));
        }
        return affine(xhat, weight == null ? null : weight.reshape(perChannel), bias == null ? null : bias.reshape(perChannel));
    }

    /**
     * Layer normalization over the trailing axes given by {@code normalizedShape}:
     * y = (x - mean) / sqrt(var + eps) * weight + bias, statistics per leading index (biased variance).
     * <p>Shape: x [..., *normalizedShape]; weight, bias normalizedShape (or null) → same as x.
     */
    public static Tensor layerNorm(Tensor x, Shape normalizedShape, Tensor weight, Tensor bias, float eps) {
        Shape s = x.shape();
        int r = normalizedShape.rank();
        boolean fits = r >= 1 && r <= s.rank();
        for (int i = 0; fits && i < r; i++) fits = s.dim(s.rank() - r + i) == normalizedShape.dim(i);
        if (!fits) throw new IllegalArgumentException("layer_norm normalized shape " + normalizedShape + " must end input shape " + s);
        for (Tensor t : new Tensor[]{weight, bias}) {
            if (t != null && !t.shape().equals(normalizedShape)) {
                throw new IllegalArgumentException("layer_norm weight and bias must be " + normalizedShape + ". Received: " + t.shape());
            }
        }
        int d = normalizedShape.size();
        Backend be = x.backend();
        int rows = s.size() / d;
        Tensor xhat = normalize(x, 1, rows, d, eps, Tensor.scratch(be, rows), Tensor.scratch(be, rows));
        return affine(xhat, weight, bias);
    }

    /**
     * Weight normalization (Salimans and Kingma): W = g * v / ||v||, the norm of each output row of v
     * (over every axis but the first). The gradient reaches both v and g.
     * <p>Shape: v [out, ...], g [out] or [out, 1, ...] → W like v.
     */
    public static Tensor weightNorm(Tensor v, Tensor g) {
        Shape vs = v.shape();
        if (vs.rank() < 2 || g.shape().size() != vs.dim(0)) {
            throw new IllegalArgumentException("weight_norm expects v [out, ...] and g with out values. Received: v " + vs + ", g " + g.shape());
        }
        int out = vs.dim(0);
        Tensor rows = v.reshape(out, -1);
        Tensor norm = rows.square().sum(1, true).sqrt();
        return rows.mul(g.reshape(out, 1).div(norm)).reshape(vs);
    }

    // ***** helpers *****

    /**
     * xhat = (x - mean) / sqrt(var + eps), statistics per index m of x viewed as [outer, mid, inner] (over outer and inner);
     * the statistics are written to {@code mean} and {@code var} [mid]. The gradient includes the path through them.
     */
    private static Tensor normalize(Tensor x, int outer, int mid, int inner, float eps, Buffer mean, Buffer var) {
        Backend be = x.backend();
        Buffer xhat = be.alloc(x.shape().size());
        be.normalize(x.buffer(), xhat, mean, var, outer, mid, inner, eps);
        return Tensor.custom(x.shape(), xhat, o -> {
            if (x.requiresGrad()) be.normalizeBackward(o.gradBuffer(), o.buffer(), var, x.gradForAccumulate(), outer, mid, inner, eps);
        }, x);
    }

    private static Tensor affine(Tensor xhat, Tensor weight, Tensor bias) {
        Tensor y = weight == null ? xhat : xhat.mul(weight);
        return bias == null ? y : y.add(bias);
    }

    /** [1, C, 1, ...] for broadcasting a per-channel vector against x. */
    private static Shape channelShape(Shape s) {
        int[] d = new int[s.rank()];
        java.util.Arrays.fill(d, 1);
        d[1] = s.dim(1);
        return Shape.of(d);
    }
}
