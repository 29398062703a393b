package dev.netwright.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphDiffTest {

    private static NodeSpec node(String id, String type, Map<String, Object> params, double x, double y) {
        return new NodeSpec(id, type, params, new NodeSpec.Position(x, y));
    }

    private static EdgeSpec edge(String id, String from, String to) {
        return new EdgeSpec(id, new EdgeSpec.PortRef(from, "out"), new EdgeSpec.PortRef(to, "in"));
    }

    private static final GraphSpec A = new GraphSpec(null, 1, "v1", List.of(
            node("in", "Input", Map.of("shape", List.of(2)), 0, 0),
            node("h", "Dense", Map.of("units", 4, "activation", "tanh"), 0, 120),
            node("p", "Dense", Map.of("units", 1, "activation", "sigmoid"), 0, 240),
            node("act", "ReLU", Map.of(), 200, 240),
            node("out", "Output", Map.of("loss", "bce"), 0, 360)),
            List.of(edge("e1", "in", "h"), edge("e2", "h", "p"), edge("e3", "p", "out")));

    private static final GraphSpec B = new GraphSpec(null, 1, "v2", List.of(
            node("in", "Input", Map.of("shape", List.of(2.0)), 40, 0),                              // moved only (2 = 2.0)
            node("h", "Dense", Map.of("units", 8, "activation", "tanh", "bias", true), 0, 160),     // units changed, moved too
            node("q", "Dense", Map.of("units", 1, "activation", "sigmoid"), 0, 240),                // added
            node("act", "Tanh", Map.of(), 200, 240),                                                // type changed
            node("out", "Output", Map.of("loss", "bce"), 0, 360)),                                  // unchanged
            List.of(edge("x1", "in", "h"), edge("x2", "h", "q"), edge("x3", "q", "out")));

    @Test
    void addedRemovedChangedAndMovedNodes() {
        GraphDiff d = GraphDiff.between(A, B);
        assertEquals(List.of("q"), d.added().stream().map(NodeSpec::id).toList());
        assertEquals(List.of("p"), d.removed().stream().map(NodeSpec::id).toList());
        assertEquals(List.of("h", "act"), d.changed().stream().map(GraphDiff.NodeChange::nodeId).toList());
        // an explicit default (bias: true) is no change; the position of a changed node is not listed
        assertEquals(List.of(new GraphDiff.ParamChange("units", 4, 8)), d.changed().getFirst().params());
        assertFalse(d.changed().getFirst().typeChanged());
        GraphDiff.NodeChange act = d.changed().get(1);
        assertTrue(act.typeChanged());
        assertEquals(List.of("ReLU", "Tanh"), List.of(act.oldType(), act.newType()));
        assertEquals(List.of(new GraphDiff.NodeMove("in", new NodeSpec.Position(0, 0), new NodeSpec.Position(40, 0))), d.moved());

        assertEquals(GraphDiff.Status.ADDED, d.statusOf("q"));
        assertEquals(GraphDiff.Status.REMOVED, d.statusOf("p"));
        assertEquals(GraphDiff.Status.CHANGED, d.statusOf("h"));
        assertEquals(GraphDiff.Status.MOVED, d.statusOf("in"));
        assertEquals(GraphDiff.Status.UNCHANGED, d.statusOf("out"));
        assertFalse(d.isEmpty());
    }

    @Test
    void edgesAreMatchedByTheirEndsNotTheirIds() {
        GraphDiff d = GraphDiff.between(A, B);
        assertEquals(List.of("x2", "x3"), d.addedEdges().stream().map(EdgeSpec::id).toList());
        assertEquals(List.of("e2", "e3"), d.removedEdges().stream().map(EdgeSpec::id).toList());
    }

    @Test
    void aDesignAgainstItselfOrOnlyMovedIsEmpty() {
        assertTrue(GraphDiff.between(A, A).isEmpty());
        assertTrue(GraphDiff.between(A, A).moved().isEmpty());
        GraphSpec shifted = new GraphSpec(null, 1, "v1", A.nodes().stream()
                .map(n -> new NodeSpec(n.id(), n.type(), n.params(), new NodeSpec.Position(n.position().x() + 10, n.position().y()))).toList(),
                A.edges());
        GraphDiff d = GraphDiff.between(A, shifted);
        assertTrue(d.isEmpty());
        assertEquals(5, d.moved().size());
    }

    @Test
    void parameterValuesCompareAsJson() {
        assertTrue(GraphDiff.same(4, 4.0));
        assertTrue(GraphDiff.same(List.of(5, 5), List.of(5.0, 5)));
        assertTrue(GraphDiff.same("2", 2));
        assertFalse(GraphDiff.same("same", 2));
        assertFalse(GraphDiff.same(List.of(5), List.of(5, 5)));
        // a parameter added with a non-default value, and one removed back to its default
        GraphSpec a = new GraphSpec(null, 1, "a", List.of(node("c", "Conv2D", Map.of("padding", "same"), 0, 0)), List.of());
        GraphSpec b = new GraphSpec(null, 1, "b", List.of(node("c", "Conv2D", Map.of("filters", 16), 0, 0)), List.of());
        assertEquals(List.of(new GraphDiff.ParamChange("filters", 8, 16), new GraphDiff.ParamChange("padding", "same", "valid")),
                GraphDiff.between(a, b).changed().getFirst().params());
    }
}
