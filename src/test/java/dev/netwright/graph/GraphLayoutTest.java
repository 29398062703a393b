package dev.netwright.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class GraphLayoutTest {

    private static NodeSpec node(String id, String type, double x, double y) {
        return new NodeSpec(id, type, Map.of(), new NodeSpec.Position(x, y));
    }

    private static EdgeSpec edge(String id, String from, String to, String port) {
        return new EdgeSpec(id, new EdgeSpec.PortRef(from, "out"), new EdgeSpec.PortRef(to, port));
    }

    private static NodeSpec.Position at(GraphSpec g, String id) {
        return g.node(id).orElseThrow().position();
    }

    /** input → a → b → add(in0), input → add(in1) (a skip connection) → output, scattered over the canvas. */
    private static GraphSpec residual() {
        return new GraphSpec(null, 1, "r", List.of(
                node("output", "Output", 0, 0), node("add", "Add", 900, 10), node("b", "ReLU", 20, 700),
                node("a", "Dense", 500, 300), node("input", "Input", 300, 900)),
                List.of(edge("e1", "input", "a", "in"), edge("e2", "a", "b", "in"), edge("e3", "b", "add", "in0"),
                        edge("e4", "input", "add", "in1"), edge("e5", "add", "output", "in")));
    }

    @Test
    void columnsFollowTheLongestPathAndEveryEdgePointsRight() {
        GraphSpec g = GraphLayout.layered(residual());
        assertEquals(List.of(40.0, 320.0, 600.0, 880.0, 1160.0),
                List.of(at(g, "input").x(), at(g, "a").x(), at(g, "b").x(), at(g, "add").x(), at(g, "output").x()),
                "the skip connection does not pull Add left: its column is its longest path");
        for (EdgeSpec e : g.edges()) assertTrue(at(g, e.from().node()).x() < at(g, e.to().node()).x(), e.toString());
        assertEquals(residual().edges(), g.edges(), "only positions change");
        assertEquals(residual().nodes().stream().map(NodeSpec::id).toList(), g.nodes().stream().map(NodeSpec::id).toList());
    }

    @Test
    void nodesOfOneColumnSitOneAboveTheOtherCentredBesideEachOther() {
        List<NodeSpec> nodes = new ArrayList<>(List.of(node("input", "Input", 0, 0), node("output", "Output", 0, 0)));
        List<EdgeSpec> edges = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(node("d" + i, "Dense", 0, 100 * (2 - i))); // bottom to top on the canvas
            edges.add(edge("a" + i, "input", "d" + i, "in"));
        }
        nodes.add(node("cat", "Concat", 0, 0));
        for (int i = 0; i < 3; i++) edges.add(edge("b" + i, "d" + i, "cat", "in" + i));
        edges.add(edge("c", "cat", "output", "in"));
        GraphSpec g = GraphLayout.layered(new GraphSpec(null, 1, "fan", nodes, edges));

        assertEquals(at(g, "d1").x(), at(g, "d0").x());
        assertEquals(List.of(40.0, 180.0, 320.0), List.of(at(g, "d2").y(), at(g, "d1").y(), at(g, "d0").y()),
                "the column keeps the canvas's top-to-bottom order, one row apart");
        assertEquals(at(g, "d1").y(), at(g, "input").y(), "a column of one is centred beside the tallest");
        assertEquals(at(g, "d1").y(), at(g, "output").y());
    }

    @Test
    void nodesOnACycleGoRightOfTheRestAndNothingIsLost() {
        GraphSpec g = GraphLayout.layered(new GraphSpec(null, 1, "c", List.of(
                node("input", "Input", 0, 0), node("x", "ReLU", 0, 0), node("y", "ReLU", 0, 0), node("lone", "Tanh", 0, 0)),
                List.of(edge("e1", "x", "y", "in"), edge("e2", "y", "x", "in"), edge("e3", "ghost", "x", "in"))));
        assertEquals(4, g.nodes().size());
        assertTrue(at(g, "x").x() > at(g, "input").x());
        assertNotEquals(at(g, "x").x(), at(g, "y").x());
    }
}
