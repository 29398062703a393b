package dev.netwright.datasets;

import dev.netwright.data.SplitSpec;

import java.util.List;

/**
 * A data set's split: the fractions asked for, whether the test part is the one the source came with
 * ({@code sourceTest}: an IDX import with its own test files), and the resulting sizes and class counts per part.
 */
public record SplitView(SplitSpec spec, boolean sourceTest, int train, int validation, int test,
                        List<Integer> trainClassCounts, List<Integer> validationClassCounts, List<Integer> testClassCounts) {
}
