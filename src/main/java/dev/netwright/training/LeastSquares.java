package dev.netwright.training;

import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Activation;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.Network;
import dev.netwright.graph.layer.DenseLayer;
import dev.netwright.graph.layer.OutputLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' closed-form solution of a linear model under the squared loss: the normal equations
 * (XᵀX) w = Xᵀy, X with a column of ones for the bias, solved by Cholesky in double precision (with a ridge of
 * 1e-9·trace/d so a rank-deficient X still gives the minimum-norm-like solution). One "epoch", no learning rate.
 */
public final class LeastSquares {
    public static final String NAME = "least_squares";

    private LeastSquares() {
    }

    /** Why this design cannot be solved in closed form, pinned to the node; empty when it can. */
    public static List<GraphProblem> problems(Network net) {
        List<GraphProblem> p = new ArrayList<>();
        List<Network.Step> layers = net.steps().stream().filter(s -> !(s.layer() instanceof OutputLayer)).toList();
        if (layers.size() != 1 || !(layers.getFirst().layer() instanceof DenseLayer d) || d.activation() != Activation.Kind.IDENTITY
                || !layers.getFirst().inputs().equals(List.of(net.inputId())) || net.inputShape().rank() != 1) {
            p.add(GraphProblem.error("NOT_LINEAR", layers.isEmpty() ? net.outputId() : layers.getFirst().nodeId(),
                    "Least squares solves a linear model: Input [d] → one Dense layer without activation → Output (mse)"));
        }
        if (net.loss() != Loss.MSE) {
            p.add(GraphProblem.error("NOT_LINEAR", net.outputId(), "Least squares minimizes the squared loss: choose mse, not " + net.loss().id()));
        }
        return p;
    }

    /** Solves for the Dense layer's weight and bias on the training samples (after {@code norm}, if any). */
    static void fit(Network net, Dataset data, int[] train, Normalization norm) {
        Network.Step dense = net.steps().stream().filter(s -> s.layer() instanceof DenseLayer).findFirst().orElseThrow();
        DenseLayer layer = (DenseLayer) dense.layer();
        int d = data.featureSize(), k = layer.units(), n = train.length;
        int cols = layer.bias() ? d + 1 : d;
        float[] x = data.gatherFeatures(train, 0, n);
        if (norm != null) norm.apply(x, n);
        float[] y = data.gatherTargets(train, 0, n);
        double[][] a = new double[cols][cols];
        double[][] b = new double[cols][k];
        double[] row = new double[cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) row[j] = x[i * d + j];
            if (layer.bias()) row[d] = 1;
            for (int r = 0; r < cols; r++) {
                for (int c = r; c < cols; c++) a[r][c] += row[r] * row[c];
                for (int t = 0; t < k; t++) b[r][t] += row[r] * y[i * k + t];
            }
        }
        double trace = 0;
        for (int r = 0; r < cols; r++) {
            for (int c = 0; c < r; c++) a[r][c] = a[c][r];
            trace += a[r][r];
        }
        double ridge = 1e-9 * Math.max(trace / cols, 1e-12);
        for (int r = 0; r < cols; r++) a[r][r] += ridge;
        double[][] w = cholesky(a, b);
        float[] weight = new float[k * d];
        float[] bias = new float[k];
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < d; j++) weight[t * d + j] = (float) w[j][t];
            if (layer.bias()) bias[t] = (float) w[d][t];
        }
        Tensor wt = net.parameters().get(dense.nodeId() + ".weight");
        wt.copyFrom(weight);
        if (layer.bias()) net.parameters().get(dense.nodeId() + ".bias").copyFrom(bias);
    }

    /** Solves A X = B for a symmetric positive definite A. */
    static double[][] cholesky(double[][] a, double[][] b) {
        int n = a.length, k = b[0].length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int m = 0; m < j; m++) s -= l[i][m] * l[j][m];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalArgumentException("Least squares: XᵀX is not positive definite (column " + i + ")");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[][] z = new double[n][k];
        for (int t = 0; t < k; t++) {
            for (int i = 0; i < n; i++) {
                double s = b[i][t];
                for (int m = 0; m < i; m++) s -= l[i][m] * z[m][t];
                z[i][t] = s / l[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = z[i][t];
                for (int m = i + 1; m < n; m++) s -= l[m][i] * z[m][t];
                z[i][t] = s / l[i][i];
            }
        }
        return z;
    }
}
