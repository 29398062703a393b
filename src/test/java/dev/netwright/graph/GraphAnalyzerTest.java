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
        assertTrue(p.message().contains("[1, 28, 28]") && p.message().contains("Flatten"), p.message());
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
}
