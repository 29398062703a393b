package dev.netwright.data;

import java.util.Objects;

/**
 * Sample indices of the three parts of a data set, each sorted ascending; every sample is in at most one part
 * (exactly one when made by {@link Splits}). An empty array means the part is absent.
 */
public record Split(int[] train, int[] validation, int[] test) {
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    public int trainSize() {
        return train.length;
    }

    public int validationSize() {
        return validation.length;
    }

    public int testSize() {
        return test.length;
    }

    /** Samples in all parts together. */
    public int size() {
        return train.length + validation.length + test.length;
    }
}
