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
    void rowsFollowTheLongestPathAndEveryEdgePointsDown() {
        GraphSpec g = GraphLayout.layered(residual());
        assertEquals(List.of(40.0, 160.0, 280.0, 400.0, 520.0),
                List.of(at(g, "input").y(), at(g, "a").y(), at(g, "b").y(), at(g, "add").y(), at(g, "output").y()),
                "the skip connection does not pull Add up: its row is its longest path");
        for (EdgeSpec e : g.edges()) assertTrue(at(g, e.from().node()).y() < at(g, e.to().node()).y(), e.toString());
        assertEquals(residual().edges(), g.edges(), "only positions change");
        assertEquals(residual().nodes().stream().map(NodeSpec::id).toList(), g.nodes().stream().map(NodeSpec::id).toList());
    }

    @Test
    void nodesOfOneRowSitSideBySideCentredUnderEachOther() {
        List<NodeSpec> nodes = new ArrayList<>(List.of(node("input", "Input", 0, 0), node("output", "Output", 0, 0)));
        List<EdgeSpec> edges = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(node("d" + i, "Dense", 100 * (2 - i), 0)); // right to left on the canvas
            edges.add(edge("a" + i, "input", "d" + i, "in"));
        }
        nodes.add(node("cat", "Concat", 0, 0));
        for (int i = 0; i < 3; i++) edges.add(edge("b" + i, "d" + i, "cat", "in" + i));
        edges.add(edge("c", "cat", "output", "in"));
        GraphSpec g = GraphLayout.layered(new GraphSpec(null, 1, "fan", nodes, edges));

        assertEquals(at(g, "d1").y(), at(g, "d0").y());
        assertEquals(List.of(40.0, 240.0, 440.0), List.of(at(g, "d2").x(), at(g, "d1").x(), at(g, "d0").x()),
                "the row keeps the canvas's left-to-right order, one column apart");
        assertEquals(at(g, "d1").x(), at(g, "input").x(), "a row of one is centred under the widest");
        assertEquals(at(g, "d1").x(), at(g, "output").x());
    }

    @Test
    void nodesOnACycleGoBelowTheRestAndNothingIsLost() {
        GraphSpec g = GraphLayout.layered(new GraphSpec(null, 1, "c", List.of(
                node("input", "Input", 0, 0), node("x", "ReLU", 0, 0), node("y", "ReLU", 0, 0), node("lone", "Tanh", 0, 0)),
                List.of(edge("e1", "x", "y", "in"), edge("e2", "y", "x", "in"), edge("e3", "ghost", "x", "in"))));
        assertEquals(4, g.nodes().size());
        assertTrue(at(g, "x").y() > at(g, "input").y());
        assertNotEquals(at(g, "x").y(), at(g, "y").y());
    }
}
