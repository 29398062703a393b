package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.data.Scaling;
import dev.netwright.data.Task;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.Network;
import dev.netwright.graph.NodeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.netwright.onnx.TestNets.assertClose;
import static dev.netwright.onnx.TestNets.chain;
import static dev.netwright.onnx.TestNets.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ONNX → editable graph + weights: PyTorch's samples reproduce PyTorch's (and ONNX Runtime's) outputs in our engine,
 * our own exports of the templates and of graphs using most layers round-trip to equal outputs, and what cannot be
 * imported fails with the op and node named.
 */
class OnnxImporterTest {
    private static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static Path samples() {
        return Path.of(System.getProperty("netwright.onnx.samples.dir", "../shared/onnx-samples"));
    }

    /** Compiles the import, loads its weights and runs {@code x} in evaluation mode. */
    static float[] run(OnnxImporter.ImportedGraph im, Tensor x) {
        Network net = Network.compile(im.graph(), 12345);
        net.load(im.parameters(), im.buffers());
        return TestNets.infer(net, x).toArray();
    }

    static List<String> types(GraphSpec g) {
        return g.nodes().stream().map(NodeSpec::type).toList();
    }

    // ***** PyTorch's samples *****

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "lstm", "resbn", "selu_mlp"})
    void pyTorchSampleReproducesPyTorchAndOnnxRuntime(String name) throws Exception {
        Path dir = samples();
        assumeTrue(Files.exists(dir.resolve(name + ".json")), "ONNX sample " + name + " absent in " + dir.toAbsolutePath().normalize()
                + "; set -Dnetwright.onnx.samples.dir=...");
        JsonNode c = JSON.readTree(dir.resolve(name + ".json").toFile());
        byte[] model = Files.readAllBytes(dir.resolve(c.path("model").asText()));

        OnnxImporter.ImportedGraph im = OnnxImporter.importModel(model);
        GraphAnalysis a = GraphAnalyzer.analyze(im.graph());
        assertTrue(a.isValid(), name + ": " + a.errors());

        Tensor x = Tensor.of(Shape.of(ints(c.path("input").path("shape"))), floats(c.path("input").path("data")));
        float[] y = run(im, x);
        double atol = c.path("tolerance").path("atol").asDouble(1e-5), rtol = c.path("tolerance").path("rtol").asDouble(1e-4);
        assertClose(floats(c.path("expected_output").path("data")), y, atol, rtol, name + " vs PyTorch");
        assertClose(OnnxParityTest.ortRun(model, x, name), y, atol, rtol, name + " vs ONNX Runtime");

        List<String> expected = switch (name) {
            case "mlp" -> List.of("Input", "Dense", "Tanh", "Dense", "Softmax", "Output");
            case "lenet" -> List.of("Input", "Conv2D", "ReLU", "MaxPool2D", "Conv2D", "ReLU", "MaxPool2D", "Flatten", "Dense", "ReLU",
                    "Dense", "ReLU", "Dense", "Output");
            case "lstm" -> List.of("Input", "LSTM", "Dense", "Output");
            case "resbn" -> List.of("Input", "Conv2D", "ReLU", "Conv2D", "Add", "ReLU", "GlobalAvgPool2D", "Dense", "Softmax", "Output");
            case "selu_mlp" -> List.of("Input", "Dense", "SELU", "Dense", "ELU", "Dense", "Sigmoid", "Output");
            default -> throw new IllegalArgumentException(name);
        };
        assertEquals(expected, types(im.graph()), name + ": " + summary(im.graph()));
        NodeSpec input = im.graph().nodes().getFirst();
        assertEquals(Arrays.stream(ints(c.path("input").path("shape"))).skip(1).boxed().toList(), input.params().get("shape"));
    }

    @Test
    void namesLayoutAndLossOfAnImportedSample() throws Exception {
        Path file = samples().resolve("resbn.onnx");
        assumeTrue(Files.exists(file), "no " + file);
        OnnxImporter.ImportedGraph im = OnnxImporter.importModel(Files.readAllBytes(file));
        GraphSpec g = im.graph();
        assertEquals(List.of("input", "c0", "Relu", "c1", "Add", "Relu_1", "GlobalAveragePool", "fc", "Softmax", "output"),
                g.nodes().stream().map(NodeSpec::id).toList());
        assertEquals("bce", g.node("output").orElseThrow().params().get("loss"), "a final Softmax is kept, trained with bce");
        assertTrue(im.notes().stream().anyMatch(n -> n.contains("Softmax") && n.contains("cross_entropy")), im.notes().toString());
        for (var e : g.edges()) {
            var from = g.node(e.from().node()).orElseThrow().position();
            var to = g.node(e.to().node()).orElseThrow().position();
            assertTrue(from.x() < to.x() || from.y() < to.y(), "left to right, or down into the next band: " + e + " in " + summary(g));
        }
        // the residual branch (c1) sits above or below the skip connection Relu → Add, which has a free slot beside it
        assertNotEquals(g.node("c1").orElseThrow().position().y(), g.node("Relu").orElseThrow().position().y());
        assertEquals(g.node("Relu").orElseThrow().position().y(), g.node("Add").orElseThrow().position().y());
        assertEquals(List.of("c0.weight", "c0.bias", "c1.weight", "c1.bias", "fc.weight", "fc.bias"), List.copyOf(im.parameters().keySet()));

        OnnxImporter.ImportedGraph lstm = OnnxImporter.importModel(Files.readAllBytes(samples().resolve("lstm.onnx")));
        NodeSpec l = lstm.graph().node("lstm").orElseThrow();
        assertEquals(Map.of("units", 8, "return_sequences", false), l.params());
        assertEquals(List.of(6, 3), lstm.graph().nodes().getFirst().params().get("shape"));
    }

    // ***** round trips of our own exports *****

    @ParameterizedTest
    @ValueSource(strings = {"xor", "two-spirals", "blobs", "sine", "lenet-5"})
    void templateRoundTripsThroughOnnx(String id) throws IOException {
        GraphSpec spec;
        try (InputStream in = getClass().getResourceAsStream("/templates/" + id + ".json")) {
            spec = JSON.treeToValue(JSON.readTree(in).path("graph"), GraphSpec.class);
        }
        Network net = Network.compile(spec, 7);
        randomize(net, 7);
        OnnxImporter.ImportedGraph im = assertRoundTrip(net, id);
        assertEquals(spec.nodes().stream().map(NodeSpec::id).toList(), im.graph().nodes().stream().map(NodeSpec::id).toList());
        assertEquals(types(spec), types(im.graph()));
        assertEquals(spec.node("output").orElseThrow().params().get("loss"), im.graph().node("output").orElseThrow().params().get("loss"));
        assertEquals(List.of(), im.notes(), "a Netwright export imports without changes");
    }

    /** Graphs using most layers: export, import, equal outputs (and equal layer types where the export keeps them). */
    @Test
    void convolutionBatchNormAndResidualRoundTrip() {
        GraphSpec g = graph("res",
                List.of(node("in", "Input", Map.of("shape", List.of(3, 8, 8))),
                        node("c1", "Conv2D", Map.of("filters", 4, "kernel", 3, "padding", "same", "activation", "relu")),
                        node("bn", "BatchNorm", Map.of("eps", 1e-3)),
                        node("c2", "Conv2D", Map.of("filters", 4, "kernel", List.of(2, 2), "padding", "same", "activation", "leaky_relu")),
                        node("c3", "Conv2D", Map.of("filters", 4, "kernel", 3, "padding", "1", "groups", 2)),
                        node("add", "Add", Map.of("inputs", 3)),
                        node("ap", "AvgPool2D", Map.of("kernel", 2, "stride", 2, "padding", 1)),
                        node("mp", "MaxPool2D", Map.of("kernel", 3, "stride", 1, "padding", 1)),
                        node("up", "ConvTranspose2D", Map.of("filters", 2, "kernel", 3, "stride", 2, "padding", 1, "output_padding", 1)),
                        node("pr", "PReLU", Map.of()),
                        node("gap", "GlobalAvgPool2D", Map.of()),
                        node("d", "Dense", Map.of("units", 3, "activation", "softmax")),
                        node("out", "Output", Map.of("loss", "cross_entropy_one_hot"))),
                "in>c1", "c1>bn", "bn>c2", "c2>c3", "bn>add.in0", "c2>add.in1", "c3>add.in2", "add>ap", "ap>mp", "mp>up", "up>pr",
                "pr>gap", "gap>d", "d>out");
        Network net = Network.compile(g, 3);
        randomize(net, 3);
        OnnxImporter.ImportedGraph im = assertRoundTrip(net, "res");
        assertEquals(types(g), types(im.graph()));
        assertEquals(3, im.graph().node("add").orElseThrow().params().get("inputs"));
        assertEquals("softmax", im.graph().node("d").orElseThrow().params().get("activation"));
        assertEquals("leaky_relu", im.graph().node("c2").orElseThrow().params().get("activation"));
    }

    @Test
    void recurrentLayersRoundTrip() {
        GraphSpec g = chain("rnn",
                node("in", "Input", Map.of("shape", List.of(5, 3))),
                node("lstm", "LSTM", Map.of("units", 4, "return_sequences", true)),
                node("gru", "GRU", Map.of("units", 3, "return_sequences", true)),
                node("rnn", "SimpleRNN", Map.of("units", 2)),
                node("y", "Dense", Map.of("units", 2, "activation", "tanh")),
                node("out", "Output", Map.of("loss", "mse")));
        Network net = Network.compile(g, 5);
        randomize(net, 5);
        OnnxImporter.ImportedGraph im = assertRoundTrip(net, "rnn");
        assertEquals(types(g), types(im.graph()));
        assertEquals(true, im.graph().node("gru").orElseThrow().params().get("return_sequences"));
        assertEquals(false, im.graph().node("rnn").orElseThrow().params().get("return_sequences"));
    }

    @Test
    void sequenceAndVectorLayersRoundTrip() {
        GraphSpec g = graph("misc",
                List.of(node("in", "Input", Map.of("shape", List.of(12))),
                        node("r", "Reshape", Map.of("shape", List.of(3, 4))),
                        node("c", "Conv1D", Map.of("filters", 4, "kernel", 3, "padding", "same", "activation", "elu")),
                        node("p", "MaxPool1D", Map.of("kernel", 2, "stride", 2)),
                        node("a", "AvgPool1D", Map.of("kernel", 2, "stride", 1, "padding", 1)),
                        node("ln", "LayerNorm", Map.of("axes", 2)),
                        node("f", "Flatten", Map.of()),
                        node("drop", "Dropout", Map.of("rate", 0.3)),
                        node("h1", "Dense", Map.of("units", 6, "activation", "selu")),
                        node("h2", "Dense", Map.of("units", 6, "bias", false, "activation", "softsign")),
                        node("cat", "Concat", Map.of("axis", 0)),
                        node("mul", "Multiply", Map.of()),
                        node("s", "Sigmoid", Map.of()),
                        node("y", "Dense", Map.of("units", 4)),
                        node("ls", "LogSoftmax", Map.of()),
                        node("out", "Output", Map.of("loss", "nll"))),
                "in>r", "r>c", "c>p", "p>a", "a>ln", "ln>f", "f>drop", "drop>h1", "drop>h2", "h1>cat.in0", "h2>cat.in1",
                "cat>mul.in0", "cat>mul.in1", "mul>s", "s>y", "y>ls", "ls>out");
        Network net = Network.compile(g, 9);
        randomize(net, 9);
        OnnxImporter.ImportedGraph im = assertRoundTrip(net, "misc");
        List<String> withoutDropout = new ArrayList<>(types(g));
        withoutDropout.remove("Dropout");
        assertEquals(withoutDropout, types(im.graph()), "Dropout emits nothing, so nothing comes back");
        assertEquals("nll", im.graph().node("out").orElseThrow().params().get("loss"));
    }

    @Test
    void embeddingRoundTrips() {
        GraphSpec g = chain("emb",
                node("in", "Input", Map.of("shape", List.of(4))),
                node("e", "Embedding", Map.of("vocabulary", 10, "dim", 3)),
                node("f", "Flatten", Map.of()),
                node("y", "Dense", Map.of("units", 2)),
                node("out", "Output", Map.of("loss", "mse")));
        Network net = Network.compile(g, 2);
        randomize(net, 2);
        Tensor ids = Tensor.of(Shape.of(2, 4), 0, 3, 9, 1, 5, 5, 2, 7);
        OnnxImporter.ImportedGraph im = OnnxImporter.importModel(OnnxExporter.export(net, "emb"));
        assertEquals(types(g), types(im.graph()));
        assertClose(TestNets.infer(net, ids).toArray(), run(im, ids), 1e-5, 1e-5, "emb");
    }

    @Test
    void inputScalingIsLeftOutWithANote() {
        Shape sample = Shape.of(3);
        Rng rng = new Rng(4);
        float[] x = new float[20 * 3];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.normal(0, 1) * (1 + i % 3) + 10 * (i % 3));
        Dataset d = new Dataset("d", "d", "", Task.REGRESSION, sample, 1, List.of(), x, new float[20]);
        int[] all = new int[20];
        Arrays.setAll(all, i -> i);
        Normalization norm = Normalization.fit(d, all, Scaling.STANDARDIZE);
        Network net = Network.compile(chain("scaled",
                node("in", "Input", Map.of("shape", List.of(3))),
                node("h", "Dense", Map.of("units", 4, "activation", "tanh")),
                node("out", "Output", Map.of("loss", "mse"))), 1);
        randomize(net, 1);

        OnnxImporter.ImportedGraph im = OnnxImporter.importModel(OnnxExporter.export(net, "scaled", norm));
        assertTrue(im.notes().stream().anyMatch(n -> n.contains("input scaling") && n.contains("standardize")), im.notes().toString());
        float[] scaled = x.clone();
        norm.apply(scaled, 20);
        Tensor xs = Tensor.of(Shape.of(20, 3), scaled);
        assertClose(TestNets.infer(net, xs).toArray(), run(im, xs), 1e-5, 1e-5, "the imported graph takes scaled samples");
    }

    /** Export → import → equal outputs within 1e-5 on random inputs; returns the import. */
    static OnnxImporter.ImportedGraph assertRoundTrip(Network net, String name) {
        byte[] model = OnnxExporter.export(net, name);
        OnnxImporter.ImportedGraph im = OnnxImporter.importModel(model);
        GraphAnalysis a = GraphAnalyzer.analyze(im.graph());
        assertTrue(a.isValid(), name + ": " + a.errors());
        assertEquals(net.inputShape(), a.nodeShapes().get(im.graph().nodes().getFirst().id()));
        Tensor x = TestNets.randomBatch(6, net.inputShape(), 1f, 11);
        assertClose(TestNets.infer(net, x).toArray(), run(im, x), 1e-5, 1e-5, name + ": " + summary(im.graph()));
        return im;
    }

    /** Every parameter and buffer to random values, so that a misplaced bias or gate shows (buffers kept positive). */
    static void randomize(Network net, long seed) {
        Rng rng = new Rng(seed);
        for (Tensor t : net.parameters().values()) t.copyFrom(random(rng, t.shape().size(), false));
        for (Tensor t : net.buffers().values()) t.copyFrom(random(rng, t.shape().size(), true));
    }

    private static float[] random(Rng rng, int n, boolean positive) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = positive ? 0.5f + Math.abs(rng.normal(0, 1)) : rng.normal(0, 0.5f);
        return v;
    }

    /**
     * What PyTorch writes besides Gemm: {@code x.view(x.size(0), -1)} as Shape → Gather → Unsqueeze → Concat → Reshape,
     * a Linear on MatMul + Add, a Gemm with transB=0 and alpha/beta, a fixed batch size; checked against ONNX Runtime.
     */
    @Test
    void pyTorchStylePatternsMatchOnnxRuntime() throws Exception {
        Rng rng = new Rng(21);
        var input = ai.onnx.proto.OnnxMl.ValueInfoProto.newBuilder().setName("input").setType(ai.onnx.proto.OnnxMl.TypeProto.newBuilder()
                .setTensorType(ai.onnx.proto.OnnxMl.TypeProto.Tensor.newBuilder().setElemType(1).setShape(
                        ai.onnx.proto.OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(dim(2)).addDim(dim(2)).addDim(dim(3)).addDim(dim(3))))).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("patterns").addInput(input)
                .addOutput(OnnxGraph.batchedFloat("output", Shape.of(3)))
                .addInitializer(OnnxGraph.floatTensor("w1", Shape.of(18, 5), random(rng, 90, false)))
                .addInitializer(OnnxGraph.floatTensor("b1", Shape.of(5), random(rng, 5, false)))
                .addInitializer(OnnxGraph.floatTensor("w2", Shape.of(5, 3), random(rng, 15, false)))
                .addInitializer(OnnxGraph.floatTensor("c2", Shape.of(3), random(rng, 3, false)))
                .addNode(op("Shape", "/Shape", List.of("input"), "s"))
                .addNode(op("Constant", "/Constant", List.of(), "i0").addAttribute(OnnxGraph.attr("value",
                        OnnxGraph.longTensor("i0", new long[]{0}).toBuilder().clearDims().build())))
                .addNode(op("Gather", "/Gather", List.of("s", "i0"), "n").addAttribute(OnnxGraph.attr("axis", 0L)))
                .addNode(op("Constant", "/Constant_1", List.of(), "ax").addAttribute(OnnxGraph.attr("value", OnnxGraph.longTensor("ax", new long[]{0}))))
                .addNode(op("Unsqueeze", "/Unsqueeze", List.of("n", "ax"), "n1"))
                .addNode(op("Constant", "/Constant_2", List.of(), "m1").addAttribute(OnnxGraph.attr("value", OnnxGraph.longTensor("m1", new long[]{-1}))))
                .addNode(op("Concat", "/Concat", List.of("n1", "m1"), "shape").addAttribute(OnnxGraph.attr("axis", 0L)))
                .addNode(op("Reshape", "/Reshape", List.of("input", "shape"), "flat"))
                .addNode(op("MatMul", "/fc1/MatMul", List.of("flat", "w1"), "mm"))
                .addNode(op("Add", "/fc1/Add", List.of("mm", "b1"), "h"))
                .addNode(op("Relu", "/act/Relu", List.of("h"), "r"))
                .addNode(op("Gemm", "/fc2/Gemm", List.of("r", "w2", "c2"), "y")
                        .addAttribute(OnnxGraph.attr("alpha", 0.5f)).addAttribute(OnnxGraph.attr("beta", 2f)))
                .addNode(op("LogSoftmax", "/LogSoftmax", List.of("y"), "output").addAttribute(OnnxGraph.attr("axis", 1L)));
        byte[] model = model(g);

        OnnxImporter.ImportedGraph im = OnnxImporter.importModel(model);
        assertEquals(List.of("Input", "Flatten", "Dense", "ReLU", "Dense", "LogSoftmax", "Output"), types(im.graph()), summary(im.graph()));
        assertEquals(List.of("input", "Reshape", "fc1", "act", "fc2", "LogSoftmax", "output"),
                im.graph().nodes().stream().map(NodeSpec::id).toList());
        assertEquals("nll", im.graph().node("output").orElseThrow().params().get("loss"));
        assertTrue(im.notes().stream().anyMatch(n -> n.contains("batch size to 2")), im.notes().toString());
        Tensor x = TestNets.randomBatch(2, Shape.of(2, 3, 3), 1f, 5);
        assertClose(OnnxParityTest.ortRun(model, x, "patterns"), run(im, x), 1e-5, 1e-4, "patterns vs ONNX Runtime");
    }

    private static ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension dim(long v) {
        return ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(v).build();
    }

    private static NodeProto.Builder op(String type, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(type).setName(name).addAllInput(inputs).addOutput(output);
    }

    // ***** what is refused *****

    @Test
    void unsupportedOpsAreListedWithTheirNodes() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("attn")
                .addInput(OnnxGraph.batchedFloat("input", Shape.of(4)))
                .addOutput(OnnxGraph.batchedFloat("output", Shape.of(4)))
                .addInitializer(OnnxGraph.floatTensor("w", Shape.of(4, 4), new float[16]))
                .addNode(NodeProto.newBuilder().setOpType("Gemm").setName("/fc/Gemm").addInput("w").addInput("input").addInput("w")
                        .addOutput("g").addAttribute(OnnxGraph.attr("transA", 1L)))
                .addNode(NodeProto.newBuilder().setOpType("Einsum").setName("/attn/Einsum").addInput("g").addInput("g").addOutput("output")
                        .addAttribute(AttributeProto.newBuilder().setName("equation").setType(AttributeProto.AttributeType.STRING)
                                .setS(com.google.protobuf.ByteString.copyFromUtf8("ni,nj->ni"))));
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importModel(model(g)));
        assertTrue(e.getMessage().contains("op 'Einsum' (node /attn/Einsum) has no Netwright layer"), e.getMessage());
        assertTrue(e.getMessage().contains("op 'Gemm' (node /fc/Gemm) with transA=1 is not supported"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Cannot import into the editor: ") && e.getMessage().endsWith("the model can still be served"),
                e.getMessage());
        assertEquals(2, e.problems().size(), e.problems().toString());
    }

    @Test
    void convWithSameLowerIsRefused() {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(OnnxGraph.batchedFloat("input", Shape.of(1, 6, 6)))
                .addOutput(OnnxGraph.batchedFloat("output", Shape.of(2, 6, 6)))
                .addInitializer(OnnxGraph.floatTensor("w", Shape.of(2, 1, 2, 2), new float[8]))
                .addNode(NodeProto.newBuilder().setOpType("Conv").setName("conv").addInput("input").addInput("w").addOutput("output")
                        .addAttribute(AttributeProto.newBuilder().setName("auto_pad").setType(AttributeProto.AttributeType.STRING)
                                .setS(com.google.protobuf.ByteString.copyFromUtf8("SAME_LOWER"))));
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importModel(model(g)));
        assertTrue(e.getMessage().contains("op 'Conv' (node conv) with auto_pad SAME_LOWER is not supported"), e.getMessage());
    }

    @Test
    void damagedBytesFailClearly() {
        byte[] model = OnnxExporter.export(Network.compile(TestNets.xorSpec(), 1), "xor");
        GraphProto whole = parse(model).getGraph();
        for (int cut = 0; cut < model.length; cut += Math.max(1, model.length / 40)) {
            byte[] part = Arrays.copyOf(model, cut);
            ModelProto parsed = parse(part);
            if (parsed != null && parsed.getGraph().equals(whole) && parsed.getOpsetImportCount() == 1) {
                // cut between two of the metadata entries that follow the graph and the opset: a valid, smaller model
                OnnxImporter.importModel(part);
                continue;
            }
            OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importModel(part), "cut at " + cut);
            assertFalse(e.getMessage().isBlank());
        }
        byte[] garbage = "this is not an onnx model at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.importModel(garbage));
        assertTrue(e.getMessage().startsWith("Not an ONNX model"), e.getMessage());
    }

    private static ModelProto parse(byte[] bytes) {
        try {
            return ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return null;
        }
    }

    @Test
    void loadChecksNamesAndSizes() {
        Network net = Network.compile(TestNets.xorSpec(), 1);
        Map<String, float[]> p = new HashMap<>();
        net.parameters().forEach((k, t) -> p.put(k, t.toArray()));
        net.load(p, Map.of());

        Map<String, float[]> wrong = new HashMap<>(p);
        wrong.put("d1.bias", new float[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.load(wrong, Map.of()));
        assertTrue(e.getMessage().contains("d1.bias") && e.getMessage().contains("got 3"), e.getMessage());

        Map<String, float[]> missing = new HashMap<>(p);
        missing.remove("d2.weight");
        e = assertThrows(IllegalArgumentException.class, () -> net.load(missing, Map.of()));
        assertTrue(e.getMessage().contains("d2.weight"), e.getMessage());

        Map<String, float[]> extra = new HashMap<>(p);
        extra.put("d3.weight", new float[1]);
        e = assertThrows(IllegalArgumentException.class, () -> net.load(extra, Map.of()));
        assertTrue(e.getMessage().contains("d3.weight"), e.getMessage());
    }

    @Test
    void graphFormatDocListsEveryImportedOp() throws IOException {
        String doc = Files.readString(Path.of("docs", "graph-format.md"));
        int section = doc.indexOf("## Importing ONNX");
        assertTrue(section >= 0, "docs/graph-format.md has no section 'Importing ONNX'");
        String text = doc.substring(section);
        for (String ops : OnnxImporter.supportedOps().keySet()) {
            for (String op : ops.split("[,+/ ]+")) {
                if (op.matches("[A-Z][A-Za-z]+")) assertTrue(text.contains(op), "the import section does not mention " + op);
            }
        }
    }

    // ***** helpers *****

    private static byte[] model(GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g).build().toByteArray();
    }

    /** A graph from nodes and edges written "from>to" or "from>to.port". */
    private static GraphSpec graph(String name, List<NodeSpec> nodes, String... edges) {
        List<EdgeSpec> list = new ArrayList<>();
        for (String e : edges) {
            String[] ft = e.split(">");
            String[] to = ft[1].split("\\.");
            list.add(new EdgeSpec("e" + (list.size() + 1), new EdgeSpec.PortRef(ft[0], "out"),
                    new EdgeSpec.PortRef(to[0], to.length > 1 ? to[1] : "in")));
        }
        return new GraphSpec(null, 1, name, nodes, list);
    }

    private static String summary(GraphSpec g) {
        Map<String, List<String>> in = g.edges().stream().collect(Collectors.groupingBy(e -> e.to().node(),
                Collectors.mapping(e -> e.from().node(), Collectors.toList())));
        return g.nodes().stream().map(n -> n.id() + ":" + n.type() + n.params() + "<-" + in.getOrDefault(n.id(), List.of()))
                .collect(Collectors.joining(", "));
    }

    private static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) a.get(i).asDouble();
        return v;
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
        return v;
    }
}
