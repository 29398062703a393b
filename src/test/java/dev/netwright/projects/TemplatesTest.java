package dev.netwright.projects;

import dev.netwright.data.BuiltinDatasets;
import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.Network;
import dev.netwright.graph.NodeSpec;
import dev.netwright.training.RunConfig;
import dev.netwright.training.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every template is a valid, readable design that trains on its data set; LeNet-5 has the seed's parameter counts. */
class TemplatesTest {
    private final TemplateService templates = new TemplateService();

    static List<String> ids() {
        return TemplateService.IDS;
    }

    @Test
    void everyTemplateIsListedDescribedAndValid() {
        assertEquals(TemplateService.IDS, templates.list().stream().map(Template::id).toList());
        assertTrue(TemplateService.IDS.containsAll(List.of("xor", "mlp-28", "lenet-5", "vgg-bn", "resnet-mini", "rnn-sequence",
                "lstm-sequence", "autoencoder-28", "selu-mlp")));
        for (Template t : templates.list()) {
            assertFalse(t.description() == null || t.description().isBlank(), t.id());
            assertTrue(t.learningRate() > 0 && t.epochs() > 0 && t.batchSize() > 0, t.id());
            GraphAnalysis a = GraphAnalyzer.analyze(t.graph());
            assertTrue(a.isValid(), t.id() + ": " + a.problems());
            assertTrue(a.problems().isEmpty(), t.id() + ": " + a.problems());
            assertTrue(t.datasetId() != null, t.id() + " names no data set to train on");
            if (!t.datasetId().equals("fashion-mnist")) {
                assertTrue(BuiltinDatasets.find(t.datasetId()).isPresent(), t.id() + ": no built-in data set " + t.datasetId());
            }
        }
    }

    /** No two nodes closer than 100 px, so no box hides another on the canvas. */
    @Test
    void nodesDoNotOverlap() {
        for (Template t : templates.list()) {
            List<NodeSpec> nodes = t.graph().nodes();
            for (int i = 0; i < nodes.size(); i++) {
                for (int j = i + 1; j < nodes.size(); j++) {
                    NodeSpec.Position p = nodes.get(i).position(), q = nodes.get(j).position();
                    assertTrue(Math.hypot(p.x() - q.x(), p.y() - q.y()) >= 100,
                            t.id() + ": " + nodes.get(i).id() + " and " + nodes.get(j).id() + " overlap");
                }
            }
        }
    }

