package dev.netwright.training;

import dev.netwright.data.BuiltinDatasets;
import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.Graphs;
import dev.netwright.graph.InvalidGraphException;
import dev.netwright.graph.Network;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private final Dataset xor = BuiltinDatasets.find("xor").orElseThrow();

    @Test
    void xorReachesFullAccuracyWithAdam() {
        List<MetricEvent> events = new ArrayList<>();
        Trainer.Result r = Trainer.train(Network.compile(Graphs.xor(), 1), xor, new RunConfig("adam", 0.05, 300, 4, 1), () -> false, events::add, 7);
        assertEquals(300, events.size());
        assertEquals(1.0, r.accuracy());
        assertTrue(r.loss() < 0.05, "loss " + r.loss());
        assertTrue(events.getFirst().loss() > r.loss());
        assertEquals(7, events.getFirst().runId());
        assertEquals(300, events.getLast().step());
    }

    @Test
    void sameSeedSameNumbersBitForBit() {
        List<Double> a = new ArrayList<>(), b = new ArrayList<>();
        Trainer.train(Network.compile(Graphs.xor(), 3), xor, new RunConfig("sgd", 0.5, 20, 2, 3), () -> false, e -> a.add(e.loss()), 1);
        Trainer.train(Network.compile(Graphs.xor(), 3), xor, new RunConfig("sgd", 0.5, 20, 2, 3), () -> false, e -> b.add(e.loss()), 1);
        assertEquals(a, b);
    }

    @Test
    void divergenceFailsWithTheStep() {
        // a linear output trained with MSE at a huge learning rate blows up
        var g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("d", "Dense", Map.of("units", 1)).node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "d").edge("d", "out").build();
        Dataset big = new Dataset("big", "big", "", Task.REGRESSION, Shape.of(2), 1, List.of(),
                new float[]{1e4f, -1e4f, 3e4f, 2e4f}, new float[]{1, 2});
        var ex = assertThrows(TrainingDivergedException.class, () ->
                Trainer.train(Network.compile(g, 1), big, new RunConfig("sgd", 5, 200, 2, 1), () -> false, e -> { }, 1));
        assertTrue(ex.step() > 0 && ex.step() < 200, "step " + ex.step());
        assertTrue(ex.getMessage().contains("step " + ex.step()), ex.getMessage());
    }

    @Test
    void cancellationStopsBetweenSteps() {
        int[] seen = {0};
        Trainer.train(Network.compile(Graphs.xor(), 1), xor, new RunConfig("adam", 0.05, 1000, 4, 1), () -> seen[0] >= 5, e -> seen[0]++, 1);
        assertEquals(5, seen[0]);
    }

    @Test
    void incompatibleDataIsPinnedToInputAndOutput() {
        var g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(3)))
                .node("d", "Dense", Map.of("units", 2)).node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "d").edge("d", "out").build();
        var problems = Trainer.compatibility(Network.compile(g, 1), xor);
        assertEquals(List.of("in", "out"), problems.stream().map(GraphProblem::nodeId).toList());
        assertThrows(InvalidGraphException.class, () ->
                Trainer.train(Network.compile(g, 1), xor, new RunConfig("adam", 0.1, 1, 4, 1), () -> false, e -> { }, 1));
    }

    @Test
    void cosineScheduleSetsEachEpochsLearningRate() {
        List<Double> lrs = new ArrayList<>();
        var schedule = new RunConfig.Schedule("cosine", Map.of("t_max", 10.0, "eta_min", 0.001));
        Trainer.train(Network.compile(Graphs.xor(), 1), xor, new RunConfig("adam", 0.1, 11, 4, 1, schedule), () -> false,
                e -> lrs.add(e.learningRate()), 1);
        for (int e = 0; e <= 10; e++) {
            double expected = 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * e / 10)) / 2;
            assertEquals(expected, lrs.get(e), 1e-12, "epoch " + e);
        }
    }

    @Test
    void unknownScheduleIsAConfigProblem() {
        var bad = new RunConfig("adam", 0.1, 1, 4, 1, new RunConfig.Schedule("wobbly", Map.of()));
        assertTrue(bad.problems().getFirst().contains("Unknown schedule 'wobbly'"), bad.problems().toString());
    }

    @Test
    void trainsOnTheTrainingPartAndReportsValidationEachEpoch() {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        var split = dev.netwright.data.Splits.split(blobs, dev.netwright.data.SplitSpec.preset("70/30", 1));
        var g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("h", "Dense", Map.of("units", 16, "activation", "relu")).node("y", "Dense", Map.of("units", 4))
                .node("out", "Output", Map.of("loss", "cross_entropy"))
                .edge("in", "h").edge("h", "y").edge("y", "out").build();
        List<MetricEvent> events = new ArrayList<>();
        RunConfig cfg = new RunConfig("adam", 0.01, 15, 32, 1, null, null, dev.netwright.data.Scaling.STANDARDIZE, null);
        Trainer.Result r = Trainer.train(Network.compile(g, 1), blobs, split, cfg, () -> false, events::add, 1);
        assertEquals(15, events.stream().filter(e -> e.valLoss() != null).count(), "a validation point per epoch");
        assertTrue(r.valAccuracy() > 0.9, "validation accuracy " + r.valAccuracy());
        assertEquals(dev.netwright.data.Scaling.STANDARDIZE, r.normalization().scaling());
        // an epoch sees the training part only: 420 samples in 14 batches of up to 32
        assertEquals(15 * 14, r.steps());
    }

    @Test
    void classLabelsAreOneHotEncodedForOneHotLosses() {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        for (String loss : List.of("cross_entropy_one_hot", "mse")) {
            var g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                    .node("h", "Dense", Map.of("units", 16, "activation", "relu"))
                    .node("y", "Dense", Map.of("units", 4, "activation", loss.equals("mse") ? "softmax" : "identity"))
                    .node("out", "Output", Map.of("loss", loss))
                    .edge("in", "h").edge("h", "y").edge("y", "out").build();
            Network net = Network.compile(g, 1);
            assertEquals(List.of(), Trainer.compatibility(net, blobs), loss);
            Trainer.Result r = Trainer.train(net, blobs, new RunConfig("adam", 0.02, 20, 32, 1), () -> false, e -> { }, 1);
            assertTrue(r.accuracy() > 0.9, loss + ": accuracy " + r.accuracy());
        }
        var t = Trainer.targets(dev.netwright.engine.loss.Loss.CROSS_ENTROPY_ONE_HOT, blobs, new float[]{2, 0}, 2, Shape.of(4));
        assertEquals(List.of(0f, 0f, 1f, 0f, 1f, 0f, 0f, 0f), toList(t.toArray()));
    }

    private static List<Float> toList(float[] a) {
        List<Float> l = new ArrayList<>();
        for (float v : a) l.add(v);
        return l;
    }

    private static dev.netwright.graph.GraphSpec blobsNet() {
        return Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("h", "Dense", Map.of("units", 32, "activation", "relu")).node("y", "Dense", Map.of("units", 4))
                .node("out", "Output", Map.of("loss", "cross_entropy"))
                .edge("in", "h").edge("h", "y").edge("y", "out").build();
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestEpoch() {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        var split = dev.netwright.data.Splits.split(blobs, dev.netwright.data.SplitSpec.preset("70/30", 1));
        RunConfig cfg = new RunConfig("adam", 0.05, 300, 16, 1, null, null, null, null, null,
                new RunConfig.EarlyStopping("val_loss", 5, null, true));
        Network net = Network.compile(blobsNet(), 1);
        List<MetricEvent> events = new ArrayList<>();
        Trainer.Result r = Trainer.train(net, blobs, split, cfg, () -> false, events::add, 1);
        Trainer.EarlyStop stop = r.earlyStop();
        assertTrue(stop != null && stop.stoppedAfter() < 300, "stopped early: " + stop);
        assertEquals(stop.stoppedAfter(), events.size());
        assertEquals(stop.bestEpoch() + 5, stop.stoppedAfter());
        double bestSeen = events.stream().mapToDouble(MetricEvent::valLoss).min().orElseThrow();
        assertEquals(bestSeen, stop.best(), 1e-12);
        // the network now has the best epoch's weights: its validation loss is the best one again
        var val = new dev.netwright.data.BatchLoader(blobs, split.validation(), 256, false, null, null, 0);
        assertEquals(bestSeen, Trainer.evaluate(net, blobs, val, net.loss()).loss(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(Network.compile(blobsNet(), 1), blobs, cfg, () -> false, e -> { }, 1),
                "val_loss needs a validation part");
    }

    @Test
    void l2ShrinksWeightsAndClippingBoundsTheGradientNorm() {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        double[] norms = new double[2];
        for (int k = 0; k < 2; k++) {
            Network net = Network.compile(blobsNet(), 1);
            var reg = k == 0 ? null : new RunConfig.Regularization(null, 0.1, null, null);
            Trainer.train(net, blobs, new RunConfig("adam", 0.01, 20, 32, 1, null, null, null, null, reg, null), () -> false, e -> { }, 1);
            for (Tensor w : Trainer.weights(net)) for (float v : w.toArray()) norms[k] += v * v;
        }
        assertTrue(norms[1] < 0.8 * norms[0], "L2 0.1 shrinks the weights: " + norms[1] + " vs " + norms[0]);

        Network net = Network.compile(blobsNet(), 1);
        var x = Tensor.of(Shape.of(4, 2), 10, -20, 30, 5, -7, 8, 9, 40);
        var t = Tensor.of(Shape.of(4), 0, 1, 2, 3);
        net.loss().compute(net.forward(x), t).mul(1000f).backward();
        Trainer.clip(net, new RunConfig.Regularization(null, null, 1.0, null));
        double ss = 0;
        for (Tensor p : net.parameters().values()) for (float v : p.grad().toArray()) ss += v * v;
        assertEquals(1.0, Math.sqrt(ss), 1e-4, "clipped to norm 1");
        Trainer.clip(net, new RunConfig.Regularization(null, null, null, 0.01));
        for (Tensor p : net.parameters().values()) for (float v : p.grad().toArray()) assertTrue(Math.abs(v) <= 0.01f + 1e-7, "clipped value " + v);
    }

    @Test
    void epochEventsCarryPerLayerDiagnostics() {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        Network net = Network.compile(blobsNet(), 1);
        List<MetricEvent> events = new ArrayList<>();
        double lr = 0.05;
        Trainer.train(net, blobs, new RunConfig("sgd", lr, 3, 32, 1), () -> false, events::add, 1);
        for (MetricEvent e : events) {
            assertEquals(List.copyOf(net.parameters().keySet()), e.layers().stream().map(MetricEvent.LayerStat::name).toList());
            for (MetricEvent.LayerStat l : e.layers()) {
                // plain SGD: the step is lr · gradient, so ||Δw|| = lr · ||g||
                assertEquals(lr * l.gradNorm(), l.updateRatio() * l.weightNorm(), 1e-4 * Math.max(1e-3, lr * l.gradNorm()) + 1e-6, l.name());
                assertTrue(l.gradNorm() > 0, l.name());
            }
        }
    }

    @Test
    void leastSquaresSolvesALinearModelInClosedForm() {
        Dataset lin = BuiltinDatasets.find("linear-regression").orElseThrow();
        var g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("d", "Dense", Map.of("units", 1)).node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "d").edge("d", "out").build();
        Network net = Network.compile(g, 1);
        var split = dev.netwright.data.Splits.split(lin, dev.netwright.data.SplitSpec.preset("70/30", 1));
        List<MetricEvent> events = new ArrayList<>();
        Trainer.Result r = Trainer.train(net, lin, split, new RunConfig("least_squares", 0.01, 50, 32, 1), () -> false, events::add, 1);
        assertEquals(1, events.size(), "one closed-form step");
        // the generator is y = 2·x1 − 3·x2 + 0.5 + N(0, 0.1²): the solution recovers it and the loss is the noise
        float[] w = net.parameters().get("d.weight").toArray();
        assertEquals(2.0, w[0], 0.05);
        assertEquals(-3.0, w[1], 0.05);
        assertEquals(0.5, net.parameters().get("d.bias").toArray()[0], 0.05);
        assertTrue(r.loss() < 0.02 && r.valLoss() < 0.02, "mse " + r.loss() + " / " + r.valLoss());
        // gradient descent cannot beat it on the training part
        Network gd = Network.compile(g, 1);
        Trainer.Result adam = Trainer.train(gd, lin, split, new RunConfig("adam", 0.05, 200, 32, 1), () -> false, e -> { }, 1);
        assertTrue(r.loss() <= adam.loss() + 1e-6, "closed form " + r.loss() + " vs adam " + adam.loss());

        var nonLinear = Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("d", "Dense", Map.of("units", 1, "activation", "tanh")).node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "d").edge("d", "out").build();
        assertEquals("d", LeastSquares.problems(Network.compile(nonLinear, 1)).getFirst().nodeId());
    }

    @Test
    void perceptronRuleSeparatesLinearlySeparableDataButNotXor() {
        // two well separated blobs of the circles/moons kind: the class is x1 + x2 > 0
        int n = 200;
        float[] x = new float[2 * n], y = new float[n];
        var rng = new dev.netwright.engine.Rng(3);
        for (int i = 0; i < n; i++) {
            float a = (float) rng.normal(0, 1), b = (float) rng.normal(0, 1);
            float shift = i % 2 == 0 ? 1.5f : -1.5f;
            x[2 * i] = a + shift;
            x[2 * i + 1] = b + shift;
            y[i] = i % 2 == 0 ? 1 : 0;
        }
        Dataset separable = new Dataset("sep", "sep", "", Task.BINARY, Shape.of(2), 1, List.of("0", "1"), x, y);
        var g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("p", "Perceptron", Map.of("units", 1)).node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "p").edge("p", "out").build();
        Trainer.Result r = Trainer.train(Network.compile(g, 1), separable, new RunConfig("perceptron", 0.1, 30, 1, 1), () -> false, e -> { }, 1);
        assertTrue(r.accuracy() > 0.97, "perceptron accuracy " + r.accuracy());
        Trainer.Result xorRun = Trainer.train(Network.compile(g, 1), xor, new RunConfig("perceptron", 0.1, 50, 1, 1), () -> false, e -> { }, 1);
        assertTrue(xorRun.accuracy() <= 0.75, "a single threshold unit cannot solve XOR: " + xorRun.accuracy());
        var dense = Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("d", "Dense", Map.of("units", 1)).node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "d").edge("d", "out").build();
        assertEquals("d", PerceptronRule.problems(Network.compile(dense, 1), separable).getFirst().nodeId());
    }

    /** Regression: the XOR template (sigmoid + bce) with Adam 0.05 and batch 1 hit a NaN gradient at epoch 5,794 once solved. */
    @Test
    void aSolvedXorKeepsTrainingWithoutDiverging() {
        var template = new dev.netwright.projects.TemplateService().find("xor").orElseThrow();
        Dataset xor = BuiltinDatasets.find("xor").orElseThrow();
        Trainer.Result r = Trainer.train(Network.compile(template.graph(), 1), xor, new RunConfig("adam", 0.05, 7000, 1, 1), () -> false, e -> { }, 1);
        assertEquals(1.0, r.accuracy());
        assertTrue(Double.isFinite(r.loss()) && r.loss() < 1e-3, "loss " + r.loss());
    }
}
