package dev.netwright.graph;

import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.netwright.graph.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphFixesTest {

    private static GraphProblem only(GraphAnalysis a, String code) {
        List<GraphProblem> ps = a.problems().stream().filter(p -> p.code().equals(code)).toList();
        assertEquals(1, ps.size(), a.problems().toString());
        return ps.getFirst();
    }

    /** Applies the problem's fix and checks that the result is valid. */
    private static GraphAnalysis applyAndCheck(GraphSpec g, GraphProblem p) {
        GraphSpec fixed = GraphFixes.apply(g, p.fix());
        GraphAnalysis a = GraphAnalyzer.analyze(fixed);
        assertTrue(a.isValid(), a.problems().toString());
        return a;
    }

    private static GraphSpec flatInto(int width, String type) {
        return graph().node("input", "Input", Map.of("shape", List.of(width))).node("conv1", type, Map.of("filters", 4, "kernel", 3))
                .node("gap", "GlobalAvgPool2D", Map.of()).node("out", "Output", Map.of())
                .edge("input", "conv1").edge("conv1", "gap").edge("gap", "out").build();
    }

    @Test
    void flatVectorIntoConv2DGetsAReshapeToAPlausibleImage() {
        GraphSpec g = flatInto(784, "Conv2D");
        GraphProblem p = only(GraphAnalyzer.analyze(g), "SHAPE_MISMATCH");
        assertEquals("conv1", p.nodeId());
        assertEquals("Conv2D 'conv1' needs [N, C, H, W] but receives [N, 784] from 'input': insert Reshape(1, 28, 28)?", p.message());
        assertEquals("Insert Reshape(1, 28, 28)", p.fix().label());
        assertEquals(List.of(new GraphEdit.InsertNode("e1", "reshape", "Reshape", Map.of("shape", List.of(1, 28, 28)))), p.fix().edits());

        GraphAnalysis a = applyAndCheck(g, p);
        assertEquals(Shape.of(1, 28, 28), a.nodeShapes().get("reshape"));
        assertEquals(Shape.of(4, 26, 26), a.nodeShapes().get("conv1"));
        assertEquals(List.of("input", "reshape", "conv1", "gap", "out"), a.order());

        GraphProblem rgb = only(GraphAnalyzer.analyze(flatInto(3072, "Conv2D")), "SHAPE_MISMATCH");
        assertEquals("Insert Reshape(3, 32, 32)", rgb.fix().label());
        applyAndCheck(flatInto(3072, "Conv2D"), rgb);
    }

    @Test
    void noFixWithoutAPlausibleImage() {
        GraphProblem p = only(GraphAnalyzer.analyze(flatInto(1000, "Conv2D")), "SHAPE_MISMATCH");
        assertNull(p.fix());
        assertEquals("Conv2D expects [channels, height, width], got [1000]; add a Reshape before it", p.message());
    }

    @Test
    void insertedNodesTakeAFreeIdAndTheMidpoint() {
        GraphSpec g = new GraphSpec(null, 1, "t", List.of(
                new NodeSpec("reshape", "Input", Map.of("shape", List.of(784)), new NodeSpec.Position(100, 40)),
                new NodeSpec("c", "MaxPool2D", Map.of(), new NodeSpec.Position(100, 280)),
                new NodeSpec("out", "Output", Map.of(), new NodeSpec.Position(100, 400))),
                List.of(new EdgeSpec("a", new EdgeSpec.PortRef("reshape", "out"), new EdgeSpec.PortRef("c", "in")),
                        new EdgeSpec("b", new EdgeSpec.PortRef("c", "out"), new EdgeSpec.PortRef("out", "in"))));
        GraphProblem p = only(GraphAnalyzer.analyze(g), "SHAPE_MISMATCH");
        GraphSpec fixed = GraphFixes.apply(g, p.fix());
        NodeSpec inserted = fixed.node("reshape_2").orElseThrow();
        assertEquals(new NodeSpec.Position(100, 160), inserted.position());
        assertEquals(List.of("reshape", "reshape_2", "c", "out"), fixed.nodes().stream().map(NodeSpec::id).toList());
        // the split edge keeps its id up to the new node; a fresh edge continues to the old target
        assertEquals(new EdgeSpec("a", new EdgeSpec.PortRef("reshape", "out"), new EdgeSpec.PortRef("reshape_2", "in")), fixed.edges().get(0));
        assertEquals(new EdgeSpec("e3", new EdgeSpec.PortRef("reshape_2", "out"), new EdgeSpec.PortRef("c", "in")), fixed.edges().get(1));
        assertTrue(GraphAnalyzer.analyze(fixed).isValid());
    }

    @Test
    void featureMapIntoDenseOrAClassOutputGetsAFlatten() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(16, 5, 5))).node("fc", "Dense", Map.of("units", 10))
                .node("out", "Output", Map.of("loss", "cross_entropy")).edge("in", "fc").edge("fc", "out").build();
        GraphProblem p = only(GraphAnalyzer.analyze(g), "SHAPE_MISMATCH");
        assertEquals("Dense 'fc' needs [N, features] but receives [N, 16, 5, 5] from 'in': insert Flatten?", p.message());
        assertEquals("Insert Flatten", p.fix().label());
        GraphAnalysis a = applyAndCheck(g, p);
        assertEquals(Shape.of(400), a.nodeShapes().get("flatten"));
        assertEquals(4010L, a.parameterCounts().get("fc"));

        GraphSpec direct = graph().node("in", "Input", Map.of("shape", List.of(16, 5, 5)))
                .node("out", "Output", Map.of("loss", "cross_entropy")).edge("in", "out").build();
        GraphProblem q = only(GraphAnalyzer.analyze(direct), "SHAPE_MISMATCH");
        assertEquals("Output 'out' needs [N, classes] but receives [N, 16, 5, 5] from 'in': insert Flatten?", q.message());
        applyAndCheck(direct, q);
    }

    @Test
    void dataDependentAndUnconnectedProblemsHaveNoFix() {
        // one score for a class loss: the class count depends on the data set
        GraphSpec narrow = graph().node("in", "Input", Map.of("shape", List.of(2))).node("d", "Dense", Map.of("units", 1))
                .node("out", "Output", Map.of("loss", "cross_entropy")).edge("in", "d").edge("d", "out").build();
        assertNull(only(GraphAnalyzer.analyze(narrow), "SHAPE_MISMATCH").fix());
        GraphSpec open = graph().node("in", "Input", Map.of("shape", List.of(2))).node("d", "Dense", Map.of())
                .node("out", "Output", Map.of()).edge("d", "out").build();
        assertNull(only(GraphAnalyzer.analyze(open), "MISSING_INPUT").fix());
    }

    @Test
    void flatVectorIntoRecurrentOr1DLayersGetsAReshape() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(12))).node("lstm", "LSTM", Map.of("units", 4))
                .node("out", "Output", Map.of()).edge("in", "lstm").edge("lstm", "out").build();
        GraphProblem p = only(GraphAnalyzer.analyze(g), "SHAPE_MISMATCH");
        assertEquals("LSTM 'lstm' needs [N, T, F] but receives [N, 12] from 'in': insert Reshape(12, 1)?", p.message());
        assertEquals(Shape.of(12, 1), applyAndCheck(g, p).nodeShapes().get("reshape"));

        GraphSpec c = graph().node("in", "Input", Map.of("shape", List.of(32))).node("conv", "Conv1D", Map.of())
                .node("out", "Output", Map.of()).edge("in", "conv").edge("conv", "out").build();
        GraphProblem q = only(GraphAnalyzer.analyze(c), "SHAPE_MISMATCH");
        assertEquals("Insert Reshape(1, 32)", q.fix().label());
        applyAndCheck(c, q);
    }

    @Test
    void addOfDifferentWidthsGetsADenseProjection() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(3)))
                .node("a", "Dense", Map.of("units", 4)).node("b", "Dense", Map.of("units", 3))
                .node("m", "Add", Map.of()).node("out", "Output", Map.of())
                .edge("in", "a").edge("in", "b").edge("a", "m", "in0").edge("b", "m", "in1").edge("m", "out").build();
        GraphProblem p = only(GraphAnalyzer.analyze(g), "SHAPE_MISMATCH");
        assertEquals("Add 'm' needs inputs of one shape: in0 is [4] from 'a' but in1 is [3] from 'b': insert Dense(4) after 'b'?", p.message());
        GraphAnalysis a = applyAndCheck(g, p);
        assertEquals(Shape.of(4), a.nodeShapes().get("dense"));
        assertEquals(List.of("a", "dense"), GraphAnalyzer.inputsOf(GraphFixes.apply(g, p.fix()), "m"));
    }

    @Test
    void addOfDifferentChannelCountsGetsA1x1Convolution() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(3, 8, 8)))
                .node("a", "Conv2D", Map.of("filters", 8, "padding", "same")).node("b", "Conv2D", Map.of("filters", 4, "padding", "same"))
                .node("m", "Add", Map.of()).node("gap", "GlobalAvgPool2D", Map.of()).node("out", "Output", Map.of())
                .edge("in", "a").edge("in", "b").edge("a", "m", "in0").edge("b", "m", "in1").edge("m", "gap").edge("gap", "out").build();
        GraphProblem p = only(GraphAnalyzer.analyze(g), "SHAPE_MISMATCH");
        assertEquals("Insert Conv2D(8, 1×1) after 'b'", p.fix().label());
        assertEquals(Shape.of(8, 8, 8), applyAndCheck(g, p).nodeShapes().get("conv2d"));
    }

    @Test
    void setParamAndRemoveNode() {
        GraphSpec xor = Graphs.xor();
        GraphSpec wider = GraphFixes.apply(xor, new GraphFix("Widen", List.of(new GraphEdit.SetParam("h", "units", 8))));
        assertEquals(8, wider.node("h").orElseThrow().params().get("units"));
        assertEquals("tanh", wider.node("h").orElseThrow().params().get("activation"));
        assertEquals(xor.node("h").orElseThrow().position(), wider.node("h").orElseThrow().position());
        GraphSpec reset = GraphFixes.apply(wider, new GraphEdit.SetParam("h", "activation", null));
        assertTrue(!reset.node("h").orElseThrow().params().containsKey("activation"));

        GraphSpec shorter = GraphFixes.apply(xor, new GraphEdit.RemoveNode("h"));
        assertEquals(List.of("in", "p", "out"), shorter.nodes().stream().map(NodeSpec::id).toList());
        assertEquals(List.of("in", "p"), List.of(shorter.edges().getFirst().from().node(), shorter.edges().getFirst().to().node()));
        assertEquals("e2", shorter.edges().getFirst().id());
        GraphAnalysis a = GraphAnalyzer.analyze(shorter);
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(3L, a.parameterCounts().get("p"));
    }

    @Test
    void editsThatCannotBeDoneSayWhy() {
        GraphSpec xor = Graphs.xor();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphFixes.apply(xor,
                new GraphEdit.InsertNode("nope", null, "Flatten", Map.of()))).getMessage().contains("no edge 'nope'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphFixes.apply(xor,
                new GraphEdit.InsertNode("e1", "h", "Flatten", Map.of()))).getMessage().contains("already has a node 'h'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphFixes.apply(xor,
                new GraphEdit.InsertNode("e1", null, "Add", Map.of()))).getMessage().contains("one input port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphFixes.apply(xor,
                new GraphEdit.SetParam("ghost", "units", 3))).getMessage().contains("no node 'ghost'"));
        GraphSpec merge = graph().node("in", "Input", Map.of("shape", List.of(3))).node("m", "Add", Map.of()).node("out", "Output", Map.of())
                .edge("in", "m", "in0").edge("in", "m", "in1").edge("m", "out").build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphFixes.apply(merge, new GraphEdit.RemoveNode("m")))
                .getMessage().contains("2 incoming connections"));
    }

    @Test
    void plausibleImages() {
        assertEquals(List.of(1, 28, 28), List.of(boxed(GraphFixes.plausibleImage(784))));
        assertEquals(List.of(3, 32, 32), List.of(boxed(GraphFixes.plausibleImage(3072))));
        assertEquals(List.of(3, 28, 28), List.of(boxed(GraphFixes.plausibleImage(2352))));
        assertNull(GraphFixes.plausibleImage(1000));
        assertNull(GraphFixes.plausibleImage(9));   // 3×3: too small to be an image
    }

    private static Integer[] boxed(int[] a) {
        return java.util.Arrays.stream(a).boxed().toArray(Integer[]::new);
    }
}
