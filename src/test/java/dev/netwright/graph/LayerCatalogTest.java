package dev.netwright.graph;

import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.autograd.NoGrad;
import dev.netwright.engine.loss.Loss;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.LayerType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.netwright.graph.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every palette type: docs present, shape rule = engine module, parameter count = engine parameters, trainable. */
class LayerCatalogTest {
    static final Set<String> CATEGORIES = Set.of("Core", "Convolution", "Pooling", "Normalization", "Regularization", "Recurrent",
            "Merge", "Activations");

    static Stream<Named<LayerType>> layers() {
        return LayerCatalog.all().stream().filter(t -> !t.type().equals("Input")).map(t -> Named.of(t.type(), t));
    }

    /** Types that sit between an Input and the Output. */
    static Stream<Named<LayerType>> innerLayers() {
        return layers().filter(t -> !t.getPayload().type().equals("Output"));
    }

    @Test
    void catalogHasTheLayerList() {
        List<String> types = LayerCatalog.all().stream().map(LayerType::type).toList();
        assertTrue(types.containsAll(List.of("Input", "Dense", "Perceptron", "Flatten", "Reshape", "Embedding", "Output",
                "Conv1D", "Conv2D", "ConvTranspose2D", "MaxPool1D", "MaxPool2D", "AvgPool1D", "AvgPool2D", "GlobalAvgPool2D",
                "GlobalMaxPool2D", "BatchNorm", "LayerNorm", "WeightNormDense", "Dropout", "AlphaDropout", "GaussianNoise",
                "SimpleRNN", "LSTM", "GRU", "Concat", "Add", "Multiply", "PReLU", "ReLU", "Tanh", "Softmax")), types.toString());
        for (LayerType t : LayerCatalog.all()) assertTrue(CATEGORIES.contains(t.category()), t.type() + ": " + t.category());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void docsAndExampleFitTheShapeRule(LayerType t) {
        LayerType.Doc d = t.doc();
        assertFalse(d.formula().isBlank() || d.shapeRule().isBlank() || d.parameterRule().isBlank(), t.type() + ": " + d);
        assertEquals(t.inputs().size(), d.exampleInputs().size(), t.type() + ": one example shape per default port");
        LayerSpec spec = t.parse(Map.of());
        spec.outputShape(d.exampleInputs());
        assertTrue(spec.parameterCount(d.exampleInputs()) >= 0);
    }

    /** The documented example compiles; the module has the parameters the shape rule counts; forward + backward run. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("innerLayers")
    void exampleCompilesTrainsAndAgreesWithTheShapeRule(LayerType t) {
        Network net = Network.compile(LayerNets.example(t), 3);
        Network.Step step = net.steps().stream().filter(s -> s.nodeId().equals("layer")).findFirst().orElseThrow();
        long counted = net.analysis().parameterCounts().get("layer");
        assertEquals(counted, step.module().parameterCount(), t.type() + ": parameterCount vs engine module");

        Tensor x = LayerNets.batchFor(net, 4, 1);
        net.train(true);
        Tensor y = net.forward(x);
        assertEquals(batched(4, net.outputShape()), y.shape(), t.type() + " training forward");
        Tensor target = LayerNets.batch(4, net.outputShape(), 0, 2);
        Tensor loss = Loss.MSE.compute(y, target);
        if (loss.requiresGrad()) loss.backward();   // parameter-free examples have nothing to train
        if (counted > 0 && !t.type().equals("Perceptron")) {
            boolean moved = step.module().parameters().values().stream()
                    .anyMatch(p -> p.grad() != null && Arrays.stream(toDouble(p.grad().toArray())).anyMatch(g -> g != 0));
            assertTrue(moved, t.type() + ": some parameter gets a gradient");
        }
        net.train(false);
        try (var ignored = NoGrad.enter()) {
            assertEquals(batched(4, net.outputShape()), net.forward(x).shape(), t.type() + " inference forward");
        }
    }

    static Shape batched(int n, Shape s) {
        int[] d = new int[s.rank() + 1];
        d[0] = n;
        System.arraycopy(s.toArray(), 0, d, 1, s.rank());
        return Shape.of(d);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** 001 §6.9 / seeds AR10: C1 156, C3 2,416, C5 48,120, F6 10,164, output 850. */
    @Test
    void leNet5HasTheSeedsParameterCounts() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(1, 32, 32)))
                .node("c1", "Conv2D", Map.of("filters", 6, "kernel", List.of(5, 5), "activation", "tanh"))
                .node("s2", "AvgPool2D", Map.of("kernel", List.of(2, 2), "stride", List.of(2, 2)))
                .node("c3", "Conv2D", Map.of("filters", 16, "kernel", 5, "activation", "tanh"))
                .node("s4", "AvgPool2D", Map.of())
                .node("c5", "Conv2D", Map.of("filters", 120, "kernel", "5x5", "activation", "tanh"))
                .node("flat", "Flatten", Map.of())
                .node("f6", "Dense", Map.of("units", 84, "activation", "tanh"))
                .node("f7", "Dense", Map.of("units", 10))
                .node("out", "Output", Map.of("loss", "cross_entropy"))
                .edge("in", "c1").edge("c1", "s2").edge("s2", "c3").edge("c3", "s4").edge("s4", "c5").edge("c5", "flat")
                .edge("flat", "f6").edge("f6", "f7").edge("f7", "out").build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.of(6, 28, 28), a.nodeShapes().get("c1"));
        assertEquals(Shape.of(6, 14, 14), a.nodeShapes().get("s2"));
        assertEquals(Shape.of(16, 10, 10), a.nodeShapes().get("c3"));
        assertEquals(Shape.of(16, 5, 5), a.nodeShapes().get("s4"));
        assertEquals(Shape.of(120, 1, 1), a.nodeShapes().get("c5"));
        assertEquals(Shape.of(10), a.nodeShapes().get("out"));
        assertEquals(156L, a.parameterCounts().get("c1"));
        assertEquals(2_416L, a.parameterCounts().get("c3"));
        assertEquals(48_120L, a.parameterCounts().get("c5"));
        assertEquals(10_164L, a.parameterCounts().get("f6"));
        assertEquals(850L, a.parameterCounts().get("f7"));
        assertEquals(61_706L, a.totalParameters());

        Network net = Network.compile(g, 5);
        assertEquals(61_706, net.parameters().values().stream().mapToInt(p -> p.shape().size()).sum());
        try (var ignored = NoGrad.enter()) {
            assertEquals(Shape.of(2, 10), net.forward(LayerNets.batch(2, Shape.of(1, 32, 32), 0, 1)).shape());
        }
    }

    @Test
    void shapeMessagesSayWhatToAdd() {
        var conv = LayerCatalog.find("Conv2D").orElseThrow().parse(Map.of());
        var e = assertThrows(IllegalArgumentException.class, () -> conv.outputShape(List.of(Shape.of(784))));
        assertEquals("Conv2D expects [channels, height, width], got [784]; add a Reshape before it", e.getMessage());
        var lstm = LayerCatalog.find("LSTM").orElseThrow().parse(Map.of());
        e = assertThrows(IllegalArgumentException.class, () -> lstm.outputShape(List.of(Shape.of(20))));
        assertTrue(e.getMessage().contains("[time steps, features]") && e.getMessage().contains("[20, 1]"), e.getMessage());
        var pool = LayerCatalog.find("MaxPool2D").orElseThrow().parse(Map.of("kernel", 5));
        e = assertThrows(IllegalArgumentException.class, () -> pool.outputShape(List.of(Shape.of(3, 4, 8))));
        assertTrue(e.getMessage().contains("height 4") && e.getMessage().contains("[3, 4, 8]"), e.getMessage());
        var reshape = LayerCatalog.find("Reshape").orElseThrow().parse(Map.of("shape", List.of(3, -1)));
        e = assertThrows(IllegalArgumentException.class, () -> reshape.outputShape(List.of(Shape.of(10))));
        assertTrue(e.getMessage().contains("[10]") && e.getMessage().contains("[3, -1]"), e.getMessage());
        assertEquals(Shape.of(1, 28, 28), LayerCatalog.find("Reshape").orElseThrow().parse(Map.of("shape", List.of(1, -1, 28)))
                .outputShape(List.of(Shape.of(784))));
    }

    static Stream<Object[]> badParams() {
        return Stream.of(
                new Object[]{"Conv2D", Map.of("filters", 0), "filters", "0"},
                new Object[]{"Conv2D", Map.of("kernel", List.of(3, 3, 3)), "kernel", "[3, 3, 3]"},
                new Object[]{"Conv2D", Map.of("padding", "full"), "padding", "full"},
                new Object[]{"Conv2D", Map.of("filters", 6, "groups", 4), "groups", "4"},
                new Object[]{"Conv1D", Map.of("stride", 0), "stride", "0"},
                new Object[]{"ConvTranspose2D", Map.of("output_padding", 2), "output_padding", "[2, 2]"},
                new Object[]{"MaxPool2D", Map.of("kernel", 2, "padding", 2), "padding", "[2, 2]"},
                new Object[]{"Reshape", Map.of("shape", List.of(-1, 4, -1)), "shape", "[-1, 4, -1]"},
                new Object[]{"Reshape", Map.of("shape", List.of(0, 4)), "shape", "[0, 4]"},
                new Object[]{"Concat", Map.of("inputs", 9), "inputs", "9"},
                new Object[]{"Add", Map.of("inputs", 1), "inputs", "1"},
                new Object[]{"BatchNorm", Map.of("momentum", 1.5), "momentum", "1.5"},
                new Object[]{"LayerNorm", Map.of("axes", 0), "axes", "0"},
                new Object[]{"Embedding", Map.of("vocabulary", 0), "vocabulary", "0"},
                new Object[]{"LSTM", Map.of("units", -2), "units", "-2"},
                new Object[]{"AlphaDropout", Map.of("rate", 1.0), "rate", "1.0"},
                new Object[]{"GaussianNoise", Map.of("stddev", -1), "stddev", "-1"},
                new Object[]{"Perceptron", Map.of("units", 0), "units", "0"});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badParams")
    void badParametersNameParameterAndValue(String type, Map<String, Object> params, String name, String value) {
        var e = assertThrows(IllegalArgumentException.class, () -> LayerCatalog.find(type).orElseThrow().parse(params));
        assertTrue(e.getMessage().contains(type) && e.getMessage().contains(name) && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void mergePortsFollowTheInputsParameter() {
        LayerType concat = LayerCatalog.find("Concat").orElseThrow();
        assertEquals(List.of("in0", "in1"), concat.inputs());
        assertEquals(List.of("in0", "in1"), concat.inputs(Map.of()));
        assertEquals(List.of("in0", "in1", "in2"), concat.inputs(Map.of("inputs", 3)));
        assertEquals(List.of("in0", "in1", "in2", "in3"), concat.inputs(Map.of("inputs", "4")));
        assertEquals(List.of("in0", "in1"), concat.inputs(Map.of("inputs", 99)), "an invalid count keeps the default ports");
        assertEquals(List.of("in"), LayerCatalog.find("Dense").orElseThrow().inputs(Map.of("units", 3)));
        assertEquals(List.of(), LayerCatalog.find("Input").orElseThrow().inputs(Map.of()));
    }

    /** "same" keeps ceil(size / stride) positions for odd and even kernels; the engine module agrees. */
    @ParameterizedTest(name = "kernel {0} stride {1}")
    @MethodSource("sameCases")
    void samePadding(int kernel, int stride, int dilation) {
        Shape in = Shape.of(2, 7, 6);
        GraphSpec g = LayerNets.around("Conv2D", Map.of("filters", 3, "kernel", kernel, "stride", stride, "dilation", dilation, "padding", "same"),
                List.of(in));
        Network net = Network.compile(g, 1);
        Shape expected = Shape.of(3, Math.ceilDiv(7, stride), Math.ceilDiv(6, stride));
        assertEquals(expected, net.outputShape());
        try (var ignored = NoGrad.enter()) {
            assertEquals(batched(2, expected), net.forward(LayerNets.batch(2, in, 0, 3)).shape());
        }
        GraphSpec g1 = LayerNets.around("Conv1D", Map.of("filters", 3, "kernel", kernel, "stride", stride, "dilation", dilation, "padding", "same"),
                List.of(Shape.of(2, 7)));
        Network n1 = Network.compile(g1, 1);
        assertEquals(Shape.of(3, Math.ceilDiv(7, stride)), n1.outputShape());
        try (var ignored = NoGrad.enter()) {
            assertEquals(batched(2, n1.outputShape()), n1.forward(LayerNets.batch(2, Shape.of(2, 7), 0, 3)).shape());
        }
    }

    static Stream<Object[]> sameCases() {
        return Stream.of(new Object[]{3, 1, 1}, new Object[]{4, 1, 1}, new Object[]{4, 2, 1}, new Object[]{5, 3, 1}, new Object[]{2, 1, 2},
                new Object[]{1, 2, 1});
    }

    /**
     * Sequences are batch-first for the user: a sample's output ignores the other samples, and with return_sequences
     * step t ignores later steps.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recurrentTypes")
    void recurrentLayersAreBatchFirstAndCausal(String type) {
        Shape in = Shape.of(5, 3);
        Network net = Network.compile(LayerNets.around(type, Map.of("units", 4, "return_sequences", true), List.of(in)), 2);
        Tensor x = LayerNets.batch(2, in, 0, 1);
        float[] v = x.toArray();
        v[v.length - 1] += 1f;          // the last step of sample 1
        Tensor x2 = Tensor.of(x.shape(), v);
        float[] y, y2;
        try (var ignored = NoGrad.enter()) {
            y = net.forward(x).toArray();
            y2 = net.forward(x2).toArray();
        }
        assertEquals(2 * 5 * 4, y.length);
        assertArrayEquals(Arrays.copyOf(y, 20), Arrays.copyOf(y2, 20), "sample 0 is independent of sample 1");
        assertArrayEquals(Arrays.copyOfRange(y, 20, 36), Arrays.copyOfRange(y2, 20, 36), "steps 0..3 of sample 1 ignore step 4");
        assertNotEquals(y[39], y2[39], "the last step sees its input");

        Network last = Network.compile(LayerNets.around(type, Map.of("units", 4), List.of(in)), 2);
        float[] h;
        try (var ignored = NoGrad.enter()) {
            h = last.forward(x).toArray();
        }
        assertArrayEquals(Arrays.copyOfRange(y, 16, 20), Arrays.copyOf(h, 4), "the last state is the last step of the sequence");
    }

    static Stream<String> recurrentTypes() {
        return Stream.of("SimpleRNN", "LSTM", "GRU");
    }
}
