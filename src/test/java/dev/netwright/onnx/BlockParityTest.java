package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.graph.BlockPort;
import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.Network;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.WeightsCodec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A design that uses one block twice compiles to inlined layers, so the exporter needs nothing new. */
class BlockParityTest {
    static GraphSpec residualTwice() {
        // block "res": x → Dense 6 tanh → Dense 6 → Add(x, ·)
        BlockSpec res = new BlockSpec("res", "residual MLP", List.of(
                new NodeSpec("d1", "Dense", Map.of("units", 6, "activation", "tanh"), null),
                new NodeSpec("d2", "Dense", Map.of("units", 6), null),
                new NodeSpec("add", "Add", Map.of(), null)),
                List.of(new EdgeSpec("e1", new EdgeSpec.PortRef("d1", "out"), new EdgeSpec.PortRef("d2", "in")),
                        new EdgeSpec("e2", new EdgeSpec.PortRef("d2", "out"), new EdgeSpec.PortRef("add", "in1"))),
                List.of(new BlockPort("in0", "d1", "in"), new BlockPort("in1", "add", "in0")),
                List.of(new BlockPort("out", "add", "out")));
        List<NodeSpec> nodes = List.of(
                new NodeSpec("input", "Input", Map.of("shape", List.of(6)), null),
                new NodeSpec("r1", "Block", Map.of("block", "res"), null),
                new NodeSpec("r2", "Block", Map.of("block", "res"), null),
                new NodeSpec("head", "Dense", Map.of("units", 3), null),
                new NodeSpec("output", "Output", Map.of("loss", "mse"), null));
        List<EdgeSpec> edges = List.of(edge("a", "input", "r1", "in0"), edge("b", "input", "r1", "in1"),
                edge("c", "r1", "r2", "in0"), edge("d", "r1", "r2", "in1"), edge("f", "r2", "head", "in"), edge("g", "head", "output", "in"));
        return new GraphSpec(null, 1, "res twice", nodes, edges, List.of(res));
    }

    static EdgeSpec edge(String id, String from, String to, String port) {
        return new EdgeSpec(id, new EdgeSpec.PortRef(from, "out"), new EdgeSpec.PortRef(to, port));
    }

    @Test
    void aBlockUsedTwiceExportsAndMatchesOrt() throws Exception {
        Network net = Network.compile(residualTwice(), 7);
        assertTrue(net.parameters().keySet().containsAll(List.of("r1/d1.weight", "r2/d2.bias")), net.parameters().keySet().toString());
        Tensor x = TestNets.randomBatch(5, Shape.of(6), 1f, 3);
        var model = OnnxParityTest.assertParity(net, x, "block twice");
        assertTrue(model.getGraph().getInitializerList().stream().anyMatch(i -> i.getName().startsWith("r2/d1")),
                model.getGraph().getInitializerList().stream().map(OnnxMl.TensorProto::getName).toList().toString());

        // the export imports back as a flat design (the inner layers' paths become ids)
        var imported = OnnxImporter.importModel(OnnxExporter.export(net, "block twice"));
        var analysis = dev.netwright.graph.GraphAnalyzer.analyze(imported.graph());
        assertTrue(analysis.isValid(), analysis.problems().toString());
        assertEquals(net.analysis().totalParameters(), analysis.totalParameters());

        // the weights codec keeps the '/' names: a design's weights load back into a fresh compile
        Network again = Network.compile(residualTwice(), 99);
        WeightsCodec.decode(WeightsCodec.encode(WeightsCodec.Weights.of(net))).loadInto(again);
        org.junit.jupiter.api.Assertions.assertArrayEquals(TestNets.infer(net, x).toArray(), TestNets.infer(again, x).toArray());
    }

    /** {@link #residualTwice} with the block's one input feeding both d1 and the Add (as collapse makes it). */
    static GraphSpec residualOneInput() {
        GraphSpec two = residualTwice();
        BlockSpec res = two.blocks().getFirst();
        BlockSpec one = new BlockSpec(res.name(), res.description(), res.nodes(), res.edges(),
                List.of(new BlockPort("in0", "d1", "in"), new BlockPort("in0", "add", "in0")), res.outputs());
        List<EdgeSpec> edges = List.of(edge("a", "input", "r1", "in0"), edge("c", "r1", "r2", "in0"), edge("f", "r2", "head", "in"),
                edge("g", "head", "output", "in"));
        return new GraphSpec(null, 1, "res once", two.nodes(), edges, List.of(one));
    }

    @Test
    void aBlockInputFeedingTwoLayersComputesWhatTwoWiredInputsDidAndMatchesOrt() throws Exception {
        Network one = Network.compile(residualOneInput(), 7);
        Network two = Network.compile(residualTwice(), 7);
        assertEquals(two.analysis().totalParameters(), one.analysis().totalParameters());
        Tensor x = TestNets.randomBatch(5, Shape.of(6), 1f, 3);
        WeightsCodec.decode(WeightsCodec.encode(WeightsCodec.Weights.of(two))).loadInto(one);
        org.junit.jupiter.api.Assertions.assertArrayEquals(TestNets.infer(two, x).toArray(), TestNets.infer(one, x).toArray());
        OnnxParityTest.assertParity(one, x, "block input used twice");
    }
}
