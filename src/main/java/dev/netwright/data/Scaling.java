package dev.netwright.data;

/** How input features are rescaled before training (statistics from the training part only; see {@link Normalization}). */
public enum Scaling {
    /** Features as they are. */
    NONE,
    /** x' = (x − mean) / std per group: mean 0 and variance 1 on the training part. */
    STANDARDIZE,
    /** x' = (x − min) / (max − min) per group: the training part's range becomes [0, 1]. */
    MIN_MAX
}
