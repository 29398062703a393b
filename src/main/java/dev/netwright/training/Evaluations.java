package dev.netwright.training;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.autograd.NoGrad;
import dev.netwright.engine.loss.Loss;

import java.util.ArrayList;
import java.util.List;

/** Computes {@link EvaluationReport}s from a model's outputs and the true targets. */
public final class Evaluations {
    private Evaluations() {
    }

    /**
     * @param outputs {@code n × width} model outputs (row-major), as the loss sees them (logits or probabilities)
     * @param targets the data set's targets of the same n samples ({@code n × targetSize})
     */
    public static EvaluationReport report(String split, Dataset data, Loss loss, float[] outputs, int width, float[] targets, int n) {
        if (n == 0) throw new IllegalArgumentException("The " + split + " part has no samples");
        double lossValue;
        try (var ignored = NoGrad.enter()) {
            Tensor y = Tensor.of(Shape.of(n, width), outputs);
            lossValue = loss.compute(y, Trainer.targets(loss, data, targets, n, Shape.of(width))).item();
        }
        return switch (data.task()) {
            case REGRESSION -> regression(split, n, lossValue, outputs, targets, data.targetSize());
            case BINARY -> classification(split, n, lossValue, predictBinary(outputs, n, loss), null, width, targets, names(data, 2));
            case MULTICLASS -> classification(split, n, lossValue, argmax(outputs, n, width), outputs, width, targets,
                    names(data, data.classes()));
        };
    }

    private static List<String> names(Dataset d, int k) {
        if (d.classNames().size() == k) return d.classNames();
        List<String> n = new ArrayList<>();
        for (int i = 0; i < k; i++) n.add(String.valueOf(i));
        return n;
    }

    private static int[] predictBinary(float[] y, int n, Loss loss) {
        float threshold = loss == Loss.BCE_WITH_LOGITS ? 0f : 0.5f;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = y[i] > threshold ? 1 : 0;
        return p;
    }

    private static int[] argmax(float[] y, int n, int width) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < width; k++) if (y[i * width + k] > y[i * width + best]) best = k;
            p[i] = best;
        }
        return p;
    }

    private static EvaluationReport classification(String split, int n, double loss, int[] predicted, float[] scores, int width,
                                                   float[] targets, List<String> classes) {
        int k = classes.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int actual = (int) targets[i];
            confusion[actual][predicted[i]]++;
            if (actual == predicted[i]) correct++;
        }
        Integer topK = null;
        Double topKAccuracy = null;
        if (scores != null && k > 2) {
            topK = Math.min(5, k - 1);
            int hits = 0;
            for (int i = 0; i < n; i++) {
                float own = scores[i * width + (int) targets[i]];
                int above = 0;
                for (int c = 0; c < width; c++) if (scores[i * width + c] > own) above++;
                if (above < topK) hits++;
            }
            topKAccuracy = (double) hits / n;
        }
        List<EvaluationReport.ClassMetrics> per = new ArrayList<>();
        double sp = 0, sr = 0, sf = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c], support = 0, predictedC = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedC += confusion[j][c];
            }
            double precision = predictedC == 0 ? 0 : (double) tp / predictedC;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            per.add(new EvaluationReport.ClassMetrics(classes.get(c), precision, recall, f1, support));
            sp += precision;
            sr += recall;
            sf += f1;
        }
        return new EvaluationReport(split, n, loss, (double) correct / n, topK, topKAccuracy, classes, confusion, per,
                sp / k, sr / k, sf / k, null, null, null);
    }

    private static EvaluationReport regression(String split, int n, double loss, float[] y, float[] t, int width) {
        double[] mean = new double[width];
        for (int i = 0; i < n; i++) for (int j = 0; j < width; j++) mean[j] += t[i * width + j];
        for (int j = 0; j < width; j++) mean[j] /= n;
        double se = 0, ae = 0, tot = 0;
        for (int i = 0; i < n * width; i++) {
            double d = (double) y[i] - t[i];
            se += d * d;
            ae += Math.abs(d);
            double m = t[i] - mean[i % width];
            tot += m * m;
        }
        Double r2 = tot == 0 ? null : 1 - se / tot;
        return new EvaluationReport(split, n, loss, null, null, null, List.of(), null, List.of(), null, null, null,
                se / (n * width), ae / (n * width), r2);
    }
}
