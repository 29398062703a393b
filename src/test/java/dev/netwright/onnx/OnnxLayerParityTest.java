package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.Graphs;
import dev.netwright.graph.LayerNets;
import dev.netwright.graph.Network;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.netwright.onnx.OnnxParityTest.assertParity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every layer of the catalog: export → ONNX Runtime → compare with the engine's inference forward (1e-5 absolute +
 * 1e-4 relative), with random weights and, where the layer has parameters, a few Adam steps first (which also moves
 * BatchNorm's running statistics).
 */
class OnnxLayerParityTest {

    /** Random weights, then 3 training steps on random targets when there is anything to train; evaluation mode after. */
    static Network prepared(GraphSpec spec, long seed) {
        Network net = Network.compile(spec, seed);
        LayerNets.randomize(net, 0.5f, seed + 1);
        if (!net.parameters().isEmpty()) {
            Tensor x = LayerNets.batchFor(net, 6, seed + 2);
            TestNets.train(net, x, LayerNets.batch(6, net.outputShape(), 0, seed + 3), 3, 0.01);
        }
        net.train(false);
        return net;
    }

    static OnnxMl.ModelProto check(GraphSpec spec, String what) throws Exception {
        Network net = prepared(spec, 17);
        return assertParity(net, LayerNets.batchFor(net, 5, 99), what);
    }

    static List<String> ops(OnnxMl.ModelProto m) {
        return m.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).filter(op -> !op.equals("Constant")).toList();
    }

    static Stream<Named<LayerType>> catalog() {
        return LayerCatalog.all().stream().filter(t -> !t.type().equals("Input") && !t.type().equals("Output")).map(t -> Named.of(t.type(), t));
    }

    /** Each palette type with its default parameters, fed the example input its docs show. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everyCatalogLayerMatches(LayerType t) throws Exception {
        OnnxMl.ModelProto m = check(LayerNets.example(t), t.type());
        // the layer's ops as the docs list them, then the Output's Identity
        List<String> expected = new java.util.ArrayList<>(OnnxMapping.opsFor(t.parse(Map.of()), t.doc().exampleInputs()));
        List<String> actual = ops(m);
        assertEquals(expected, actual.subList(actual.size() - expected.size() - 1, actual.size() - 1), t.type());
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                v("Conv2D", Map.of("filters", 4, "kernel", 4, "stride", 2, "padding", "same", "groups", 2), s(4, 9, 8)),
                v("Conv2D", Map.of("filters", 3, "kernel", List.of(3, 2), "stride", List.of(1, 2), "padding", 2, "dilation", 2,
                        "bias", false, "activation", "relu"), s(2, 8, 9)),
                v("Conv2D", Map.of("filters", 2, "kernel", 2, "padding", "same", "dilation", List.of(1, 2), "activation", "tanh"), s(3, 5, 6)),
                v("Conv1D", Map.of("filters", 4, "kernel", 4, "padding", "same"), s(3, 10)),
                v("Conv1D", Map.of("filters", 4, "kernel", 3, "stride", 2, "padding", 1, "dilation", 2, "groups", 2, "activation", "elu"), s(4, 11)),
                v("ConvTranspose2D", Map.of("filters", 3, "kernel", 3, "stride", 2, "padding", 1, "output_padding", 1), s(3, 5, 4)),
                v("ConvTranspose2D", Map.of("filters", 2, "kernel", List.of(2, 3), "stride", List.of(1, 2), "bias", false,
                        "activation", "sigmoid"), s(4, 3, 3)),
                v("MaxPool2D", Map.of("kernel", 3, "stride", 2, "padding", 1), s(2, 7, 6)),
                v("MaxPool1D", Map.of("kernel", 3, "stride", 1, "padding", 1), s(3, 8)),
                v("AvgPool2D", Map.of("kernel", 3, "stride", List.of(2, 1), "padding", 1), s(2, 7, 6)),
                v("AvgPool1D", Map.of("kernel", 3, "stride", 2, "padding", 1), s(3, 9)),
                v("GlobalAvgPool2D", Map.of(), s(3, 5, 4)),
                v("GlobalMaxPool2D", Map.of(), s(3, 5, 4)),
                v("BatchNorm", Map.of(), s(5)),
                v("BatchNorm", Map.of("momentum", 0.5, "eps", 1e-3), s(3, 4, 4)),
                v("BatchNorm", Map.of(), s(3, 6)),
                v("LayerNorm", Map.of("axes", 2), s(3, 4, 5)),
                v("LayerNorm", Map.of("eps", 1e-3), s(6)),
                v("WeightNormDense", Map.of("units", 4, "activation", "tanh", "bias", false), s(7)),
                v("Embedding", Map.of("vocabulary", 7, "dim", 3), s(5)),
                v("Embedding", Map.of("vocabulary", 4, "dim", 2), s(2, 3)),
                v("SimpleRNN", Map.of("units", 5), s(6, 3)),
                v("SimpleRNN", Map.of("units", 5, "return_sequences", true), s(6, 3)),
                v("LSTM", Map.of("units", 5), s(6, 3)),
                v("LSTM", Map.of("units", 5, "return_sequences", true), s(6, 3)),
                v("GRU", Map.of("units", 5), s(6, 3)),
                v("GRU", Map.of("units", 5, "return_sequences", true), s(6, 3)),
                v("PReLU", Map.of(), s(3, 4, 4)),
                v("PReLU", Map.of(), s(5)),
                v("PReLU", Map.of("per_channel", false, "slope", 0.1), s(3, 4, 4)),
                v("Reshape", Map.of("shape", List.of(-1, 2)), s(3, 4)),
                v("Reshape", Map.of("shape", List.of(2, 3, 2)), s(12)),
                v("Concat", Map.of("axis", 0), s(2, 3, 3), s(4, 3, 3)),
                v("Concat", Map.of("axis", 1), s(3, 2), s(3, 5)),
                v("Concat", Map.of("inputs", 3), s(3, 2), s(3, 4), s(3, 1)),
                v("Add", Map.of("inputs", 3), s(2, 3, 3), s(2, 3, 3), s(2, 3, 3)),
                v("Multiply", Map.of(), s(2, 3, 3), s(2, 3, 3)),
                v("Perceptron", Map.of("units", 3, "bias", false), s(4)),
                v("AlphaDropout", Map.of("rate", 0.1), s(4)),
                v("GaussianNoise", Map.of("stddev", 1.0), s(2, 3)));
    }

    private static Arguments v(String type, Map<String, Object> params, Shape... inputs) {
        return Arguments.of(type, params, List.of(inputs));
    }

    private static Shape s(int... d) {
        return Shape.of(d);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void layerVariantMatches(String type, Map<String, Object> params, List<Shape> inputs) throws Exception {
        check(LayerNets.around(type, params, inputs), type + " " + params + " " + inputs);
    }

    @Test
    void inferenceOnlyLayersEmitNothing() throws Exception {
        for (String type : List.of("Dropout", "AlphaDropout", "GaussianNoise")) {
            OnnxMl.ModelProto m = check(LayerNets.around(type, Map.of(), List.of(Shape.of(4))), type);
            assertEquals(List.of("Identity"), ops(m), type);
            assertEquals("input", m.getGraph().getNode(0).getInput(0), type + ": the Output reads the input directly");
        }
    }

    @Test
    void exportedWeightsUseOnnxLayouts() throws Exception {
        OnnxMl.GraphProto lstm = check(LayerNets.around("LSTM", Map.of("units", 5), List.of(Shape.of(6, 3))), "lstm").getGraph();
        assertEquals(List.of("Transpose", "LSTM", "Squeeze", "Identity"), ops(lstm.getNodeList()));
        assertEquals(List.of(1L, 20L, 3L), dims(lstm, "layer.W"));
        assertEquals(List.of(1L, 20L, 5L), dims(lstm, "layer.R"));
        assertEquals(List.of(1L, 40L), dims(lstm, "layer.B"));

        OnnxMl.GraphProto gru = check(LayerNets.around("GRU", Map.of("units", 2, "return_sequences", true), List.of(Shape.of(4, 3))), "gru").getGraph();
        OnnxMl.NodeProto node = gru.getNodeList().stream().filter(n -> n.getOpType().equals("GRU")).findFirst().orElseThrow();
        assertEquals(1, node.getAttributeList().stream().filter(a -> a.getName().equals("linear_before_reset")).findFirst().orElseThrow().getI());

        OnnxMl.GraphProto bn = check(LayerNets.around("BatchNorm", Map.of(), List.of(Shape.of(3, 4, 4))), "bn").getGraph();
        assertTrue(bn.getInitializerList().stream().map(OnnxMl.TensorProto::getName).toList()
                .containsAll(List.of("layer.weight", "layer.bias", "layer.running_mean", "layer.running_var")));

        OnnxMl.GraphProto wn = check(LayerNets.around("WeightNormDense", Map.of("units", 3), List.of(Shape.of(4))), "wn").getGraph();
        assertEquals(List.of("layer.weight", "layer.bias"), wn.getInitializerList().stream().map(OnnxMl.TensorProto::getName).toList(),
                "g and v are folded into W at export");
        assertEquals(List.of(3L, 4L), dims(wn, "layer.weight"));

        OnnxMl.GraphProto prelu = check(LayerNets.around("PReLU", Map.of(), List.of(Shape.of(3, 2, 2))), "prelu").getGraph();
        assertEquals(List.of(3L, 1L, 1L), dims(prelu, "layer.slope"));
    }

    private static List<String> ops(List<OnnxMl.NodeProto> nodes) {
        return nodes.stream().map(OnnxMl.NodeProto::getOpType).filter(op -> !op.equals("Constant")).toList();
    }

    private static List<Long> dims(OnnxMl.GraphProto g, String initializer) {
        return g.getInitializerList().stream().filter(t -> t.getName().equals(initializer)).findFirst().orElseThrow().getDimsList();
    }

    /** LeNet-5 (Conv2D, AvgPool2D, Flatten, Dense), trained a few steps. */
    @Test
    void leNet5Matches() throws Exception {
        GraphSpec g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(1, 32, 32)))
                .node("c1", "Conv2D", Map.of("filters", 6, "kernel", 5, "activation", "tanh")).node("s2", "AvgPool2D", Map.of())
                .node("c3", "Conv2D", Map.of("filters", 16, "kernel", 5, "activation", "tanh")).node("s4", "AvgPool2D", Map.of())
                .node("c5", "Conv2D", Map.of("filters", 120, "kernel", 5, "activation", "tanh")).node("flat", "Flatten", Map.of())
                .node("f6", "Dense", Map.of("units", 84, "activation", "tanh")).node("f7", "Dense", Map.of("units", 10))
                .node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "c1").edge("c1", "s2").edge("s2", "c3").edge("c3", "s4").edge("s4", "c5").edge("c5", "flat")
                .edge("flat", "f6").edge("f6", "f7").edge("f7", "out").build();
        Network net = Network.compile(g, 4);
        TestNets.train(net, LayerNets.batch(4, Shape.of(1, 32, 32), 0, 1), LayerNets.batch(4, Shape.of(10), 0, 2), 2, 0.01);
        OnnxMl.ModelProto m = assertParity(net, LayerNets.batch(3, Shape.of(1, 32, 32), 0, 3), "lenet-5");
        assertEquals(List.of("Conv", "Tanh", "AveragePool", "Conv", "Tanh", "AveragePool", "Conv", "Tanh", "Flatten", "Gemm", "Tanh",
                "Gemm", "Identity"), ops(m));
    }

    /** A residual block: Conv "same" → BatchNorm → PReLU, added back to its input, then global pooling. */
    @Test
    void residualBlockMatches() throws Exception {
        GraphSpec g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(3, 8, 8)))
                .node("stem", "Conv2D", Map.of("filters", 4, "kernel", 3, "padding", "same"))
                .node("conv", "Conv2D", Map.of("filters", 4, "kernel", 2, "padding", "same", "bias", false))
                .node("bn", "BatchNorm", Map.of()).node("act", "PReLU", Map.of())
                .node("sum", "Add", Map.of()).node("gap", "GlobalMaxPool2D", Map.of()).node("head", "Dense", Map.of("units", 2))
                .node("out", "Output", Map.of())
                .edge("in", "stem").edge("stem", "conv").edge("conv", "bn").edge("bn", "act")
                .edge("stem", "sum", "in0").edge("act", "sum", "in1").edge("sum", "gap").edge("gap", "head").edge("head", "out").build();
        check(g, "residual");
    }

    /** Token ids → Embedding → LSTM (every step) → GRU (last state) → Dense softmax. */
    @Test
    void sequenceModelMatches() throws Exception {
        GraphSpec g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(7)))
                .node("emb", "Embedding", Map.of("vocabulary", 20, "dim", 4))
                .node("lstm", "LSTM", Map.of("units", 6, "return_sequences", true))
                .node("norm", "LayerNorm", Map.of())
                .node("gru", "GRU", Map.of("units", 5))
                .node("head", "Dense", Map.of("units", 3, "activation", "softmax"))
                .node("out", "Output", Map.of())
                .edge("in", "emb").edge("emb", "lstm").edge("lstm", "norm").edge("norm", "gru").edge("gru", "head").edge("head", "out").build();
        check(g, "sequence");
    }
}
