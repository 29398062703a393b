package dev.netwright.data.io;

import dev.netwright.data.Dataset;

import java.util.List;

/**
 * The result of an import: the samples plus what the user should see about how their file was read.
 *
 * @param dataset          the samples
 * @param columns          the table's columns as found (tabular imports), empty for images
 * @param featureNames     one name per feature value for tabular data (a one-hot slot is named {@code color=red}),
 *                         empty for images
 * @param warnings         things the user should know that did not stop the import (dropped rows, imputed values,
 *                         constant columns)
 * @param sourceTrainCount how many of the first samples came from files meant for training (IDX train files when
 *                         test files were given too), else {@code dataset.size()}
 */
public record Imported(Dataset dataset, List<ColumnInfo> columns, List<String> featureNames, List<String> warnings,
                       int sourceTrainCount) {

    public Imported {
        columns = List.copyOf(columns);
        featureNames = List.copyOf(featureNames);
        warnings = List.copyOf(warnings);
        if (sourceTrainCount < 0 || sourceTrainCount > dataset.size()) {
            throw new IllegalArgumentException("sourceTrainCount must be in 0.." + dataset.size() + ". Received: " + sourceTrainCount);
        }
    }
}
