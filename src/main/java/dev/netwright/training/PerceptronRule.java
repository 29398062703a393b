package dev.netwright.training;

import dev.netwright.data.BatchLoader;
import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.data.Split;
import dev.netwright.data.Task;
import dev.netwright.engine.Rng;
import dev.netwright.engine.loss.Loss;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.Network;
import dev.netwright.graph.layer.OutputLayer;
import dev.netwright.graph.layer.PerceptronLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Rosenblatt's perceptron learning rule for a single threshold unit (the seeds' perceptron): for each training sample
 * in a shuffled order, ŷ = step(w·x + b) and w += η (y − ŷ) x, b += η (y − ŷ); only misclassified samples move the
 * weights. It converges when the classes are linearly separable (and never settles on XOR). Gradient descent cannot
 * train a Perceptron layer (the step has no gradient), so a run with optimizer {@code perceptron} uses this rule.
 */
public final class PerceptronRule {
    public static final String NAME = "perceptron";

    private PerceptronRule() {
    }

    /** Why this design or data set does not suit the rule, pinned to a node; empty when it does. */
    public static List<GraphProblem> problems(Network net, Dataset data) {
        List<GraphProblem> p = new ArrayList<>();
        List<Network.Step> layers = net.steps().stream().filter(s -> !(s.layer() instanceof OutputLayer)).toList();
        if (layers.size() != 1 || !(layers.getFirst().layer() instanceof PerceptronLayer unit) || unit.units() != 1
                || net.inputShape().rank() != 1) {
            p.add(GraphProblem.error("NOT_PERCEPTRON", layers.isEmpty() ? net.outputId() : layers.getFirst().nodeId(),
                    "The perceptron rule trains one threshold unit: Input [d] → Perceptron (1 unit) → Output (mse)"));
        }
        if (net.loss() != Loss.MSE) {
            p.add(GraphProblem.error("NOT_PERCEPTRON", net.outputId(), "Report the perceptron's errors with mse, not " + net.loss().id()));
        }
        if (data.task() != Task.BINARY) {
            p.add(GraphProblem.error("NOT_PERCEPTRON", net.inputId(), "The perceptron rule needs a data set with two classes (0/1)"));
        }
        return p;
    }

    static Trainer.Result train(Network net, Dataset data, Split split, RunConfig cfg, Normalization norm, BatchLoader validation,
                                BooleanSupplier cancelled, Consumer<MetricEvent> events, long runId) {
        List<GraphProblem> problems = problems(net, data);
        if (!problems.isEmpty()) throw new dev.netwright.graph.InvalidGraphException(problems);
        Network.Step unit = net.steps().stream().filter(s -> s.layer() instanceof PerceptronLayer).findFirst().orElseThrow();
        boolean hasBias = ((PerceptronLayer) unit.layer()).bias();
        var wt = net.parameters().get(unit.nodeId() + ".weight");
        var bt = hasBias ? net.parameters().get(unit.nodeId() + ".bias") : null;
        float[] w = wt.toArray();
        float[] b = bt == null ? new float[1] : bt.toArray();
        int d = data.featureSize();
        float eta = (float) cfg.learningRate();
        int[] order = split.train().clone();
        Rng rng = new Rng(cfg.seed() ^ 0x5DEECE66DL);
        float[] x = new float[d];
        long start = System.nanoTime();
        long step = 0;
        Trainer.Result last = new Trainer.Result(Double.NaN, null, null, null, 0, 0, norm);
        BatchLoader trainEval = new BatchLoader(data, split.train(), 1024, false, norm, null, 0);
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            rng.shuffle(order);
            for (int i : order) {
                if (cancelled.getAsBoolean()) return last;
                System.arraycopy(data.features(), i * d, x, 0, d);
                if (norm != null) norm.apply(x, 1);
                double z = b[0];
                for (int j = 0; j < d; j++) z += (double) w[j] * x[j];
                float error = data.targets()[i] - (z >= 0 ? 1f : 0f);
                if (error != 0) {
                    for (int j = 0; j < d; j++) w[j] += eta * error * x[j];
                    if (hasBias) b[0] += eta * error;
                }
                step++;
            }
            wt.copyFrom(w);
            if (bt != null) bt.copyFrom(b);
            Trainer.Evaluation train = Trainer.evaluate(net, data, trainEval, net.loss());
            Trainer.Evaluation val = validation == null ? null : Trainer.evaluate(net, data, validation, net.loss());
            double secs = Math.max(1e-9, (System.nanoTime() - epochStart) / 1e9);
            MetricEvent ev = MetricEvent.metric(runId, step, epoch, train.loss(), train.accuracy(), eta, order.length / secs,
                    (System.nanoTime() - start) / 1_000_000, val == null ? null : val.loss(), val == null ? null : val.accuracy());
            events.accept(ev);
            last = new Trainer.Result(ev.loss(), ev.accuracy(), ev.valLoss(), ev.valAccuracy(), step, epoch, norm);
        }
        net.train(false);
        return last;
    }
}
