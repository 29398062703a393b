package dev.netwright.data;

import dev.netwright.engine.Shape;

import java.util.List;

/**
 * Samples held in memory, row-major: sample i's features are {@code features[i*featureSize ...]} and its
 * targets {@code targets[i*targetSize ...]} (a class index for {@link Task#MULTICLASS}).
 *
 * @param classNames names of the classes (BINARY and MULTICLASS), else empty
 */
public record Dataset(String id, String name, String description, Task task, Shape featureShape, int targetSize,
                      List<String> classNames, float[] features, float[] targets) {

    public Dataset {
        int n = featureShape.size() == 0 ? 0 : features.length / featureShape.size();
        if (features.length != n * featureShape.size() || targets.length != n * targetSize) {
            throw new IllegalArgumentException("Data set " + id + ": " + features.length + " feature values and " + targets.length
                    + " target values do not make whole samples of " + featureShape + " → " + targetSize);
        }
    }

    public int size() {
        return targets.length / targetSize;
    }

    public int featureSize() {
        return featureShape.size();
    }

    public int classes() {
        return classNames.size();
    }

    /** The features of samples {@code idx[from..to)} gathered into one row-major array. */
    public float[] gatherFeatures(int[] idx, int from, int to) {
        int f = featureSize();
        float[] out = new float[(to - from) * f];
        for (int i = from; i < to; i++) System.arraycopy(features, idx[i] * f, out, (i - from) * f, f);
        return out;
    }

    public float[] gatherTargets(int[] idx, int from, int to) {
        float[] out = new float[(to - from) * targetSize];
        for (int i = from; i < to; i++) System.arraycopy(targets, idx[i] * targetSize, out, (i - from) * targetSize, targetSize);
        return out;
    }
}
