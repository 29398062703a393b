package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.data.Scaling;
import dev.netwright.data.Split;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import dev.netwright.graph.Network;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ParityCheck}: equal exports pass, a changed weight or an unloadable model is flagged, the numbers mean what they say. */
class ParityCheckTest {
    private static final float[] XOR = {0, 0, 0, 1, 1, 0, 1, 1};

    @Test
    void aTrainedExportMatchesItsNetwork() {
        Network net = TestNets.trainedXor(200);
        ParityCheck.Result r = ParityCheck.run(net, OnnxExporter.export(net, "xor"), XOR, null);
        assertTrue(r.ok(), r.describe());
        assertEquals(4, r.samples());
        assertTrue(r.maxAbs() < 1e-5, r.describe());
        assertNull(r.error());
        assertTrue(r.describe().contains("on 4 samples") && r.describe().endsWith("equal"), r.describe());
    }

    @Test
    void aChangedWeightIsFlagged() throws Exception {
        Network net = TestNets.trainedXor(200);
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(OnnxExporter.export(net, "xor"));
        OnnxMl.GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (!g.getInitializer(i).getName().equals("d1.bias")) continue;
            float[] b = net.parameters().get("d1.bias").toArray();
            b[0] += 0.5f;
            ByteBuffer raw = ByteBuffer.allocate(4 * b.length).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(b);
            g.setInitializer(i, g.getInitializer(i).toBuilder().setRawData(ByteString.copyFrom(raw.array())));
        }
        byte[] tampered = m.toBuilder().setGraph(g).build().toByteArray();
        ParityCheck.Result r = ParityCheck.run(net, tampered, XOR, null);
        assertFalse(r.ok(), r.describe());
        assertTrue(r.maxAbs() > 1e-3, r.describe());
        assertTrue(r.describe().endsWith("DIFFERENT"), r.describe());
    }

    @Test
    void aModelOnnxRuntimeCannotLoadIsFlaggedWithItsReason() {
        Network net = TestNets.trainedXor(10);
        ParityCheck.Result r = ParityCheck.run(net, new byte[]{1, 2, 3}, XOR, null);
        assertFalse(r.ok());
        assertTrue(Double.isNaN(r.maxAbs()));
        assertNotNull(r.error());
        assertTrue(r.describe().startsWith("ONNX Runtime cannot run the exported model: "), r.describe());
    }

    @Test
    void samplesMustBeWhole() {
        Network net = TestNets.trainedXor(10);
        byte[] onnx = OnnxExporter.export(net, "xor");
        assertThrows(IllegalArgumentException.class, () -> ParityCheck.run(net, onnx, new float[3], null));
        assertThrows(IllegalArgumentException.class, () -> ParityCheck.run(net, onnx, new float[0], null));
    }

    @Test
    void theToleranceIsAbsolutePlusRelative() {
        // 0.5 off a value of 1000 is within 1e-4 + 1e-3 * 1000; 2e-4 off 0 is not
        ParityCheck.Result within = ParityCheck.compare(new float[]{0, 1000}, new float[]{5e-5f, 1000.5f}, 1);
        assertTrue(within.ok());
        assertEquals(0.5, within.maxAbs(), 1e-6);
        assertEquals(5e-4, within.maxRel(), 1e-7, "relative over |engine| > 1e-4 only: 5e-5 off 0 does not count");
        assertFalse(ParityCheck.compare(new float[]{0, 1}, new float[]{2e-4f, 1}, 1).ok());
        ParityCheck.Result nan = ParityCheck.compare(new float[]{1}, new float[]{Float.NaN}, 1);
        assertFalse(nan.ok());
        assertTrue(Double.isNaN(nan.maxAbs()));
    }

    @Test
    void samplesComeFromTheValidationPartElseTheTrainingPartAtMost256() {
        int n = 600;
        float[] x = new float[n * 2];
        for (int i = 0; i < x.length; i++) x[i] = i;
        Dataset d = new Dataset("d", "d", "", Task.REGRESSION, Shape.of(2), 1, List.of(), x, new float[n]);
        int[] train = IntStream.range(0, 300).toArray(), validation = IntStream.range(300, 600).toArray();

        float[] v = ParityCheck.sampleInputs(d, new Split(train, validation, new int[0]));
        assertEquals(256 * 2, v.length);
        assertArrayEquals(new float[]{600, 601}, Arrays.copyOf(v, 2), "the first validation sample");

        float[] t = ParityCheck.sampleInputs(d, new Split(new int[]{5, 7}, new int[0], new int[0]));
        assertArrayEquals(new float[]{10, 11, 14, 15}, t, "no validation part: training samples");
    }

    @Test
    void scaledModelsAreFedRawSamplesAndUnscaledOnesScaledSamples() {
        Network net = TestNets.trainedXor(50);
        float[] x = {10, 20, 10, 21, 11, 20, 11, 21, 10.5f, 20.5f};
        Dataset d = new Dataset("d", "d", "", Task.REGRESSION, Shape.of(2), 1, List.of(), x, new float[5]);
        Normalization norm = Normalization.fit(d, new int[]{0, 1, 2, 3, 4}, Scaling.MIN_MAX);
        ExportOptions options = ExportOptions.defaults().withNormalization(norm);
        assertTrue(ParityCheck.run(net, OnnxExporter.export(net, options), x, norm).ok());
        assertTrue(ParityCheck.run(net, OnnxExporter.export(net, options.withFoldPreprocessing(false)), x, norm).ok());
        // checked as if the network had been trained without the scaling, the model that applies it differs
        assertFalse(ParityCheck.run(net, OnnxExporter.export(net, options), x, null).ok());
    }

    @Test
    void modelsExportedBeforeTheFoldedKeyCountAsFoldedWhenTheyNameAScaling() {
        assertTrue(ParityCheck.foldsScaling(java.util.Map.of("netwright.preprocessing", "standardize")));
        assertFalse(ParityCheck.foldsScaling(java.util.Map.of("netwright.preprocessing", "none")));
        assertFalse(ParityCheck.foldsScaling(java.util.Map.of()));
        assertFalse(ParityCheck.foldsScaling(java.util.Map.of("netwright.preprocessing", "standardize", "netwright.preprocessing.folded", "false")));
    }
}
