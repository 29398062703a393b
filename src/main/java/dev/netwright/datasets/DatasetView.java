package dev.netwright.datasets;

import dev.netwright.data.Task;
import dev.netwright.data.io.ColumnInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A data set as the API and UI show it. {@code id} is a built-in's name ({@code "xor"}) or a stored data set's
 * number as text ({@code "42"}); runs refer to data sets by it. {@code kind} says how it is best previewed:
 * {@code table}, {@code points} (two features or one feature against a target), {@code images}, {@code image-pairs} (a
 * flattened square image as features and another as regression targets, as for an autoencoder) or {@code sequence}.
 */
public record DatasetView(String id, Long projectId, boolean builtin, String name, String description, String source,
                          Task task, List<Integer> featureShape, int targetSize, int size, String kind,
                          List<String> classes, List<Integer> classCounts, SplitView split,
                          List<ColumnInfo> columns, List<String> featureNames, List<FeatureStat> featureStats,
                          List<String> warnings, Map<String, Object> provenance, String sha256, Long bytes, Instant createdAt) {
}