    /**
     * Seeds AR6 (001 §4.5 eq 4.39–4.41): g = wᵀ max(0, Wx + b) with W = [[1,1],[1,1]], b = (0, −1), w = (1, −2) is
     * exactly XOR, so its loss is 0 and training leaves the weights where they are.
     */
    @Test
    void theSeedsXorWeightsSolveXorExactly() {
        Template t = templates.find("xor-seed").orElseThrow();
        assertTrue(templates.find("xor").orElseThrow().initialWeights().isEmpty());
        Network net = Network.compile(t.graph(), 3);
        t.initialWeights().orElseThrow().loadInto(net);
        Dataset xor = BuiltinDatasets.find("xor").orElseThrow();
        float[] g = net.forward(dev.netwright.engine.Tensor.of(Shape.of(4, 2), xor.features())).toArray();
        assertArrayEquals(xor.targets(), g, 0f);
        Map<String, float[]> before = weights(net);
        Trainer.Result r = Trainer.train(net, xor, new RunConfig(t.optimizer(), t.learningRate(), t.epochs(), t.batchSize(), 1),
                () -> false, e -> { }, 0);
        assertEquals(0.0, r.loss(), 0.0);
        assertEquals(1.0, r.accuracy(), 0.0);
        Map<String, float[]> after = weights(net);
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), 0f, k));
    }

    /** 001 §6.9 / seeds AR10: C1 156, C3 2,416, C5 48,120, F6 10,164, output 850. */
    @Test
    void leNet5HasTheSeedsParameterCounts() {
        GraphAnalysis a = GraphAnalyzer.analyze(templates.find("lenet-5").orElseThrow().graph());
        assertEquals(List.of(156L, 2_416L, 48_120L, 10_164L, 850L),
                List.of("c1", "c3", "f5", "f6", "logits").stream().map(a.parameterCounts()::get).toList());
        assertEquals(Shape.of(10), a.nodeShapes().get("output"));
        assertEquals(61_706L, a.totalParameters());
    }

    /** One optimizer step with the template's own settings on (at most) 16 samples of its data set changes the weights. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void trainsOneStep(String id) {
        Template t = templates.find(id).orElseThrow();
        Dataset data = first(dataFor(t), 16);
        Network net = Network.compile(t.graph(), 1);
        assertEquals(List.of(), Trainer.compatibility(net, data));
        Map<String, float[]> before = weights(net);
        Trainer.Result r = Trainer.train(net, data, new RunConfig(t.optimizer(), t.learningRate(), 1, data.size(), 1), () -> false, e -> { }, 0);
        assertEquals(1, r.steps());
        assertTrue(Double.isFinite(r.loss()), id + ": loss " + r.loss());
        Map<String, float[]> after = weights(net);
        assertTrue(before.keySet().stream().anyMatch(k -> !Arrays.equals(before.get(k), after.get(k))), id + ": no weight changed");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> templatesAndOptimizers() {
        return TemplateService.IDS.stream().flatMap(id -> dev.netwright.engine.optim.Optimizers.NAMES.stream()
                .map(o -> org.junit.jupiter.params.provider.Arguments.of(id, o)));
    }

    /** Every template trains with every optimizer: two steps on 16 samples give finite losses and new weights. */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("templatesAndOptimizers")
    void trainsWithEveryOptimizer(String id, String optimizer) {
        Template t = templates.find(id).orElseThrow();
        Dataset data = first(dataFor(t), 16);
        Network net = Network.compile(t.graph(), 1);
        Map<String, float[]> before = weights(net);
        Trainer.Result r = Trainer.train(net, data, new RunConfig(optimizer, t.learningRate(), 2, 8, 1), () -> false, e -> { }, 0);
        assertEquals(2 * ((data.size() + 7) / 8), r.steps());
        assertTrue(Double.isFinite(r.loss()), id + " with " + optimizer + ": loss " + r.loss());
        Map<String, float[]> after = weights(net);
        assertTrue(before.keySet().stream().anyMatch(k -> !Arrays.equals(before.get(k), after.get(k))), id + " with " + optimizer + ": no weight changed");
    }

    /**
     * The template's built-in data set; for "fashion-mnist" (imported, not built in) a stand-in of its shape: the
     * shapes-28 images with 10 labels.
     */
    private static Dataset dataFor(Template t) {
        if (t.datasetId() != null && BuiltinDatasets.find(t.datasetId()).isPresent()) return BuiltinDatasets.find(t.datasetId()).get();
        Dataset shapes = BuiltinDatasets.find("shapes-28").orElseThrow();
        if ("fashion-mnist".equals(t.datasetId())) {
            float[] labels = new float[shapes.size()];
            for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
            List<String> names = IntStream.range(0, 10).mapToObj(String::valueOf).toList();
            return new Dataset("fashion-like", "10 classes", "stand-in", Task.MULTICLASS, shapes.featureShape(), 1, names,
                    shapes.features(), labels);
        }
        throw new AssertionError(t.id() + ": no data set to train on (" + t.datasetId() + ")");
    }

    private static Dataset first(Dataset d, int most) {
        int n = Math.min(most, d.size());
        int[] idx = IntStream.range(0, n).toArray();
        return new Dataset(d.id(), d.name(), d.description(), d.task(), d.featureShape(), d.targetSize(), d.classNames(),
                d.gatherFeatures(idx, 0, n), d.gatherTargets(idx, 0, n));
    }

    private static Map<String, float[]> weights(Network net) {
        Map<String, float[]> w = new java.util.LinkedHashMap<>();
        net.parameters().forEach((k, v) -> w.put(k, v.toArray()));
        assertFalse(w.isEmpty());
        return w;
    }
}
