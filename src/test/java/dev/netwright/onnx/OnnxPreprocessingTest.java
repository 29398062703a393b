package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl;
import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.data.Scaling;
import dev.netwright.data.Task;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.graph.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static dev.netwright.onnx.TestNets.assertClose;
import static dev.netwright.onnx.TestNets.chain;
import static dev.netwright.onnx.TestNets.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The input scaling a network was trained with is part of its exported model: ONNX Runtime on raw samples gives what
 * the engine gives on scaled ones.
 */
class OnnxPreprocessingTest {

    private static Dataset data(Shape sample, int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * sample.size()];
        // features on very different scales and offsets, so a wrong constant shows
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.normal(0, 1) * (1 + (i % sample.size()) * 7) + 100 * (i % 3));
        return new Dataset("d", "d", "", Task.REGRESSION, sample, 1, List.of(), x, new float[n]);
    }

    private static int[] firstN(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    @ParameterizedTest
    @EnumSource(value = Scaling.class, names = {"STANDARDIZE", "MIN_MAX"})
    void vectorScalingIsBuiltIn(Scaling scaling) throws Exception {
        Dataset d = data(Shape.of(3), 40, 1);
        Normalization norm = Normalization.fit(d, firstN(30), scaling);
        Network net = Network.compile(chain("scaled",
                node("in", "Input", Map.of("shape", List.of(3))),
                node("h", "Dense", Map.of("units", 4, "activation", "tanh")),
                node("y", "Dense", Map.of("units", 2)),
                node("out", "Output", Map.of("loss", "mse"))), 3);
        assertBuiltIn(net, d, norm, scaling);
    }

    @ParameterizedTest
    @EnumSource(value = Scaling.class, names = {"STANDARDIZE", "MIN_MAX"})
    void perChannelImageScalingIsBuiltIn(Scaling scaling) throws Exception {
        Dataset d = data(Shape.of(2, 3, 3), 20, 2);
        Normalization norm = Normalization.fit(d, firstN(15), scaling);
        Network net = Network.compile(chain("scaled-conv",
                node("in", "Input", Map.of("shape", List.of(2, 3, 3))),
                node("c", "Conv2D", Map.of("filters", 2, "kernel", 2)),
                node("f", "Flatten", Map.of()),
                node("y", "Dense", Map.of("units", 1)),
                node("out", "Output", Map.of("loss", "mse"))), 4);
        assertBuiltIn(net, d, norm, scaling);
    }

    private static void assertBuiltIn(Network net, Dataset d, Normalization norm, Scaling scaling) throws Exception {
        int n = d.size();
        int[] dims = new int[d.featureShape().rank() + 1];
        dims[0] = n;
        System.arraycopy(d.featureShape().toArray(), 0, dims, 1, d.featureShape().rank());
        float[] scaled = d.features().clone();
        norm.apply(scaled, n);
        float[] expected = TestNets.infer(net, Tensor.of(Shape.of(dims), scaled)).toArray();

        byte[] model = OnnxExporter.export(net, "scaled", norm);
        float[] actual = OnnxParityTest.ortRun(model, Tensor.of(Shape.of(dims), d.features().clone()), scaling.name());
        assertClose(expected, actual, 1e-4, 1e-4, scaling + ": ORT on raw samples vs engine on scaled samples");

        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(model);
        assertEquals(scaling.name().toLowerCase(), m.getMetadataPropsList().stream()
                .filter(p -> p.getKey().equals("netwright.preprocessing")).findFirst().orElseThrow().getValue());
        assertEquals(List.of("Mul", "Add"), m.getGraph().getNodeList().subList(0, 2).stream().map(OnnxMl.NodeProto::getOpType).toList());
    }
}
