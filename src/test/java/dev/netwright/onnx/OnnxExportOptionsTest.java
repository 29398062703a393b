package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.data.Scaling;
import dev.netwright.data.Task;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.LayerNets;
import dev.netwright.graph.Network;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;
import dev.netwright.projects.Template;
import dev.netwright.projects.TemplateService;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.netwright.onnx.TestNets.chain;
import static dev.netwright.onnx.TestNets.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ExportOptions}: every template exports at every allowed opset, loads in ONNX Runtime and gives the engine's
 * outputs; ops that need a later opset are refused with the layer, op and opset named; metadata, node names, the
 * dynamic batch dimension and the scaling folded in or left out.
 */
class OnnxExportOptionsTest {
    private static final TemplateService TEMPLATES = new TemplateService();

    static Stream<Arguments> templatesAndOpsets() {
        List<Arguments> args = new ArrayList<>();
        for (Template t : TEMPLATES.list()) {
            for (int opset = ExportOptions.MIN_OPSET; opset <= ExportOptions.MAX_OPSET; opset++) {
                args.add(Arguments.of(Named.of(t.id(), t.graph()), opset));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} at opset {1}")
    @MethodSource("templatesAndOpsets")
    void everyTemplateLoadsInOnnxRuntimeAtEveryOpset(GraphSpec graph, int opset) throws Exception {
        Network net = Network.compile(graph, 3); // the template's own initialisation keeps activations in range
        byte[] bytes = OnnxExporter.export(net, ExportOptions.defaults().withOpset(opset));
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(bytes);
        assertEquals(opset, m.getOpsetImport(0).getVersion());
        assertEquals(OpsetRules.irVersion(opset), m.getIrVersion());

        ParityCheck.Result r = ParityCheck.run(net, bytes, LayerNets.batchFor(net, 5, 5).toArray(), null);
        assertTrue(r.ok(), r.describe());
        assertEquals(5, r.samples());
    }

    static Stream<Named<LayerType>> catalog() {
        return LayerCatalog.all().stream().filter(t -> !t.type().equals("Input") && !t.type().equals("Output")).map(t -> Named.of(t.type(), t));
    }

    /** Each palette layer at the lowest and the highest opset: exported and equal, or refused for an op that needs more. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everyLayerAtTheLowestAndHighestOpset(LayerType t) throws Exception {
        List<String> ops = OnnxMapping.opsFor(t.parse(Map.of()), t.doc().exampleInputs());
        int needs = ops.stream().mapToInt(OpsetRules::since).max().orElse(1);
        for (int opset : new int[]{ExportOptions.MIN_OPSET, ExportOptions.MAX_OPSET}) {
            Network net = OnnxLayerParityTest.prepared(LayerNets.example(t), 17);
            ExportOptions options = ExportOptions.defaults().withOpset(opset);
            if (needs > opset) {
                UnsupportedOpsetException e = assertThrows(UnsupportedOpsetException.class, () -> OnnxExporter.export(net, options));
                assertEquals(t.type(), e.violations().getFirst().layerType(), e.getMessage());
                assertEquals(needs, e.violations().getFirst().minimumOpset(), e.getMessage());
                continue;
            }
            byte[] bytes = OnnxExporter.export(net, options);
            ParityCheck.Result r = ParityCheck.run(net, bytes, LayerNets.batchFor(net, 4, 8).toArray(), null);
            assertTrue(r.ok(), t.type() + " at opset " + opset + ": " + r.describe());
        }
    }

    @Test
    void everyOpTheEmittersWriteHasAnOpsetRule() {
        OnnxMapping.table().values().forEach(ops -> ops.forEach(OpsetRules::since));
        for (var kind : dev.netwright.engine.nn.Activation.Kind.values()) OnnxMapping.opsFor(kind).forEach(OpsetRules::since);
        assertEquals(17, OpsetRules.since("LayerNormalization"));
        assertThrows(IllegalStateException.class, () -> OpsetRules.since("Einsum"));
    }

    private static GraphSpec layerNormNet() {
        return chain("ln-net",
                node("in", "Input", Map.of("shape", List.of(4, 6))),
                node("ln", "LayerNorm", Map.of()),
                node("flat", "Flatten", Map.of()),
                node("head", "Dense", Map.of("units", 2)),
                node("out", "Output", Map.of("loss", "mse")));
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 14, 15, 16})
    void layerNormalizationBeforeOpset17IsRefusedNamingLayerOpAndOpset(int opset) {
        Network net = Network.compile(layerNormNet(), 1);
        UnsupportedOpsetException e = assertThrows(UnsupportedOpsetException.class,
                () -> OnnxExporter.export(net, ExportOptions.defaults().withOpset(opset)));
        assertEquals(List.of(new UnsupportedOpsetException.Violation("ln", "LayerNorm", "LayerNormalization", 17)), e.violations());
        assertEquals(opset, e.opset());
        assertTrue(e.getMessage().contains("Cannot export at opset " + opset + ": layer 'ln' (LayerNorm) is written as the ONNX op "
                + "LayerNormalization, which needs opset 17 or later. Choose opset 17 to 21"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 18, 19, 20, 21})
    void layerNormalizationFromOpset17Exports(int opset) {
        Network net = Network.compile(layerNormNet(), 1);
        LayerNets.randomize(net, 0.5f, 2);
        byte[] bytes = OnnxExporter.export(net, ExportOptions.defaults().withOpset(opset));
        ParityCheck.Result r = ParityCheck.run(net, bytes, LayerNets.batchFor(net, 3, 1).toArray(), null);
        assertTrue(r.ok(), r.describe());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 12, 22, 26})
    void opsetsOutsideTheRangeAreRefused(int opset) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportOptions.defaults().withOpset(opset));
        assertEquals("opset must be in 13..21. Received: opset=" + opset, e.getMessage());
    }

    @Test
    void irVersionIsTheOneReleasedWithTheOpset() {
        assertEquals(List.of(7L, 7L, 8L, 8L, 8L, 8L, 9L, 9L, 10L),
                IntStream.rangeClosed(13, 21).mapToObj(OpsetRules::irVersion).toList());
        assertEquals(OnnxExporter.IR_VERSION, OpsetRules.irVersion(ExportOptions.DEFAULT_OPSET));
    }

    // ***** metadata, names, batch, scaling *****

    private static Dataset data(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 3];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.normal(0, 1) * (1 + (i % 3) * 5) + 50 * (i % 3));
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = i % 2;
        return new Dataset("d", "d", "", Task.BINARY, Shape.of(3), 1, List.of("cat", "dog \"big\", grey"), x, y);
    }

    private static Network scaledNet() {
        Network net = Network.compile(chain("scaled \"net\"",
                node("in", "Input", Map.of("shape", List.of(3))),
                node("h", "Dense", Map.of("units", 4, "activation", "tanh")),
                node("drop", "Dropout", Map.of("rate", 0.2)),
                node("y", "Dense", Map.of("units", 2)),
                node("out", "Output", Map.of("loss", "cross_entropy"))), 3);
        LayerNets.randomize(net, 0.5f, 9);
        return net;
    }

    private static Map<String, String> metadata(OnnxMl.ModelProto m) {
        return m.getMetadataPropsList().stream().collect(Collectors.toMap(OnnxMl.StringStringEntryProto::getKey,
                OnnxMl.StringStringEntryProto::getValue));
    }

    @Test
    void metadataNamesTheVersionGraphIdsLabelsScalingAndLoss() throws Exception {
        Dataset d = data(40, 1);
        Normalization norm = Normalization.fit(d, IntStream.range(0, 30).toArray(), Scaling.STANDARDIZE);
        Network net = scaledNet();
        ExportOptions options = ExportOptions.defaults().withGraphName("my model").withNormalization(norm).withIds(12L, 34L)
                .withClassLabels(d.classNames());
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(OnnxExporter.export(net, options));
        Map<String, String> meta = metadata(m);

        String version = OnnxExporter.netwrightVersion();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), "the pom's version, filtered into netwright-version.properties: " + version);
        assertEquals(version, meta.get("netwright.version"));
        assertEquals(version, m.getProducerVersion());
        assertEquals("my model", meta.get("netwright.graph"));
        assertEquals("my model", m.getGraph().getName());
        assertEquals("12", meta.get("netwright.model_version_id"));
        assertEquals(12, m.getModelVersion());
        assertEquals("34", meta.get("netwright.run_id"));
        assertEquals("cross_entropy", meta.get("netwright.loss"));
        assertEquals("standardize", meta.get("netwright.preprocessing"));
        assertEquals("true", meta.get("netwright.preprocessing.folded"));

        ObjectMapper json = new ObjectMapper();
        assertEquals(d.classNames(), List.of(json.readValue(meta.get("netwright.classes"), String[].class)));
        JsonNode c = json.readTree(meta.get("netwright.preprocessing.constants"));
        assertEquals("standardize", c.get("scaling").asText());
        assertEquals(3, c.get("featureSize").asInt());
        assertEquals(3, c.get("groups").asInt());
        assertEquals(1, c.get("blockSize").asInt());
        assertArrayEquals(norm.offset(), json.treeToValue(c.get("offset"), float[].class));
        assertArrayEquals(norm.scale(), json.treeToValue(c.get("scale"), float[].class));
        assertTrue(c.get("formula").asText().contains("offset"), c.toString());

        // the registry's signature reads the labels back
        assertEquals(d.classNames(), dev.netwright.serving.ModelSignature.of(m).classLabels());
    }

    @Test
    void withoutIdsLabelsOrScalingTheirKeysAreLeftOut() throws Exception {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(OnnxExporter.export(scaledNet(), ExportOptions.defaults()));
        Map<String, String> meta = metadata(m);
        assertEquals(Set.of("netwright.version", "netwright.graph", "netwright.loss", "netwright.preprocessing"), meta.keySet());
        assertEquals("none", meta.get("netwright.preprocessing"));
        assertEquals("scaled \"net\"", meta.get("netwright.graph"), "the design's name when no graph name is given");
    }

    @Test
    void nodeNamesComeFromTheGraphAndTheBatchDimensionIsDynamic() throws Exception {
        Network net = scaledNet();
        Dataset d = data(40, 2);
        Normalization norm = Normalization.fit(d, IntStream.range(0, 30).toArray(), Scaling.MIN_MAX);
        byte[] bytes = OnnxExporter.export(net, ExportOptions.defaults().withNormalization(norm).withOpset(13));
        OnnxMl.GraphProto g = OnnxMl.ModelProto.parseFrom(bytes).getGraph();
        Set<String> ids = net.spec().nodes().stream().map(NodeSpec::id).collect(Collectors.toSet());
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            String owner = n.getName().split("/")[0];
            assertTrue(ids.contains(owner) || owner.equals("preprocess"), n.getName() + " names no graph node; ids " + ids);
        }
        assertEquals(List.of("preprocess/Mul", "preprocess/Add", "h/Gemm", "h/Tanh", "y", "out"),
                g.getNodeList().stream().map(OnnxMl.NodeProto::getName).toList());
        assertEquals("N", g.getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals("N", g.getOutput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        for (int n : new int[]{1, 7, 40}) {
            ParityCheck.Result r = ParityCheck.run(net, bytes, java.util.Arrays.copyOf(d.features(), n * 3), norm);
            assertTrue(r.ok() && r.samples() == n, "batch " + n + ": " + r.describe());
        }
    }

    @Test
    void foldPreprocessingFalseLeavesTheScalingOutOfTheGraph() throws Exception {
        Network net = scaledNet();
        Dataset d = data(40, 3);
        Normalization norm = Normalization.fit(d, IntStream.range(0, 30).toArray(), Scaling.STANDARDIZE);
        ExportOptions folded = ExportOptions.defaults().withNormalization(norm);
        byte[] in = OnnxExporter.export(net, folded);
        byte[] out = OnnxExporter.export(net, folded.withFoldPreprocessing(false));

        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(out);
        assertEquals(List.of("h/Gemm", "h/Tanh", "y", "out"), m.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getName).toList());
        assertEquals("input", m.getGraph().getNode(0).getInput(0), "the network reads the model's input directly");
        Map<String, String> meta = metadata(m);
        assertEquals("false", meta.get("netwright.preprocessing.folded"));
        assertEquals(metadata(OnnxMl.ModelProto.parseFrom(in)).get("netwright.preprocessing.constants"), meta.get("netwright.preprocessing.constants"));

        // both pass the parity check: it feeds raw samples to the first and scaled ones to the second
        assertTrue(ParityCheck.run(net, in, d.features(), norm).ok());
        assertTrue(ParityCheck.run(net, out, d.features(), norm).ok());
        // and they differ on the same raw samples
        float[] raw = java.util.Arrays.copyOf(d.features(), 6);
        assertNotEquals(OnnxParityTest.ortRun(in, Tensor.of(Shape.of(2, 3), raw), "folded")[0],
                OnnxParityTest.ortRun(out, Tensor.of(Shape.of(2, 3), raw), "not folded")[0]);
    }

    @Test
    void defaultsAreTheRunExport() {
        ExportOptions o = ExportOptions.defaults();
        assertEquals(17, o.opset());
        assertTrue(o.foldPreprocessing());
        assertFalse(o.foldsScaling(), "nothing to fold without a scaling");
        assertEquals(List.of(), o.classLabels());
    }
}
