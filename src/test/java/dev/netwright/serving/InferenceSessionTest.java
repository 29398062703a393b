package dev.netwright.serving;

import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.graph.Network;
import dev.netwright.onnx.OnnxExporter;
import dev.netwright.onnx.TestNets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.netwright.onnx.TestNets.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferenceSessionTest {
    static Network xor;
    static InferenceSession session;

    @BeforeAll
    static void load() {
        xor = TestNets.trainedXor(300);
        session = InferenceSession.load(OnnxExporter.export(xor, "xor"));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void readsNamesAndShapesFromTheModel() {
        assertEquals("input", session.inputName());
        assertEquals("output", session.outputName());
        assertArrayEquals(new long[]{-1, 2}, session.inputShape());
        assertArrayEquals(new long[]{-1, 1}, session.outputShape());
        assertEquals("[N, 2]", session.describeInput());
        assertEquals("[N, 1]", session.describeOutput());
    }

    @Test
    void predictsRowsLikeTheEngine() {
        float[][] y = session.run(new float[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        assertEquals(4, y.length);
        float[] expected = TestNets.infer(xor, TestNets.XOR_X).toArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(1, y[i].length);
            assertClose(new float[]{expected[i]}, y[i], 1e-5, 1e-4, "row " + i);
        }
    }

    @Test
    void runsAFlatTensor() {
        Tensor x = TestNets.randomBatch(5, Shape.of(2), 1, 42);
        TensorData y = session.run(x.toArray(), new long[]{5, 2});
        assertArrayEquals(new long[]{5, 1}, y.shape());
        assertClose(TestNets.infer(xor, x).toArray(), y.data(), 1e-5, 1e-4, "flat");
    }

    @Test
    void wrongWidthNamesBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> session.run(new float[][]{{1, 2, 3}}));
        assertEquals("expected input of shape [N, 2], got [N, 3]", e.getMessage());
        var flat = assertThrows(IllegalArgumentException.class, () -> session.run(new float[6], new long[]{2, 3}));
        assertEquals("expected input of shape [N, 2], got [2, 3]", flat.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> session.run(new float[2], new long[]{2}));
        assertEquals("expected input of shape [N, 2], got [2]", rank.getMessage());
    }

    @Test
    void rejectsRaggedRowsAndWrongValueCounts() {
        var ragged = assertThrows(IllegalArgumentException.class, () -> session.run(new float[][]{{1, 2}, {3}}));
        assertEquals("All rows must have the same length: row 0 has 2 values, row 1 has 1", ragged.getMessage());
        var count = assertThrows(IllegalArgumentException.class, () -> session.run(new float[3], new long[]{2, 2}));
        assertEquals("Input shape [2, 2] needs 4 values, got 3", count.getMessage());
        assertEquals(0, session.run(new float[0][]).length);
    }

    @Test
    void rejectsBytesThatAreNoModel() {
        var e = assertThrows(ServingException.class, () -> InferenceSession.load(new byte[]{1, 2, 3, 4}));
        assertTrue(e.getMessage().startsWith("ONNX Runtime could not load the model"), e.getMessage());
    }

    @Test
    void aClosedSessionRefusesToRun() {
        InferenceSession s = InferenceSession.load(OnnxExporter.export(xor, "xor"));
        s.close();
        s.close(); // idempotent
        assertTrue(s.isClosed());
        assertThrows(IllegalStateException.class, () -> s.run(new float[][]{{0, 1}}));
    }

    @Test
    void servesMultiDimensionalInputsThroughTheFlatCall() {
        Network net = Network.compile(TestNets.chain("img",
                TestNets.node("in", "Input", Map.of("shape", List.of(2, 3))),
                TestNets.node("flat", "Flatten", Map.of()),
                TestNets.node("d", "Dense", Map.of("units", 2, "activation", "softmax")),
                TestNets.node("out", "Output", Map.of("loss", "cross_entropy"))), 5);
        try (InferenceSession s = InferenceSession.load(OnnxExporter.export(net, "img"))) {
            assertEquals("[N, 2, 3]", s.describeInput());
            var e = assertThrows(IllegalArgumentException.class, () -> s.run(new float[][]{{1, 2}}));
            assertTrue(e.getMessage().contains("[N, 2, 3]"), e.getMessage());
            Tensor x = TestNets.randomBatch(3, Shape.of(2, 3), 1, 1);
            TensorData y = s.run(x.toArray(), new long[]{3, 2, 3});
            assertArrayEquals(new long[]{3, 2}, y.shape());
            assertClose(TestNets.infer(net, x).toArray(), y.data(), 1e-5, 1e-4, "softmax head");
        }
    }

    @Test
    void runsNamedTensorsOfEveryElementTypeTheModelWants() {
        try (InferenceSession s = InferenceSession.load(ProtoModels.twoInputs().toByteArray())) {
            Map<String, TensorValue> y = s.run(Map.of(
                    "ids", new InputTensor(new long[]{2, 3}, new double[]{1, -2, 3, 0, 5, -6}),
                    "scale", new InputTensor(new long[]{1}, new double[]{0.5})));
            assertEquals(List.of("y", "positive"), List.copyOf(y.keySet()), "outputs in model order");
            assertArrayEquals(new long[]{2, 3}, y.get("y").shape());
            assertArrayEquals(new float[]{0.5f, -1, 1.5f, 0, 2.5f, -3}, (float[]) y.get("y").data());
            assertArrayEquals(new boolean[]{true, false, true, false, true, false}, (boolean[]) y.get("positive").data());

            var fraction = assertThrows(IllegalArgumentException.class, () -> s.run(Map.of(
                    "ids", new InputTensor(new long[]{1, 3}, new double[]{1, 2.5, 3}),
                    "scale", new InputTensor(new long[]{1}, new double[]{1}))));
            assertEquals("input 'ids' is int64; value 2.5 at index 1 is not an integer", fraction.getMessage());
            var missing = assertThrows(IllegalArgumentException.class, () -> s.run(Map.of(
                    "ids", new InputTensor(new long[]{1, 3}, new double[]{1, 2, 3}))));
            assertEquals("missing input 'scale'; the model's inputs are [ids, scale]", missing.getMessage());
            var rows = assertThrows(IllegalArgumentException.class, () -> s.run(new float[][]{{1, 2, 3}}));
            assertTrue(rows.getMessage().startsWith("Rows of numbers fit models with one float32 input"), rows.getMessage());
        }
    }
}
