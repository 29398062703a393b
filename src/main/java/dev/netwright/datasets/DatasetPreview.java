package dev.netwright.datasets;

import java.util.List;

/**
 * A look at the samples: the first rows as a table (vector samples), up to a few images per class (image samples,
 * as PNG data URLs), 2-D points (two features, or one feature against the target), or a few sequences.
 * Fields that do not apply to the data set's kind are empty.
 */
public record DatasetPreview(String id, String kind, List<String> header, List<List<Object>> rows,
                             List<ImageSample> images, List<Point> points, List<Sequence> sequences,
                             List<String> classes, List<Integer> classCounts) {

    /**
     * One image of sample {@code index}, labelled with its class; for image pairs ({@code kind} "image-pairs"),
     * {@code target} is its target as an image (null otherwise).
     */
    public record ImageSample(int index, String label, String png, String target) {
        public ImageSample(int index, String label, String png) {
            this(index, label, png, null);
        }
    }

    /** A point of a scatter plot; {@code label} is the class (null for regression: y is then the target). */
    public record Point(double x, double y, String label) {
    }

    /** One sequence sample: {@code values[f]} is feature f over time; {@code target} its target, as text. */
    public record Sequence(int index, List<float[]> values, String target) {
    }
}
