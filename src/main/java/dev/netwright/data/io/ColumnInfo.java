package dev.netwright.data.io;

import java.util.List;

/**
 * What an importer found in one column of a table, for showing the user what their data became.
 *
 * @param name       the column's name (from the header, else {@code col1}, {@code col2}, ...)
 * @param kind       {@value #NUMERIC} or {@value #CATEGORICAL}
 * @param target     whether the column is (one of) the targets
 * @param vocabulary the distinct values of a categorical column in the order of their one-hot slots (or class
 *                   indices), empty for a numeric column and for a categorical one left out for having too many
 *                   values
 * @param missing    how many cells of the column were missing in the file
 * @param min        smallest value of a numeric column (missing cells left out); 0 for a categorical column
 * @param max        largest value of a numeric column; 0 for a categorical column
 * @param mean       mean of a numeric column; 0 for a categorical column
 * @param std        population standard deviation of a numeric column; 0 for a categorical column
 */
public record ColumnInfo(String name, String kind, boolean target, List<String> vocabulary, int missing,
                         double min, double max, double mean, double std) {
    public static final String NUMERIC = "numeric";
    public static final String CATEGORICAL = "categorical";

    public ColumnInfo {
        if (!NUMERIC.equals(kind) && !CATEGORICAL.equals(kind)) {
            throw new IllegalArgumentException("Column kind must be " + NUMERIC + " or " + CATEGORICAL + ". Received: " + kind);
        }
        vocabulary = List.copyOf(vocabulary);
    }

    public boolean categorical() {
        return CATEGORICAL.equals(kind);
    }
}
