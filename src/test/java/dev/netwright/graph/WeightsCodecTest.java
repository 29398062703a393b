package dev.netwright.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.autograd.NoGrad;
import dev.netwright.onnx.OnnxImporter;
import dev.netwright.onnx.TestNets;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link WeightsCodec}: a lossless round trip, damaged bytes refused, and an imported model's weights reproduce it. */
class WeightsCodecTest {

    @Test
    void roundTripKeepsNamesOrderAndBits() {
        Map<String, float[]> p = new LinkedHashMap<>();
        p.put("dense1.weight", new float[]{1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN});
        p.put("é.bias", new float[0]);
        Map<String, float[]> b = Map.of("bn.running_var", new float[]{0.25f});
        WeightsCodec.Weights back = WeightsCodec.decode(WeightsCodec.encode(new WeightsCodec.Weights(p, b)));
        assertEquals(List.copyOf(p.keySet()), List.copyOf(back.parameters().keySet()));
        for (var e : p.entrySet()) {
            float[] v = back.parameters().get(e.getKey());
            assertEquals(e.getValue().length, v.length);
            for (int i = 0; i < v.length; i++) assertEquals(Float.floatToRawIntBits(e.getValue()[i]), Float.floatToRawIntBits(v[i]));
        }
        assertArrayEquals(new float[]{0.25f}, back.buffers().get("bn.running_var"));
    }

    @Test
    void damagedTruncatedOrForeignBytesAreRefused() {
        byte[] ok = WeightsCodec.encode(new WeightsCodec.Weights(Map.of("a.weight", new float[]{1, 2, 3}), Map.of()));
        byte[] flipped = ok.clone();
        flipped[20] ^= 1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WeightsCodec.decode(flipped)).getMessage().contains("CRC-32"));
        assertThrows(IllegalArgumentException.class, () -> WeightsCodec.decode(java.util.Arrays.copyOf(ok, ok.length - 6)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WeightsCodec.decode("PK\u0003\u0004 not weights".getBytes()))
                .getMessage().contains("magic"));
        assertThrows(IllegalArgumentException.class, () -> WeightsCodec.decode(new byte[3]));
    }

    @Test
    void aNetworksWeightsLoadIntoAFreshCompileOfItsGraph() {
        Network trained = TestNets.trainedXor(100);
        Network fresh = Network.compile(TestNets.xorSpec(), 99);
        WeightsCodec.decode(WeightsCodec.encode(WeightsCodec.Weights.of(trained))).loadInto(fresh);
        assertArrayEquals(TestNets.infer(trained, TestNets.XOR_X).toArray(), TestNets.infer(fresh, TestNets.XOR_X).toArray());
    }

    /** What the editor checks before a new version keeps the weights of the one it was edited from. */
    @Test
    void weightsFitADesignWithTheSameParametersOnly() {
        WeightsCodec.Weights w = WeightsCodec.Weights.of(TestNets.trainedXor(10));
        GraphSpec same = TestNets.xorSpec();
        assertEquals(java.util.Optional.empty(), w.misfit(same));
        // another activation or loss: the same parameters, so they still fit
        GraphSpec relu = same.with(same.nodes().stream().map(n -> n.id().equals("d1")
                ? new NodeSpec(n.id(), n.type(), Map.of("units", 4, "activation", "relu"), n.position()) : n).toList(), same.edges());
        assertEquals(java.util.Optional.empty(), w.misfit(relu));
        GraphSpec wider = same.with(same.nodes().stream().map(n -> n.id().equals("d1")
                ? new NodeSpec(n.id(), n.type(), Map.of("units", 5, "activation", "tanh"), n.position()) : n).toList(), same.edges());
        assertTrue(w.misfit(wider).orElseThrow().contains("d1.weight"), w.misfit(wider).toString());
        GraphSpec broken = same.with(same.nodes(), List.of());
        assertEquals(java.util.Optional.of("the design has errors"), w.misfit(broken));
    }

    /** ../shared/onnx-samples/mlp.onnx imported, its weights encoded and loaded into the compiled design: PyTorch's outputs. */
    @Test
    void anImportedSampleThroughTheCodecPredictsLikeTheFile() throws Exception {
        Path dir = Path.of(System.getProperty("netwright.onnx.samples.dir", "../shared/onnx-samples"));
        assumeTrue(Files.exists(dir.resolve("mlp.json")), "no ONNX samples in " + dir.toAbsolutePath().normalize());
        JsonNode c = new ObjectMapper().readTree(dir.resolve("mlp.json").toFile());
        OnnxImporter.ImportedGraph im = OnnxImporter.importModel(Files.readAllBytes(dir.resolve("mlp.onnx")));
        byte[] stored = WeightsCodec.encode(new WeightsCodec.Weights(im.parameters(), im.buffers()));

        Network net = Network.compile(im.graph(), 1);
        WeightsCodec.decode(stored).loadInto(net);
        float[] x = new ObjectMapper().treeToValue(c.path("input").path("data"), float[].class);
        float[] expected = new ObjectMapper().treeToValue(c.path("expected_output").path("data"), float[].class);
        net.train(false);
        float[] y;
        try (var ignored = NoGrad.enter()) {
            y = net.forward(Tensor.of(Shape.of(x.length / 4, 4), x)).toArray();
        }
        TestNets.assertClose(expected, y, 1e-5, 1e-4, "mlp through the codec");
    }
}
