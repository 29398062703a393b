package dev.netwright.datasets;

import dev.netwright.data.io.ColumnInfo;

import java.util.List;
import java.util.Map;

/**
 * What is known of a stored data set beyond its shape: classes and their counts, the source columns (tabular
 * imports: kinds, one-hot vocabularies, missing values), the name of each feature value, statistics, the warnings of
 * the import and where the data came from (file names, sizes and SHA-256 of the uploads, import options, generator
 * parameters).
 */
public record DatasetMetadata(List<String> classes, List<Integer> classCounts, List<ColumnInfo> columns,
                              List<String> featureNames, List<FeatureStat> featureStats, List<String> warnings,
                              Map<String, Object> provenance) {
}
