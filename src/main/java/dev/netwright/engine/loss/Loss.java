package dev.netwright.engine.loss;

import dev.netwright.engine.MovementOps;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

import java.util.Locale;

/**
 * Loss functions, each the mean over the batch (PyTorch's reduction="mean"). Targets are float
 * tensors: class indices [N] for the class losses, values of the prediction's shape otherwise.
 */
public enum Loss {
    /** mean((y - t)^2) */
    MSE,
    /** mean(|y - t|) */
    MAE,
    /** mean(huber_delta(y - t)), delta = 1 */
    HUBER,
    /** -mean(t log p + (1 - t) log(1 - p)) on probabilities p, logs clamped at -100 */
    BINARY_CROSS_ENTROPY,
    /** binary cross-entropy on logits: mean(softplus(x) - x t), stable for any x */
    BCE_WITH_LOGITS,
    /** -mean(log softmax(x)[t]) on logits with class indices t; its gradient is softmax(x) - onehot(t) */
    CROSS_ENTROPY,
    /** -mean(sum_k t_k log softmax(x)_k) on logits with one-hot (or soft) targets of the logits' shape */
    CROSS_ENTROPY_ONE_HOT,
    /** -mean(x[t]) on log-probabilities with class indices t */
    NLL,
    /** mean over N of sum_{j != t} max(0, 1 - x_t + x_j) / K (multi-class hinge) */
    MULTI_MARGIN;

    public static Loss parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "MSE", "MSE_LOSS", "MEAN_SQUARED_ERROR" -> MSE;
            case "MAE", "L1", "L1_LOSS", "MEAN_ABSOLUTE_ERROR" -> MAE;
            case "HUBER", "HUBER_LOSS" -> HUBER;
            case "BCE", "BINARY_CROSS_ENTROPY" -> BINARY_CROSS_ENTROPY;
            case "BCE_WITH_LOGITS" -> BCE_WITH_LOGITS;
            case "CROSS_ENTROPY", "CE", "CATEGORICAL_CROSS_ENTROPY", "SOFTMAX_CROSS_ENTROPY" -> CROSS_ENTROPY;
            case "CROSS_ENTROPY_ONE_HOT" -> CROSS_ENTROPY_ONE_HOT;
            case "NLL", "NLL_LOSS" -> NLL;
            case "MULTI_MARGIN", "HINGE", "MULTI_CLASS_HINGE" -> MULTI_MARGIN;
            default -> throw new IllegalArgumentException("Unknown loss '" + name + "'. Known: mse, mae, huber, bce, "
                    + "bce_with_logits, cross_entropy, cross_entropy_one_hot, nll, multi_margin");
        };
    }

    /** The short name used in graphs and the API ("mse", "bce", "cross_entropy", ...). */
    public String id() {
        return this == BINARY_CROSS_ENTROPY ? "bce" : name().toLowerCase(Locale.ROOT);
    }

    /** True when targets are class indices [N] rather than values of the prediction's shape. */
    public boolean takesClassIndices() {
        return this == CROSS_ENTROPY || this == NLL || this == MULTI_MARGIN;
    }

    /** The scalar loss of prediction {@code y} against {@code target}. */
    public Tensor compute(Tensor y, Tensor target) {
        return switch (this) {
            case MSE -> y.sub(sameShape(y, target)).square().mean();
            case MAE -> y.sub(sameShape(y, target)).abs().mean();
            case HUBER -> huber(y, target, 1f);
            case BINARY_CROSS_ENTROPY -> {
                Tensor t = sameShape(y, target);
                Tensor ll = t.mul(y.log()).add(t.neg().add(1f).mul(y.neg().add(1f).log()));
                yield ll.mean().neg();
            }
            case BCE_WITH_LOGITS -> y.softplus(1f).sub(y.mul(sameShape(y, target))).mean();
            case CROSS_ENTROPY -> nll(y.logSoftmax(-1), target);
            case CROSS_ENTROPY_ONE_HOT -> y.logSoftmax(-1).mul(sameShape(y, target)).sum().mul(-1f / y.shape().dim(0));
            case NLL -> nll(y, target);
            case MULTI_MARGIN -> multiMargin(y, target, 1f);
        };
    }

    public static Tensor huber(Tensor y, Tensor target, float delta) {
        return y.sub(sameShape(y, target)).huber(delta).mean();
    }

    private static Tensor nll(Tensor logProbs, Tensor target) {
        Tensor oneHot = oneHot(target, logProbs.shape());
        return logProbs.mul(oneHot).sum().mul(-1f / logProbs.shape().dim(0));
    }

    private static Tensor multiMargin(Tensor s, Tensor target, float margin) {
        Tensor oneHot = oneHot(target, s.shape());
        Tensor sy = s.mul(oneHot).sum(1, true);                     // [N,1] score of the true class
        Tensor hinge = s.sub(sy).add(margin).relu();                 // max(0, margin - s_y + s_j)
        Tensor others = oneHot.neg().add(1f);                        // exclude j = y
        int n = s.shape().dim(0), k = s.shape().dim(1);
        return hinge.mul(others).sum().mul(1f / (n * (float) k));
    }

    /**
     * One-hot [N, K] from class indices [N] (values 0..K-1); like an op result it is owned by the open
     * {@link dev.netwright.engine.TensorScope}, if any.
     */
    public static Tensor oneHot(Tensor indices, Shape logits) {
        if (logits.rank() != 2) throw new IllegalArgumentException("Class losses expect [N, K] scores. Received: " + logits);
        int n = logits.dim(0), k = logits.dim(1);
        if (indices.shape().size() != n) {
            throw new IllegalArgumentException("Expected " + n + " class indices for scores " + logits + ". Received: " + indices.shape());
        }
        return MovementOps.oneHot(indices, k);
    }

    private static Tensor sameShape(Tensor y, Tensor target) {
        if (y.shape().equals(target.shape())) return target;
        if (y.shape().size() == target.shape().size()) return target.reshape(y.shape());
        throw new IllegalArgumentException("Target shape " + target.shape() + " does not match prediction shape " + y.shape());
    }
}
