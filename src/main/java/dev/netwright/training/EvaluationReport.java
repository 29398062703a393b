package dev.netwright.training;

import java.util.List;

/**
 * How a trained model does on one part of its data set. Classification: accuracy, top-k accuracy (more than two
 * classes), the confusion matrix ({@code confusion[actual][predicted]}) and precision, recall and F1 per class with
 * their macro averages. Regression: MSE, MAE and R² (1 − SS_res / SS_tot, SS_tot around each target's mean).
 * Fields that do not apply are null.
 */
public record EvaluationReport(String split, int samples, double loss, Double accuracy, Integer topK, Double topKAccuracy,
                               List<String> classes, int[][] confusion, List<ClassMetrics> perClass, Double macroPrecision,
                               Double macroRecall, Double macroF1, Double mse, Double mae, Double r2) {

    /** Precision, recall and F1 of one class, and its number of samples (support). A class never predicted has precision 0. */
    public record ClassMetrics(String name, double precision, double recall, double f1, int support) {
    }
}
