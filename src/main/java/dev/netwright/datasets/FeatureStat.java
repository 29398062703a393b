package dev.netwright.datasets;

/** Statistics of one feature (tabular data), one channel (images) or one column of a sequence, over all samples. */
public record FeatureStat(String name, double min, double max, double mean, double std) {
}
