package dev.netwright.training;

import dev.netwright.data.Augmentation;
import dev.netwright.data.BuiltinDatasets;
import dev.netwright.data.Dataset;
import dev.netwright.data.Scaling;
import dev.netwright.data.Split;
import dev.netwright.data.SplitSpec;
import dev.netwright.data.Splits;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.Graphs;
import dev.netwright.graph.Network;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training resumed from a checkpoint ends with the same weights, bit for bit, as training that never stopped. */
class CheckpointTest {
    /** Dropout, Gaussian noise, weight noise, per-layer L1, Adam, a plateau schedule and early stopping: every piece of state. */
    private static GraphSpec noisyNet() {
        return Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("h", "Dense", Map.of("units", 24, "activation", "relu"))
                .node("d", "Dropout", Map.of("rate", 0.3))
                .node("n", "GaussianNoise", Map.of("stddev", 0.1))
                .node("y", "Dense", Map.of("units", 4))
                .node("out", "Output", Map.of("loss", "cross_entropy"))
                .edge("in", "h").edge("h", "d").edge("d", "n").edge("n", "y").edge("y", "out").build();
    }

    private static RunConfig noisyConfig(Integer checkpointEvery) {
        var reg = new RunConfig.Regularization(null, 1e-3, 5.0, null, 0.01, false, Map.of("h", new RunConfig.Penalty(1e-4, null)));
        return new RunConfig("adam", 0.02, 8, 16, 7, new RunConfig.Schedule("plateau", Map.of("patience", 1.0, "factor", 0.5)),
                null, Scaling.STANDARDIZE, null, reg, new RunConfig.EarlyStopping("val_loss", 100, null, true), null,
                Map.of("beta1", 0.8), checkpointEvery, 5, null);
    }

    private static Map<String, float[]> weights(Network net) {
        Map<String, float[]> w = new java.util.TreeMap<>();
        net.parameters().forEach((k, t) -> w.put(k, t.toArray()));
        return w;
    }

