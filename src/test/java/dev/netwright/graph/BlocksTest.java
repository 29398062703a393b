package dev.netwright.graph;

import dev.netwright.engine.Shape;
import dev.netwright.projects.GraphJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlocksTest {
    /** Input [8] → d1 Dense 16 relu → d2 Dense 8 → d3 Dense 16 relu → d4 Dense 8 → Output mse. */
    static GraphSpec stack() {
        return Graphs.graph().node("in", "Input", Map.of("shape", List.of(8)))
                .node("d1", "Dense", Map.of("units", 16, "activation", "relu")).node("d2", "Dense", Map.of("units", 8))
                .node("d3", "Dense", Map.of("units", 16, "activation", "relu")).node("d4", "Dense", Map.of("units", 8))
                .node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "d1").edge("d1", "d2").edge("d2", "d3").edge("d3", "d4").edge("d4", "out").build();
    }

    /** "pair" = Dense 16 relu → Dense {@code units}; Input [8] → b1 → b2 → Output. */
    static GraphSpec twice(int units) {
        BlockSpec pair = new BlockSpec("pair", null,
                List.of(new NodeSpec("a", "Dense", Map.of("units", 16, "activation", "relu"), null), new NodeSpec("b", "Dense", Map.of("units", units), null)),
                List.of(new EdgeSpec("e1", new EdgeSpec.PortRef("a", "out"), new EdgeSpec.PortRef("b", "in"))),
                List.of(new BlockPort("in0", "a", "in")), List.of(new BlockPort("out", "b", "out")));
        GraphSpec g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(8)))
                .node("b1", "Block", Map.of("block", "pair")).node("b2", "Block", Map.of("block", "pair"))
                .node("out", "Output", Map.of("loss", "mse"))
                .edge("in", "b1", "in0").edge("b1", "b2", "in0").edge("b2", "out").build();
        return new GraphSpec(g.format(), g.version(), g.name(), g.nodes(), g.edges(), List.of(pair));
    }

    @Test
    void collapseThenExpandKeepsTheAnalysis() {
        GraphSpec g = stack();
        GraphAnalysis before = GraphAnalyzer.analyze(g);
        GraphSpec collapsed = Blocks.collapse(g, List.of("d1", "d2"), "mlp");
        assertEquals(List.of("in", "block1", "d3", "d4", "out"), collapsed.nodes().stream().map(NodeSpec::id).toList());
        BlockSpec mlp = collapsed.block("mlp").orElseThrow();
        assertEquals(List.of("in0"), mlp.inputNames());
        assertEquals(List.of("out"), mlp.outputNames());
        GraphAnalysis a = GraphAnalyzer.analyze(collapsed);
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(before.totalParameters(), a.totalParameters());
        assertEquals(before.totalFlops(), a.totalFlops());
        assertEquals(Shape.of(8), a.nodeShapes().get("block1"));
        assertEquals(before.parameterCounts().get("d1") + before.parameterCounts().get("d2"), a.parameterCounts().get("block1"));
        for (EdgeSpec e : collapsed.edges()) assertEquals(before.edgeShapes().get(e.id()), a.edgeShapes().get(e.id()), e.id());

        GraphSpec expanded = Blocks.expandInstance(collapsed, "block1");
        GraphAnalysis after = GraphAnalyzer.analyze(expanded);
        assertEquals(Set.copyOf(g.nodes().stream().map(NodeSpec::id).toList()), Set.copyOf(expanded.nodes().stream().map(NodeSpec::id).toList()));
        assertEquals(before.parameterCounts(), after.parameterCounts());
        for (NodeSpec n : g.nodes()) assertEquals(before.nodeShapes().get(n.id()), after.nodeShapes().get(n.id()), n.id());
        assertEquals(before.edgeShapes(), after.edgeShapes());
    }

    @Test
    void twoInstancesShareOneDefinition() {
        GraphAnalysis a = GraphAnalyzer.analyze(twice(8));
        assertTrue(a.isValid(), a.problems().toString());
        long pair = (8 * 16 + 16) + (16 * 8 + 8);
        assertEquals(pair, a.parameterCounts().get("b1"));
        assertEquals(pair, a.parameterCounts().get("b2"));
        assertEquals(2 * pair, a.totalParameters());
        assertEquals(Shape.of(8), a.nodeShapes().get("b2"));

        GraphAnalysis changed = GraphAnalyzer.analyze(twice(4)); // the definition's last layer: 4 units
        assertEquals(Shape.of(4), changed.nodeShapes().get("b1"));
        assertEquals(Shape.of(4), changed.nodeShapes().get("b2"));
        assertEquals(Shape.of(4), changed.edgeShapes().get("e3"));
        assertEquals((4 * 16 + 16) + (16 * 4 + 4), changed.parameterCounts().get("b2"));
    }

    @Test
    void compiledParametersAreNamedByInstance() {
        Network net = Network.compile(twice(8), 1);
        assertTrue(net.parameters().containsKey("b1/a.weight"), net.parameters().keySet().toString());
        assertTrue(net.parameters().containsKey("b2/b.bias"), net.parameters().keySet().toString());
    }

    @Test
    void recursionIsRefusedOnTheInstance() {
        BlockSpec a = new BlockSpec("A", null, List.of(Blocks.instance("x", "B", null)), List.of(),
                List.of(new BlockPort("in0", "x", "in0")), List.of(new BlockPort("out", "x", "out")));
        BlockSpec b = new BlockSpec("B", null, List.of(Blocks.instance("y", "A", null)), List.of(),
                List.of(new BlockPort("in0", "y", "in0")), List.of(new BlockPort("out", "y", "out")));
        GraphSpec g = Graphs.graph().node("in", "Input", Map.of("shape", List.of(8))).node("blk", "Block", Map.of("block", "A"))
                .node("out", "Output", Map.of()).edge("in", "blk", "in0").edge("blk", "out").build();
        GraphAnalysis an = GraphAnalyzer.analyze(new GraphSpec(null, 1, "r", g.nodes(), g.edges(), List.of(a, b)));
        GraphProblem p = an.problems().stream().filter(x -> x.code().equals("BLOCK_CYCLE")).findFirst().orElseThrow();
        assertEquals("blk", p.nodeId());
        assertTrue(p.message().contains("A → B → A"), p.message());
    }

    @Test
    void aProblemInsideABlockIsPinnedToTheInstance() {
        GraphSpec g = twice(8);
        BlockSpec pair = g.blocks().getFirst();
        BlockSpec broken = new BlockSpec("pair", null, List.of(pair.nodes().getFirst(), new NodeSpec("b", "Conv2D", Map.of("filters", 4), null)),
                pair.edges(), pair.inputs(), pair.outputs());
        GraphAnalysis a = GraphAnalyzer.analyze(new GraphSpec(null, 1, "p", g.nodes(), g.edges(), List.of(broken)));
        GraphProblem p = a.problems().stream().filter(x -> x.code().equals("SHAPE_MISMATCH")).findFirst().orElseThrow();
        assertEquals("b1", p.nodeId());
        assertTrue(p.message().contains("'pair'") && p.message().contains("'b'"), p.message());
        assertNull(p.fix(), "a fix would edit the block's inside");
        assertTrue(a.problems().stream().allMatch(x -> x.nodeId() == null || g.node(x.nodeId()).isPresent()), a.problems().toString());
    }

    @Test
    void anUnknownBlockIsPinned() {
        GraphSpec g = twice(8);
        GraphAnalysis a = GraphAnalyzer.analyze(new GraphSpec(null, 1, "u", g.nodes(), g.edges(), List.of()));
        assertEquals(List.of("b1", "b2"), a.problems().stream().filter(x -> x.code().equals("UNKNOWN_BLOCK")).map(GraphProblem::nodeId).toList());
    }

    @Test
    void collapseRefusesInputOutputAndSelectionsWithoutInput() {
        GraphSpec g = stack();
        var withInput = assertThrows(IllegalArgumentException.class, () -> Blocks.collapse(g, List.of("in", "d1"), "x"));
        assertTrue(withInput.getMessage().contains("Input"), withInput.getMessage());
        var withOutput = assertThrows(IllegalArgumentException.class, () -> Blocks.collapse(g, List.of("d4", "out"), "x"));
        assertTrue(withOutput.getMessage().contains("Output"), withOutput.getMessage());
        GraphSpec loose = Graphs.graph().node("in", "Input", Map.of("shape", List.of(8))).node("d", "Dense", Map.of("units", 2)).build();
        var noInput = assertThrows(IllegalArgumentException.class, () -> Blocks.collapse(loose, List.of("d"), "x"));
        assertTrue(noInput.getMessage().contains("input"), noInput.getMessage());
        GraphSpec once = Blocks.collapse(g, List.of("d1"), "x");
        assertThrows(IllegalArgumentException.class, () -> Blocks.collapse(once, List.of("d3"), "x"), "name taken");
    }

    @Test
    void blocksSurviveJsonAndOldGraphsStillLoad() {
        GraphSpec g = twice(8);
        assertEquals(g, GraphJson.parse(GraphJson.write(g)));
        GraphSpec old = GraphJson.parse("{\"format\":\"netwright.graph\",\"version\":1,\"name\":\"o\",\"nodes\":[],\"edges\":[]}");
        assertEquals(List.of(), old.blocks());
    }
}
