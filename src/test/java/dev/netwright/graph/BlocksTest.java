package dev.netwright.graph;

import dev.netwright.engine.Shape;
import dev.netwright.projects.GraphJson;
import dev.netwright.projects.TemplateService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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
    void theInstanceTakesTheLeftmostSelectedLayersPlaceNotAnotherLayers() {
        // d2 and d3 selected: the corner of their box (x of d2, y of d3) is where d4 stands
        GraphSpec g = stack();
        Map<String, NodeSpec.Position> at = Map.of("in", new NodeSpec.Position(0, 0), "d1", new NodeSpec.Position(200, 0),
                "d2", new NodeSpec.Position(400, 200), "d3", new NodeSpec.Position(600, 0), "d4", new NodeSpec.Position(400, 0),
                "out", new NodeSpec.Position(800, 0));
        g = g.with(g.nodes().stream().map(n -> new NodeSpec(n.id(), n.type(), n.params(), at.get(n.id()))).toList(), g.edges());
        GraphSpec collapsed = Blocks.collapse(g, List.of("d2", "d3"), "mid");
        NodeSpec instance = collapsed.nodes().stream().filter(Blocks::isInstance).findFirst().orElseThrow();
        assertEquals(new NodeSpec.Position(400, 200), instance.position());
        assertTrue(collapsed.nodes().stream().filter(n -> n != instance).noneMatch(n -> n.position().equals(instance.position())));
    }

    @Test
    void theSameProblemInSeveralLayersOfAnInstanceIsOneLine() {
        // an instance of "pair" with its input connected and its output going nowhere: both of its layers "do not lead
        // to the Output"; the instance shows that once
        GraphSpec g = twice(8);
        GraphSpec cut = g.with(g.nodes(), g.edges().stream().filter(e -> !e.to().node().equals("out")).toList());
        List<GraphProblem> own = GraphAnalyzer.analyze(cut).problemsAt("b2");
        List<String> texts = own.stream().map(GraphProblem::message).toList();
        assertEquals(texts.size(), texts.stream().map(t -> t.replaceAll("layer '[ab]'", "layer ?")).distinct().count(),
                "no two lines say the same of two layers: " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains("(and 1 more of its layers)")), texts.toString());
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

    /** The nodes of resnet-mini's first residual block: pool0 feeds both b1_conv1 and b1_add (the skip). */
    private static final List<String> RESIDUAL = List.of("b1_conv1", "b1_bn1", "b1_relu1", "b1_conv2", "b1_bn2", "b1_add", "b1_out");

    @Test
    void collapsingAResidualBlockGivesOneInputForTheTensorItReadsTwice() {
        GraphSpec g = new TemplateService().find("resnet-mini").orElseThrow().graph();
        GraphAnalysis before = GraphAnalyzer.analyze(g);
        GraphSpec collapsed = Blocks.collapse(g, RESIDUAL, "Residual");

        BlockSpec res = collapsed.block("Residual").orElseThrow();
        assertEquals(List.of("in0"), res.inputNames());
        assertEquals(List.of(new BlockPort("in0", "b1_conv1", "in"), new BlockPort("in0", "b1_add", "in0")), res.inputs(),
                "one port feeding both places pool0 fed");
        assertEquals(List.of("out"), res.outputNames());
        assertEquals(List.of("pool0"), collapsed.edges().stream().filter(e -> e.to().node().equals("block1")).map(e -> e.from().node()).toList());

        GraphAnalysis a = GraphAnalyzer.analyze(collapsed);
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(before.totalParameters(), a.totalParameters());
        assertEquals(before.nodeShapes().get("b1_out"), a.nodeShapes().get("block1"));
        for (NodeSpec n : collapsed.nodes()) {
            if (!n.id().equals("block1")) assertEquals(before.nodeShapes().get(n.id()), a.nodeShapes().get(n.id()), n.id());
        }
        for (EdgeSpec e : collapsed.edges()) assertEquals(before.edgeShapes().get(e.id()), a.edgeShapes().get(e.id()), e.id());

        GraphSpec expanded = Blocks.expandInstance(collapsed, "block1");
        GraphAnalysis after = GraphAnalyzer.analyze(expanded);
        assertEquals(g.edges().size(), expanded.edges().size(), "the skip connection comes back as its own edge");
        assertEquals(before.parameterCounts(), after.parameterCounts());
        for (NodeSpec n : g.nodes()) assertEquals(before.nodeShapes().get(n.id()), after.nodeShapes().get(n.id()), n.id());
    }

    @Test
    void aCollapsedResidualBlockIsReusedWithOneConnectionIn() {
        GraphSpec g = new TemplateService().find("resnet-mini").orElseThrow().graph();
        GraphAnalysis before = GraphAnalyzer.analyze(g);
        GraphSpec collapsed = Blocks.collapse(g, RESIDUAL, "Residual");
        // the second residual block (b2_*) replaced by an instance of the first: pool1 → block2 → gap
        List<NodeSpec> nodes = new ArrayList<>(collapsed.nodes().stream().filter(n -> !n.id().startsWith("b2_")).toList());
        nodes.add(Blocks.instance("block2", "Residual", null));
        List<EdgeSpec> edges = new ArrayList<>(collapsed.edges().stream()
                .filter(e -> !e.from().node().startsWith("b2_") && !e.to().node().startsWith("b2_")).toList());
        edges.add(new EdgeSpec("r1", new EdgeSpec.PortRef("pool1", "out"), new EdgeSpec.PortRef("block2", "in0")));
        edges.add(new EdgeSpec("r2", new EdgeSpec.PortRef("block2", "out"), new EdgeSpec.PortRef("gap", "in")));
        GraphAnalysis a = GraphAnalyzer.analyze(collapsed.with(nodes, edges));
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(before.totalParameters(), a.totalParameters(), "both residual blocks have the same layers");
        assertEquals(before.nodeShapes().get("logits"), a.nodeShapes().get("logits"));
    }

    @Test
    void aLayerWhoseOutputGoesNowhereBecomesABlockOutput() {
        GraphSpec open = Graphs.graph().node("in", "Input", Map.of("shape", List.of(8))).node("dense1", "Dense", Map.of("units", 4))
                .edge("in", "dense1").build();
        BlockSpec one = Blocks.collapse(open, List.of("dense1"), "b").block("b").orElseThrow();
        assertEquals(List.of(new BlockPort("out", "dense1", "out")), one.outputs());

        // d1 is read only inside the selection, d2 nowhere: one output, d2's
        GraphSpec tail = Graphs.graph().node("in", "Input", Map.of("shape", List.of(8))).node("d1", "Dense", Map.of("units", 4))
                .node("d2", "Dense", Map.of("units", 2)).edge("in", "d1").edge("d1", "d2").build();
        assertEquals(List.of(new BlockPort("out", "d2", "out")), Blocks.collapse(tail, List.of("d1", "d2"), "b").block("b").orElseThrow().outputs());

        // d1 feeds two layers outside and d2 goes nowhere: one output per inner port, the connected one first
        GraphSpec fan = Graphs.graph().node("in", "Input", Map.of("shape", List.of(8))).node("d1", "Dense", Map.of("units", 4))
                .node("d2", "Dense", Map.of("units", 2)).node("x", "ReLU", Map.of()).node("y", "ReLU", Map.of())
                .edge("in", "d1").edge("d1", "d2").edge("d1", "x").edge("d1", "y").build();
        GraphSpec collapsed = Blocks.collapse(fan, List.of("d1", "d2"), "b");
        assertEquals(List.of(new BlockPort("out0", "d1", "out"), new BlockPort("out1", "d2", "out")), collapsed.block("b").orElseThrow().outputs());
        assertEquals(List.of("out0", "out0"), collapsed.edges().stream().filter(e -> e.from().node().equals("block1")).map(e -> e.from().port()).toList());
    }

    @Test
    void collapsingAnInstanceKeepsEachOfItsOutputPorts() {
        // "two": Dense a → Dense b, both outputs exposed; t.out0 and t.out1 are added outside
        BlockSpec two = new BlockSpec("two", null,
                List.of(new NodeSpec("a", "Dense", Map.of("units", 4), null), new NodeSpec("b", "Dense", Map.of("units", 4), null)),
                List.of(new EdgeSpec("e1", new EdgeSpec.PortRef("a", "out"), new EdgeSpec.PortRef("b", "in"))),
                List.of(new BlockPort("in0", "a", "in")), List.of(new BlockPort("out0", "a", "out"), new BlockPort("out1", "b", "out")));
        GraphSpec flat = Graphs.graph().node("in", "Input", Map.of("shape", List.of(8))).node("t", "Block", Map.of("block", "two"))
                .node("add", "Add", Map.of()).node("out", "Output", Map.of("loss", "mse")).edge("in", "t", "in0").edge("add", "out").build();
        List<EdgeSpec> edges = new ArrayList<>(flat.edges());
        edges.add(new EdgeSpec("x0", new EdgeSpec.PortRef("t", "out0"), new EdgeSpec.PortRef("add", "in0")));
        edges.add(new EdgeSpec("x1", new EdgeSpec.PortRef("t", "out1"), new EdgeSpec.PortRef("add", "in1")));
        GraphSpec g = new GraphSpec(null, 1, "n", flat.nodes(), edges, List.of(two));
        GraphAnalysis before = GraphAnalyzer.analyze(g);
        assertTrue(before.isValid(), before.problems().toString());

        GraphSpec collapsed = Blocks.collapse(g, List.of("t"), "outer");
        assertEquals(List.of(new BlockPort("out0", "t", "out0"), new BlockPort("out1", "t", "out1")), collapsed.block("outer").orElseThrow().outputs());
        GraphAnalysis a = GraphAnalyzer.analyze(collapsed);
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(before.totalParameters(), a.totalParameters());
    }

    @Test
    void adoptReusesAnEqualDefinitionAndRenamesADifferentOneWithTheInstancesUsingIt() {
        BlockSpec pair = twice(8).blocks().getFirst();            // "pair": Dense 16 → Dense 8
        BlockSpec otherPair = twice(4).blocks().getFirst();       // "pair": Dense 16 → Dense 4
        BlockSpec outer = new BlockSpec("outer", null, List.of(Blocks.instance("p", "pair", null)), List.of(),
                List.of(new BlockPort("in0", "p", "in0")), List.of(new BlockPort("out", "p", "out")));

        Blocks.Adoption same = Blocks.adopt(List.of(pair, outer), List.of(pair, outer));
        assertEquals(List.of(), same.added());
        assertEquals("pair", same.name("pair"));

        // the target's "pair" differs: the incoming one becomes "pair 2", and the incoming "outer" (which uses it) too
        Blocks.Adoption other = Blocks.adopt(List.of(otherPair, outer), List.of(pair, outer));
        assertEquals("pair 2", other.name("pair"));
        assertEquals("outer 2", other.name("outer"));
        assertEquals(List.of("pair 2", "outer 2"), other.added().stream().map(BlockSpec::name).toList());
        assertEquals("pair 2", Blocks.blockOf(other.added().get(1).nodes().getFirst()));
        assertEquals(pair.nodes(), other.added().getFirst().nodes());

        // adopting the same definitions again reuses the copies
        List<BlockSpec> target = new ArrayList<>(List.of(otherPair, outer));
        target.addAll(other.added());
        Blocks.Adoption again = Blocks.adopt(target, List.of(pair, outer));
        assertEquals(List.of(), again.added());
        assertEquals("outer 2", again.name("outer"));
    }
}
