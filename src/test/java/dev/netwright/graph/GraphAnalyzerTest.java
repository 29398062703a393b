package dev.netwright.graph;

import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.netwright.graph.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphAnalyzerTest {

    private static List<String> codesAt(GraphAnalysis a, String nodeId) {
        return a.problems().stream().filter(p -> nodeId.equals(p.nodeId())).map(GraphProblem::code).toList();
    }

    @Test
    void xorShapesAndParameterCounts() {
        GraphAnalysis a = GraphAnalyzer.analyze(Graphs.xor());
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.of(2), a.edgeShapes().get("e1"));
        assertEquals(Shape.of(4), a.edgeShapes().get("e2"));
        assertEquals(Shape.of(1), a.edgeShapes().get("e3"));
        assertEquals(12L, a.parameterCounts().get("h"));   // 2*4 + 4
        assertEquals(5L, a.parameterCounts().get("p"));    // 4*1 + 1
        assertEquals(17L, a.totalParameters());
        assertEquals(List.of("in", "h", "p", "out"), a.order());
    }

    @Test
    void cycleIsPinnedToEveryNodeOnIt() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("a", "Dense", Map.of("units", 3)).node("b", "Tanh", Map.of()).node("out", "Output", Map.of())
                .edge("b", "a").edge("a", "b").edge("b", "out").build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        assertFalse(a.isValid());
        assertTrue(codesAt(a, "a").contains("CYCLE"), a.problems().toString());
        assertTrue(codesAt(a, "b").contains("CYCLE"), a.problems().toString());
        assertTrue(codesAt(a, "in").contains("UNUSED"));
    }

    @Test
    void danglingEdgeAndUnconnectedPort() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(2))).node("d", "Dense", Map.of("units", 3))
                .node("out", "Output", Map.of()).edge("in", "ghost").edge("d", "out").build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        assertTrue(codesAt(a, "in").contains("DANGLING_EDGE"), a.problems().toString());
        GraphProblem missing = a.problems().stream().filter(p -> p.code().equals("MISSING_INPUT")).findFirst().orElseThrow();
        assertEquals("d", missing.nodeId());
        assertEquals("in", missing.port());
    }

    @Test
    void shapeMismatchIsPinnedToTheLayerThatCannotTakeIt() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(1, 28, 28))).node("d", "Dense", Map.of("units", 10))
                .node("out", "Output", Map.of("loss", "cross_entropy")).edge("in", "d").edge("d", "out").build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        GraphProblem p = a.problems().stream().filter(x -> x.code().equals("SHAPE_MISMATCH")).findFirst().orElseThrow();
        assertEquals("d", p.nodeId());
        assertEquals("Dense 'd' needs [N, features] but receives [N, 1, 28, 28] from 'in': insert Flatten?", p.message());
        assertEquals("Insert Flatten", p.fix().label());
    }

    @Test
    void classLossNeedsAScoreVector() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(2))).node("d", "Dense", Map.of("units", 1))
                .node("out", "Output", Map.of("loss", "cross_entropy")).edge("in", "d").edge("d", "out").build();
        assertEquals(List.of("SHAPE_MISMATCH"), codesAt(GraphAnalyzer.analyze(g), "out"));
    }

    @Test
    void badParametersNameTheParameterAndValue() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(2))).node("d", "Dense", Map.of("units", -3))
                .node("x", "Frobnicate", Map.of()).node("out", "Output", Map.of()).edge("in", "d").edge("d", "out").build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        GraphProblem bad = a.problems().stream().filter(p -> p.code().equals("BAD_PARAM")).findFirst().orElseThrow();
        assertEquals("d", bad.nodeId());
        assertTrue(bad.message().contains("units") && bad.message().contains("-3"), bad.message());
        assertEquals(List.of("UNKNOWN_TYPE", "UNUSED"), codesAt(a, "x"));
    }

    @Test
    void duplicateIdsAndMissingInputOrOutput() {
        GraphSpec g = graph().node("a", "Tanh", Map.of()).node("a", "ReLU", Map.of()).build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        List<String> codes = a.problems().stream().map(GraphProblem::code).toList();
        assertTrue(codes.containsAll(List.of("DUPLICATE_ID", "NO_INPUT", "NO_OUTPUT")), codes.toString());
    }

    @Test
    void secondConnectionToOnePortIsRejected() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(2))).node("t", "Tanh", Map.of())
                .node("out", "Output", Map.of()).edge("in", "out").edge("t", "out").edge("in", "t").build();
        assertTrue(codesAt(GraphAnalyzer.analyze(g), "out").contains("PORT_TAKEN"));
    }

    // ***** multi-input layers, convolution chains, recurrent shapes *****

    /** Input [3] → Dense a (units ua) and Dense b (units ub) → merge node "m" → Output. */
    private static Graphs twoBranches(int ua, int ub, String mergeType, Map<String, Object> mergeParams) {
        return graph().node("in", "Input", Map.of("shape", List.of(3)))
                .node("a", "Dense", Map.of("units", ua)).node("b", "Dense", Map.of("units", ub))
                .node("m", mergeType, mergeParams).node("out", "Output", Map.of())
                .edge("in", "a").edge("in", "b").edge("a", "m", "in0").edge("b", "m", "in1").edge("m", "out");
    }

    @Test
    void addShapeMismatchIsPinnedToTheAddNodeNamingBothShapes() {
        GraphAnalysis a = GraphAnalyzer.analyze(twoBranches(4, 3, "Add", Map.of()).build());
        GraphProblem p = a.problems().stream().filter(x -> x.code().equals("SHAPE_MISMATCH")).findFirst().orElseThrow();
        assertEquals("m", p.nodeId());
        assertTrue(p.message().contains("in0 is [4]") && p.message().contains("in1 is [3]"), p.message());
        assertEquals(List.of("SHAPE_MISMATCH"), codesAt(a, "m"));

        GraphAnalysis ok = GraphAnalyzer.analyze(twoBranches(4, 4, "Add", Map.of()).build());
        assertTrue(ok.isValid(), ok.problems().toString());
        assertEquals(Shape.of(4), ok.nodeShapes().get("m"));
        assertEquals(0L, ok.parameterCounts().get("m"));
    }

    @Test
    void concatJoinsAlongItsAxisAndRejectsAnAxisOutOfRange() {
        GraphAnalysis ok = GraphAnalyzer.analyze(twoBranches(4, 6, "Concat", Map.of()).build());
        assertTrue(ok.isValid(), ok.problems().toString());
        assertEquals(Shape.of(10), ok.nodeShapes().get("m"));

        GraphAnalysis bad = GraphAnalyzer.analyze(twoBranches(4, 6, "Concat", Map.of("axis", 1)).build());
        GraphProblem p = bad.problems().stream().filter(x -> x.code().equals("SHAPE_MISMATCH")).findFirst().orElseThrow();
        assertEquals("m", p.nodeId());
        assertTrue(p.message().contains("axis 1 is out of range") && p.message().contains("rank 1"), p.message());
    }

    @Test
    void mergePortsFollowTheInputsParameter() {
        // three ports: in2 unconnected, in3 does not exist
        GraphSpec g = twoBranches(4, 4, "Multiply", Map.of("inputs", 3)).edge("in", "m", "in3").build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        GraphProblem missing = a.problems().stream().filter(p -> p.code().equals("MISSING_INPUT")).findFirst().orElseThrow();
        assertEquals("m", missing.nodeId());
        assertEquals("in2", missing.port());
        GraphProblem badPort = a.problems().stream().filter(p -> p.code().equals("BAD_PORT")).findFirst().orElseThrow();
        assertEquals("in3", badPort.port());
        assertTrue(badPort.message().contains("[in0, in1, in2]"), badPort.message());

        GraphSpec three = twoBranches(4, 4, "Multiply", Map.of("inputs", 3)).node("c", "Dense", Map.of("units", 4))
                .edge("in", "c").edge("c", "m", "in2").build();
        GraphAnalysis ok = GraphAnalyzer.analyze(three);
        assertTrue(ok.isValid(), ok.problems().toString());
        assertEquals(List.of("a", "b", "c"), GraphAnalyzer.inputsOf(three, "m"));
    }

    @Test
    void residualBlockOverConvolutions() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(3, 16, 16)))
                .node("stem", "Conv2D", Map.of("filters", 8, "kernel", 3, "padding", "same", "activation", "relu"))
                .node("c1", "Conv2D", Map.of("filters", 8, "kernel", 3, "padding", 1, "activation", "relu"))
                .node("bn", "BatchNorm", Map.of())
                .node("sum", "Add", Map.of())
                .node("pool", "MaxPool2D", Map.of())
                .node("c2", "Conv2D", Map.of("filters", 4, "kernel", List.of(3, 1), "stride", 2))
                .node("gap", "GlobalAvgPool2D", Map.of())
                .node("out", "Output", Map.of())
                .edge("in", "stem").edge("stem", "c1").edge("c1", "bn").edge("stem", "sum", "in0").edge("bn", "sum", "in1")
                .edge("sum", "pool").edge("pool", "c2").edge("c2", "gap").edge("gap", "out").build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.of(8, 16, 16), a.nodeShapes().get("stem"));
        assertEquals(Shape.of(8, 16, 16), a.nodeShapes().get("sum"));
        assertEquals(Shape.of(8, 8, 8), a.nodeShapes().get("pool"));
        assertEquals(Shape.of(4, 3, 4), a.nodeShapes().get("c2"));
        assertEquals(Shape.of(4), a.nodeShapes().get("gap"));
        assertEquals(8L * 3 * 9 + 8, a.parameterCounts().get("stem"));
        assertEquals(16L, a.parameterCounts().get("bn"));
        assertEquals(4L * 8 * 3 + 4, a.parameterCounts().get("c2"));
    }

    @Test
    void convOnAFlatInputAsksForAReshape() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(784))).node("c", "Conv2D", Map.of())
                .node("out", "Output", Map.of()).edge("in", "c").edge("c", "out").build();
        GraphProblem p = GraphAnalyzer.analyze(g).problems().stream().filter(x -> x.code().equals("SHAPE_MISMATCH")).findFirst().orElseThrow();
        assertEquals("c", p.nodeId());
        assertEquals("Conv2D 'c' needs [N, C, H, W] but receives [N, 784] from 'in': insert Reshape(1, 28, 28)?", p.message());
    }

    @Test
    void recurrentShapes() {
        GraphSpec g = graph().node("in", "Input", Map.of("shape", List.of(12)))
                .node("emb", "Embedding", Map.of("vocabulary", 50, "dim", 8))
                .node("lstm", "LSTM", Map.of("units", 16, "return_sequences", true))
                .node("gru", "GRU", Map.of("units", 6, "return_sequences", true))
                .node("rnn", "SimpleRNN", Map.of("units", 5))
                .node("out", "Output", Map.of())
                .edge("in", "emb").edge("emb", "lstm").edge("lstm", "gru").edge("gru", "rnn").edge("rnn", "out").build();
        GraphAnalysis a = GraphAnalyzer.analyze(g);
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.of(12, 8), a.nodeShapes().get("emb"));
        assertEquals(Shape.of(12, 16), a.nodeShapes().get("lstm"));
        assertEquals(Shape.of(12, 6), a.nodeShapes().get("gru"));
        assertEquals(Shape.of(5), a.nodeShapes().get("rnn"));
        assertEquals(400L, a.parameterCounts().get("emb"));
        assertEquals(4L * 16 * (8 + 16 + 2), a.parameterCounts().get("lstm"));
        assertEquals(3L * 6 * (16 + 6 + 2), a.parameterCounts().get("gru"));
        assertEquals(5L * (6 + 5 + 2), a.parameterCounts().get("rnn"));

        GraphSpec flat = graph().node("in", "Input", Map.of("shape", List.of(12))).node("rnn", "SimpleRNN", Map.of())
                .node("out", "Output", Map.of()).edge("in", "rnn").edge("rnn", "out").build();
        GraphProblem p = GraphAnalyzer.analyze(flat).problems().stream().filter(x -> x.code().equals("SHAPE_MISMATCH")).findFirst().orElseThrow();
        assertEquals("rnn", p.nodeId());
        assertEquals("SimpleRNN 'rnn' needs [N, T, F] but receives [N, 12] from 'in': insert Reshape(12, 1)?", p.message());
    }
}
