package dev.netwright.data;

/** What the targets mean. */
public enum Task {
    /** One target per sample, 0 or 1. */
    BINARY,
    /** One class index per sample, 0..classes-1. */
    MULTICLASS,
    /** A vector of real targets per sample. */
    REGRESSION
}
