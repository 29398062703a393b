package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.nn.Activation;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.Network;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.netwright.onnx.TestNets.assertClose;
import static dev.netwright.onnx.TestNets.chain;
import static dev.netwright.onnx.TestNets.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export → ONNX Runtime → compare with the engine's own forward pass (evaluation mode, no grad), within
 * 1e-5 absolute + 1e-4 relative; and the exported proto read back.
 */
class OnnxParityTest {
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-4;

    /** Runs {@code x} through ORT and the engine and compares; returns the parsed model. */
    static OnnxMl.ModelProto assertParity(Network net, Tensor x, String what) throws Exception {
        byte[] bytes = OnnxExporter.export(net, what);
        float[] expected = TestNets.infer(net, x).toArray();
        float[] actual = ortRun(bytes, x, what);
        assertClose(expected, actual, ATOL, RTOL, what);
        return OnnxMl.ModelProto.parseFrom(bytes);
    }

    static float[] ortRun(byte[] model, Tensor x, String what) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, opts);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toArray()), TestNets.longs(x.shape()));
             OrtSession.Result r = session.run(Map.of("input", in))) {
            OnnxTensor out = (OnnxTensor) r.get("output").orElseThrow();
            FloatBuffer b = out.getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            long[] shape = out.getInfo().getShape();
            assertEquals(x.shape().dim(0), shape[0], what + ": batch size of the ORT output");
            return v;
        }
    }

    @Test
    void trainedXorMatchesAndReadsBack() throws Exception {
        Network net = TestNets.trainedXor(300);
        Tensor x = Tensor.of(Shape.of(6, 2), 0, 0, 0, 1, 1, 0, 1, 1, 0.3f, -0.7f, 2.5f, 0.1f);
        OnnxMl.ModelProto m = assertParity(net, x, "xor");

        assertEquals(OnnxExporter.IR_VERSION, m.getIrVersion());
        assertEquals("netwright", m.getProducerName());
        assertEquals(1, m.getOpsetImportCount());
        assertEquals("", m.getOpsetImport(0).getDomain());
        assertEquals(17, m.getOpsetImport(0).getVersion());

        OnnxMl.GraphProto g = m.getGraph();
        assertEquals("xor", g.getName());
        assertEquals(1, g.getInputCount());
        assertValue(g.getInput(0), "input", "N", 2);
        assertEquals(1, g.getOutputCount());
        assertValue(g.getOutput(0), "output", "N", 1);

        assertEquals(List.of("d1/Gemm", "d1/Tanh", "d2/Gemm", "d2/Sigmoid", "out"), g.getNodeList().stream().map(OnnxMl.NodeProto::getName).toList());
        assertEquals(List.of("Gemm", "Tanh", "Gemm", "Sigmoid", "Identity"), g.getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList());
        OnnxMl.NodeProto gemm = g.getNode(0);
        assertEquals(List.of("input", "d1.weight", "d1.bias"), gemm.getInputList());
        assertEquals(1, gemm.getAttributeList().stream().filter(a -> a.getName().equals("transB")).findFirst().orElseThrow().getI());
        assertEquals(List.of("d1"), g.getNode(1).getOutputList());
        assertEquals(List.of("d1", "d2.weight", "d2.bias"), g.getNode(2).getInputList());
        assertEquals(List.of("d2/Gemm"), g.getNode(3).getInputList());
        assertEquals(List.of("d2"), g.getNode(3).getOutputList());
        assertEquals(List.of("d2"), g.getNode(4).getInputList());
        assertEquals(List.of("output"), g.getNode(4).getOutputList());

        // initializers: exactly the parameters, float32, little-endian raw_data
        assertEquals(List.copyOf(net.parameters().keySet()), g.getInitializerList().stream().map(OnnxMl.TensorProto::getName).toList());
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            Tensor p = net.parameters().get(t.getName());
            assertEquals(OnnxMl.TensorProto.DataType.FLOAT_VALUE, t.getDataType(), t.getName());
            assertArrayEquals(TestNets.longs(p.shape()), t.getDimsList().stream().mapToLong(Long::longValue).toArray(), t.getName());
            assertEquals(0, t.getFloatDataCount(), t.getName() + " uses raw_data");
            float[] raw = new float[p.shape().size()];
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(raw);
            assertArrayEquals(p.toArray(), raw, t.getName());
        }
        // intermediate values carry their shapes for viewers
        assertEquals(List.of("d1", "d2"), g.getValueInfoList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
    }

    static void assertValue(OnnxMl.ValueInfoProto v, String name, String batch, int... dims) {
        assertEquals(name, v.getName());
        OnnxMl.TypeProto.Tensor t = v.getType().getTensorType();
        assertEquals(OnnxMl.TensorProto.DataType.FLOAT_VALUE, t.getElemType());
        List<OnnxMl.TensorShapeProto.Dimension> d = t.getShape().getDimList();
        assertEquals(dims.length + 1, d.size(), name + " rank");
        assertEquals(batch, d.getFirst().getDimParam(), name + " batch dim");
        for (int i = 0; i < dims.length; i++) assertEquals(dims[i], d.get(i + 1).getDimValue(), name + " dim " + (i + 1));
    }

    static Stream<Arguments> denseActivations() {
        List<Arguments> args = new ArrayList<>();
        for (Activation.Kind k : Activation.Kind.values()) {
            args.add(Arguments.of(k, true));
            args.add(Arguments.of(k, false));
        }
        return args.stream();
    }

    /** Dense with every activation, with and without bias, a Dropout in between; trained a few steps. */
    @ParameterizedTest(name = "Dense {0} bias={1}")
    @MethodSource("denseActivations")
    void denseActivationMatches(Activation.Kind kind, boolean bias) throws Exception {
        GraphSpec spec = chain("dense_" + kind.id(),
                node("in", "Input", Map.of("shape", List.of(5))),
                node("hidden", "Dense", Map.of("units", 6, "activation", kind.id(), "bias", bias)),
                node("drop", "Dropout", Map.of("rate", 0.3)),
                node("head", "Dense", Map.of("units", 4, "bias", bias)),
                node("out", "Output", Map.of("loss", "mse")));
        Network net = Network.compile(spec, 7);
        TestNets.train(net, TestNets.randomBatch(8, Shape.of(5), 1f, 1), TestNets.randomBatch(8, Shape.of(4), 1f, 2), 5, 0.05);
        OnnxMl.ModelProto m = assertParity(net, TestNets.randomBatch(9, Shape.of(5), 1.5f, 3), "Dense " + kind + " bias=" + bias);

        OnnxMl.GraphProto g = m.getGraph();
        assertEquals(List.copyOf(net.parameters().keySet()), g.getInitializerList().stream().map(OnnxMl.TensorProto::getName).toList());
        assertEquals(bias ? List.of("hidden.weight", "hidden.bias", "head.weight", "head.bias") : List.of("hidden.weight", "head.weight"),
                List.copyOf(net.parameters().keySet()));
        assertFalse(g.getNodeList().stream().anyMatch(n -> n.getName().startsWith("drop") || n.getOpType().equals("Dropout")),
                "Dropout emits nothing at inference");
        // the head reads the hidden layer's value directly, Dropout having vanished
        OnnxMl.NodeProto head = g.getNodeList().stream().filter(n -> n.getName().equals("head")).findFirst().orElseThrow();
        assertEquals("hidden", head.getInput(0));
        assertValue(g.getOutput(0), "output", "N", 4);
    }

    /** Every standalone activation layer of the palette, on a [2, 3] input, then Flatten and Dense. */
    static Stream<Arguments> activationLayers() {
        List<Arguments> args = new ArrayList<>();
        for (LayerType t : LayerCatalog.all()) {
            if (!t.category().equals("Activations")) continue;
            args.add(Arguments.of(t.type(), Map.of()));
            if (t.params().stream().anyMatch(p -> p.name().equals("alpha"))) args.add(Arguments.of(t.type(), Map.of("alpha", 0.3)));
            if (t.params().stream().anyMatch(p -> p.name().equals("beta"))) args.add(Arguments.of(t.type(), Map.of("beta", 2.0)));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activationLayers")
    void activationLayerMatches(String type, Map<String, Object> params) throws Exception {
        GraphSpec spec = chain("act_" + type,
                node("in", "Input", Map.of("shape", List.of(2, 3))),
                node("act", type, params),
                node("flat", "Flatten", Map.of()),
                node("dense", "Dense", Map.of("units", 3)),
                node("out", "Output", Map.of("loss", "mse")));
        Network net = Network.compile(spec, 11);
        TestNets.train(net, TestNets.randomBatch(8, Shape.of(2, 3), 1f, 4), TestNets.randomBatch(8, Shape.of(3), 1f, 5), 3, 0.05);
        OnnxMl.ModelProto m = assertParity(net, TestNets.randomBatch(7, Shape.of(2, 3), 2f, 6), type + " " + params);
        assertValue(m.getGraph().getInput(0), "input", "N", 2, 3);
        List<String> ops = m.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList();
        assertTrue(ops.contains("Flatten"), ops.toString());
    }

    @Test
    void softplusWithBetaIsMulSoftplusDiv() throws Exception {
        Network net = Network.compile(chain("sp",
                node("in", "Input", Map.of("shape", List.of(3))),
                node("sp", "Softplus", Map.of("beta", 2.5)),
                node("out", "Output", Map.of())), 1);
        Tensor x = Tensor.of(Shape.of(2, 3), -30, -1, -0.01f, 0, 3, 30);
        OnnxMl.GraphProto g = assertParity(net, x, "softplus beta").getGraph();
        assertEquals(List.of("Constant", "Mul", "Softplus", "Div", "Identity"), g.getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList());
        assertEquals(List.of("sp/beta", "sp/Mul", "sp/Softplus", "sp/Div", "out"), g.getNodeList().stream().map(OnnxMl.NodeProto::getName).toList());
        assertEquals(List.of(), g.getInitializerList(), "constants are Constant nodes, initializers are parameters only");
    }

    @Test
    void stepIsOneAtZero() throws Exception {
        Network net = Network.compile(chain("step",
                node("in", "Input", Map.of("shape", List.of(4))),
                node("d", "Dense", Map.of("units", 4, "activation", "step")),
                node("out", "Output", Map.of())), 1);
        // zero weights: every pre-activation is exactly 0, where the step is 1
        net.parameters().values().forEach(p -> p.copyFrom(new float[p.shape().size()]));
        Tensor x = TestNets.randomBatch(3, Shape.of(4), 1, 9);
        assertParity(net, x, "step at 0");
        float[] y = TestNets.infer(net, x).toArray();
        for (float v : y) assertEquals(1f, v);
    }

    @Test
    void flattenKeepsRowMajorOrder() throws Exception {
        Network net = Network.compile(chain("flatten",
                node("in", "Input", Map.of("shape", List.of(2, 3))),
                node("flat", "Flatten", Map.of()),
                node("out", "Output", Map.of())), 1);
        Tensor x = TestNets.randomBatch(4, Shape.of(2, 3), 1, 10);
        OnnxMl.ModelProto m = assertParity(net, x, "flatten");
        assertArrayEquals(x.toArray(), ortRun(OnnxExporter.export(net, "f"), x, "flatten"));
        OnnxMl.NodeProto flat = m.getGraph().getNode(0);
        assertEquals("Flatten", flat.getOpType());
        assertEquals("flat", flat.getName());
        assertEquals(1, flat.getAttribute(0).getI());
        assertValue(m.getGraph().getOutput(0), "output", "N", 6);
    }

    @Test
    void nodeIdsThatClashWithGraphNamesAreRenamed() throws Exception {
        Network net = Network.compile(chain("clash",
                node("start", "Input", Map.of("shape", List.of(3))),
                node("input", "Dense", Map.of("units", 3, "activation", "relu")),
                node("output", "Dense", Map.of("units", 2)),
                node("end", "Output", Map.of("loss", "mse"))), 3);
        TestNets.train(net, TestNets.randomBatch(4, Shape.of(3), 1, 1), TestNets.randomBatch(4, Shape.of(2), 1, 2), 2, 0.1);
        OnnxMl.GraphProto g = assertParity(net, TestNets.randomBatch(5, Shape.of(3), 1, 3), "clash").getGraph();
        Map<String, String> producer = new HashMap<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) for (String o : n.getOutputList()) assertEquals(null, producer.put(o, n.getName()), "value " + o + " written twice");
        assertEquals("end", producer.get("output"));
        assertTrue(producer.containsKey("input_1") && producer.containsKey("output_1"), producer.toString());
    }

    @Test
    void batchDimensionIsSymbolic() throws Exception {
        Network net = TestNets.trainedXor(20);
        byte[] bytes = OnnxExporter.export(net, "xor");
        for (int n : new int[]{1, 3, 64}) {
            Tensor x = TestNets.randomBatch(n, Shape.of(2), 1, n);
            assertClose(TestNets.infer(net, x).toArray(), ortRun(bytes, x, "batch " + n), ATOL, RTOL, "batch " + n);
        }
    }
}