    private static void assertSameWeights(Map<String, float[]> a, Map<String, float[]> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k + " differs"));
    }

    private static Checkpoint roundTrip(Checkpoint c) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.write(out);
            Checkpoint back = Checkpoint.read(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(c.info(), Checkpoint.readInfo(new ByteArrayInputStream(out.toByteArray())));
            return back;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void resumingAfterAStopMidEpochEqualsNeverStopping() {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        Split split = Splits.split(blobs, SplitSpec.preset("70/30", 1));
        List<MetricEvent> straightEvents = new ArrayList<>();
        Network straight = Network.compile(noisyNet(), 7);
        Trainer.train(straight, blobs, split, noisyConfig(null), Trainer.Options.of(() -> false, straightEvents::add, 1));

        // stop after 100 steps (inside epoch 5 of 8: 210 samples / 16 = 14 steps per epoch), keep the checkpoint made at the stop
        Network first = Network.compile(noisyNet(), 7);
        List<Checkpoint> saved = new ArrayList<>();
        long[] steps = {0};
        List<MetricEvent> firstEvents = new ArrayList<>();
        Trainer.train(first, blobs, split, noisyConfig(null), new Trainer.Options(() -> steps[0] >= 100, e -> {
            firstEvents.add(e);
            steps[0] = e.step();
        }, 1, saved::add, null));
        assertEquals(1, saved.size(), "one checkpoint, at the stop");
        Checkpoint c = roundTrip(saved.getFirst());
        assertTrue(c.batchInEpoch() > 0, "stopped inside an epoch: " + c.info());

        // a network compiled with another seed: everything must come from the checkpoint
        Network resumed = Network.compile(noisyNet(), 99);
        List<MetricEvent> resumedEvents = new ArrayList<>();
        Trainer.Result r = Trainer.train(resumed, blobs, split, noisyConfig(null), new Trainer.Options(() -> false, resumedEvents::add, 1, null, c));
        assertSameWeights(weights(straight), weights(resumed));
        assertEquals(straightEvents.getLast().loss(), r.loss());
        assertEquals(straightEvents.getLast().step(), r.steps());
        // the epochs after the stop report what the uninterrupted run reported
        List<Double> straightLosses = straightEvents.stream().filter(e -> e.valLoss() != null).map(MetricEvent::loss).toList();
        List<Double> resumedLosses = resumedEvents.stream().filter(e -> e.valLoss() != null).map(MetricEvent::loss).toList();
        assertEquals(straightLosses.subList(straightLosses.size() - resumedLosses.size(), straightLosses.size()), resumedLosses);
        // diagnostics every 5 steps arrive inside epochs too, with activation statistics of every node
        MetricEvent diag = straightEvents.stream().filter(e -> e.valLoss() == null && e.activations() != null).findFirst().orElseThrow();
        assertEquals(List.of("h", "d", "n", "y", "out"), diag.activations().stream().map(MetricEvent.ActivationStat::node).toList());
        MetricEvent.ActivationStat h = diag.activations().getFirst();
        assertEquals(16 * 24, Arrays.stream(h.counts()).sum(), "histogram counts every value of the batch");
        assertTrue(h.zeroFraction() > 0 && h.min() == 0 && h.max() > 0, "ReLU outputs: " + h);
        MetricEvent.ActivationStat d = diag.activations().get(1);
        assertTrue(d.zeroFraction() > h.zeroFraction(), "dropout adds zeros: " + d.zeroFraction() + " vs " + h.zeroFraction());
    }

    @Test
    void resumingFromAnEpochCheckpointEqualsNeverStopping() {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        Split split = Splits.split(blobs, SplitSpec.preset("70/30", 1));
        Network straight = Network.compile(noisyNet(), 7);
        List<Checkpoint> saved = new ArrayList<>();
        Trainer.train(straight, blobs, split, noisyConfig(3), new Trainer.Options(() -> false, e -> { }, 1, saved::add, null));
        assertEquals(List.of(4, 7), saved.stream().map(Checkpoint::epoch).toList(), "after epochs 3 and 6 of 8");
        for (Checkpoint c : saved) {
            assertEquals(0, c.batchInEpoch());
            Network resumed = Network.compile(noisyNet(), 3);
            Trainer.train(resumed, blobs, split, noisyConfig(3), new Trainer.Options(() -> false, e -> { }, 1, null, roundTrip(c)));
            assertSameWeights(weights(straight), weights(resumed));
        }
    }

    @Test
    void aStopBetweenTwoEpochsResumesExactly() {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        Split split = Splits.split(blobs, SplitSpec.preset("70/30", 1));
        Network straight = Network.compile(noisyNet(), 7);
        Trainer.train(straight, blobs, split, noisyConfig(null), Trainer.Options.of(() -> false, e -> { }, 1));
        // cancelled as soon as epoch 3 has ended: the checkpoint is taken before epoch 4 shuffles
        int[] epochsDone = {0};
        List<Checkpoint> saved = new ArrayList<>();
        Trainer.train(Network.compile(noisyNet(), 7), blobs, split, noisyConfig(null), new Trainer.Options(() -> epochsDone[0] >= 3, e -> {
            if (e.valLoss() != null) epochsDone[0]++;
        }, 1, saved::add, null));
        assertEquals(4, saved.getFirst().epoch());
        assertEquals(0, saved.getFirst().batchInEpoch());
        Network resumed = Network.compile(noisyNet(), 11);
        Trainer.train(resumed, blobs, split, noisyConfig(null), new Trainer.Options(() -> false, e -> { }, 1, null, roundTrip(saved.getFirst())));
        assertSameWeights(weights(straight), weights(resumed));
    }

    @Test
    void augmentedImageTrainingResumesExactly() {
        Dataset shapes = BuiltinDatasets.find("shapes-28").orElseThrow();
        Split split = Splits.split(shapes, SplitSpec.preset("70/30", 1));
        GraphSpec g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(1, 28, 28)))
                .node("f", "Flatten", Map.of()).node("h", "Dense", Map.of("units", 16, "activation", "tanh"))
                .node("y", "Dense", Map.of("units", 3)).node("out", "Output", Map.of("loss", "cross_entropy"))
                .edge("in", "f").edge("f", "h").edge("h", "y").edge("y", "out").build();
        var aug = new Augmentation(true, 2, 10, 0.05);
        RunConfig cfg = new RunConfig("momentum", 0.01, 2, 32, 5, null, null, Scaling.MIN_MAX, aug);
        Network straight = Network.compile(g, 5);
        Trainer.train(straight, shapes, split, cfg, Trainer.Options.of(() -> false, e -> { }, 1));
        Network first = Network.compile(g, 5);
        List<Checkpoint> saved = new ArrayList<>();
        long[] calls = {0};
        Trainer.train(first, shapes, split, cfg, new Trainer.Options(() -> ++calls[0] > 20, e -> { }, 1, saved::add, null));
        Network resumed = Network.compile(g, 5);
        Trainer.train(resumed, shapes, split, cfg, new Trainer.Options(() -> false, e -> { }, 1, null, roundTrip(saved.getFirst())));
        assertSameWeights(weights(straight), weights(resumed));
    }

    @Test
    void aDivergingRunKeepsItsLastGoodCheckpoint() {
        Dataset sine = BuiltinDatasets.find("sine").orElseThrow();
        GraphSpec g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(1)))
                .node("h", "Dense", Map.of("units", 16, "activation", "relu")).node("y", "Dense", Map.of("units", 1))
                .node("out", "Output", Map.of("loss", "mse")).edge("in", "h").edge("h", "y").edge("y", "out").build();
        List<Checkpoint> saved = new ArrayList<>();
        // the learning rate grows 10x per epoch: the run diverges after a few good epochs
        RunConfig cfg = new RunConfig("sgd", 1e-3, 50, 16, 1, new RunConfig.Schedule("exponential", Map.of("gamma", 10.0)))
                .with(null, 1, null, null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> Trainer.train(Network.compile(g, 1), sine,
                Splits.split(sine, SplitSpec.preset("70/30", 1)), cfg, new Trainer.Options(() -> false, ev -> { }, 1, saved::add, null)));
        assertTrue(e.getMessage().contains("step " + e.step()), e.getMessage());
        assertTrue(saved.size() >= 2, "some good epochs were checkpointed: " + saved.size());
        Checkpoint last = saved.getLast();
        for (float[] v : last.parameters().values()) for (float f : v) assertTrue(Float.isFinite(f));
        assertTrue(last.step() < e.step(), "the checkpoint is from before the divergence");
        assertNotNull(last.last());
    }

    @Test
    void truncatedOrForeignCheckpointsAreRefused() throws IOException {
        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        List<Checkpoint> saved = new ArrayList<>();
        int[] n = {0};
        Trainer.train(Network.compile(noisyNet(), 7), blobs, Splits.split(blobs, SplitSpec.preset("70/30", 1)), noisyConfig(null),
                new Trainer.Options(() -> ++n[0] > 3, e -> { }, 1, saved::add, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        saved.getFirst().write(out);
        byte[] bytes = out.toByteArray();
        assertThrows(IOException.class, () -> Checkpoint.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 10))));
        assertThrows(IOException.class, () -> Checkpoint.read(new ByteArrayInputStream("PK\u0003\u0004 not a checkpoint".getBytes())));
        // a checkpoint of another graph does not load into this one
        GraphSpec other = Graphs.graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("y", "Dense", Map.of("units", 4)).node("out", "Output", Map.of("loss", "cross_entropy"))
                .edge("in", "y").edge("y", "out").build();
        var ex = assertThrows(IllegalArgumentException.class, () -> Trainer.train(Network.compile(other, 1), blobs,
                Splits.split(blobs, SplitSpec.preset("70/30", 1)), new RunConfig("adam", 0.01, 2, 16, 7),
                new Trainer.Options(() -> false, e -> { }, 1, null, saved.getFirst())));
        assertTrue(ex.getMessage().contains("h.weight") || ex.getMessage().contains("y.weight"), ex.getMessage());
    }
}
