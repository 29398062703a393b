package dev.netwright.serving;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The results of a batch prediction as CSV, one row per sample, in the order of the data set:
 * <ul>
 *   <li>{@code index}: the sample's index in the data set;</li>
 *   <li>{@code target} (or {@code target_0}, {@code target_1}, ... for several): the data set's target, a class
 *       index for classification;</li>
 *   <li>every tensor output's values: {@code output} when a sample has one value, else {@code output_0},
 *       {@code output_1}, ...;</li>
 *   <li>for classification data sets: {@code predicted_class} (index), {@code predicted_label} (when the model or the
 *       data set names as many classes as the first output has) and {@code probability} of the predicted class, read
 *       from the first output by {@link ClassScores}.</li>
 * </ul>
 * Numbers are written as Java prints floats (shortest text that reads back to the same float).
 */
final class PredictionCsv {
    private final Writer out;
    private final Dataset data;
    private final List<String> modelLabels;
    private final boolean classification;
    private List<String> labels;
    private boolean scored;
    private boolean started;

    PredictionCsv(Writer out, Dataset data, List<String> modelLabels) {
        this.out = out;
        this.data = data;
        this.modelLabels = modelLabels;
        this.classification = data.task() != Task.REGRESSION;
    }

    /** Writes the rows of samples {@code samples[from .. from+k)} from a chunk's outputs (batch first). */
    void write(int[] samples, int from, int k, Map<String, TensorValue> outputs) throws IOException {
        List<String> names = new ArrayList<>(outputs.keySet());
        int[] widths = new int[names.size()];
        for (int o = 0; o < widths.length; o++) {
            int n = length(outputs.get(names.get(o)).data());
            if (n % k != 0) {
                throw new IllegalStateException("Output '" + names.get(o) + "' has " + n + " values for " + k + " samples; batch prediction needs outputs with the batch first");
            }
            widths[o] = n / k;
        }
        if (!started) header(names, widths, outputs.get(names.getFirst()).data());
        StringBuilder row = new StringBuilder();
        int t = data.targetSize();
        for (int i = 0; i < k; i++) {
            row.setLength(0);
            int sample = samples[from + i];
            row.append(sample);
            for (int j = 0; j < t; j++) {
                float target = data.targets()[sample * t + j];
                row.append(',').append(classification ? Integer.toString((int) target) : Float.toString(target));
            }
            for (int o = 0; o < widths.length; o++) {
                Object values = outputs.get(names.get(o)).data();
                for (int j = 0; j < widths[o]; j++) row.append(',').append(cell(values, i * widths[o] + j));
            }
            if (scored) {
                float[] y = floats(outputs.get(names.getFirst()).data(), i * widths[0], widths[0]);
                double[] p = ClassScores.probabilities(y);
                int best = ClassScores.argmax(p);
                row.append(',').append(best);
                if (labels != null) row.append(',').append(quote(labels.get(best)));
                row.append(',').append((float) p[best]);
            }
            out.append(row).append('\n');
        }
    }

    private void header(List<String> names, int[] widths, Object first) throws IOException {
        started = true;
        List<String> columns = new ArrayList<>(List.of("index"));
        int t = data.targetSize();
        for (int j = 0; j < t; j++) columns.add(t == 1 ? "target" : "target_" + j);
        for (int o = 0; o < widths.length; o++) {
            for (int j = 0; j < widths[o]; j++) columns.add(quote(widths[o] == 1 ? names.get(o) : names.get(o) + "_" + j));
        }
        scored = classification && widths[0] > 0 && (first instanceof float[] || first instanceof double[]);
        if (scored) {
            int classes = widths[0] == 1 ? 2 : widths[0];
            if (modelLabels != null && modelLabels.size() == classes) labels = modelLabels;
            else if (data.classNames().size() == classes) labels = data.classNames();
            columns.add("predicted_class");
            if (labels != null) columns.add("predicted_label");
            columns.add("probability");
        }
        out.append(String.join(",", columns)).append('\n');
    }

    private static int length(Object values) {
        return switch (values) {
            case float[] a -> a.length;
            case double[] a -> a.length;
            case long[] a -> a.length;
            case int[] a -> a.length;
            case boolean[] a -> a.length;
            case String[] a -> a.length;
            default -> throw new IllegalStateException("Unexpected output values " + values.getClass().getSimpleName());
        };
    }

    private static String cell(Object values, int i) {
        return switch (values) {
            case float[] a -> Float.toString(a[i]);
            case double[] a -> Double.toString(a[i]);
            case long[] a -> Long.toString(a[i]);
            case int[] a -> Integer.toString(a[i]);
            case boolean[] a -> Boolean.toString(a[i]);
            case String[] a -> quote(a[i]);
            default -> throw new IllegalStateException("Unexpected output values " + values.getClass().getSimpleName());
        };
    }

    private static float[] floats(Object values, int from, int n) {
        float[] y = new float[n];
        for (int j = 0; j < n; j++) y[j] = values instanceof float[] f ? f[from + j] : (float) ((double[]) values)[from + j];
        return y;
    }

    /** A CSV field: quoted when it holds a comma, quote or line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
