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

    /** A deep chain wraps into bands below each other, so that the whole is about as wide as the canvas is, not a thin line. */
    @Test
    void aDeepChainWrapsIntoBands() {
        List<NodeSpec> nodes = new ArrayList<>(List.of(node("input", "Input", 0, 0)));
        List<EdgeSpec> edges = new ArrayList<>();
        String previous = "input";
        for (int i = 0; i < 30; i++) {
            nodes.add(node("d" + i, "Dense", 0, 0));
            edges.add(edge("e" + i, previous, "d" + i, "in"));
            previous = "d" + i;
        }
        GraphSpec g = GraphLayout.layered(new GraphSpec(null, 1, "deep", nodes, edges));
        double minX = Double.MAX_VALUE, maxX = 0, minY = Double.MAX_VALUE, maxY = 0;
        for (NodeSpec n : g.nodes()) {
            minX = Math.min(minX, n.position().x());
            maxX = Math.max(maxX, n.position().x());
            minY = Math.min(minY, n.position().y());
            maxY = Math.max(maxY, n.position().y());
        }
        double width = maxX - minX + 180, height = maxY - minY + 100;
        assertTrue(width / height > 0.8 && width / height < 3.2, "bands " + width + " × " + height);
        int perBand = GraphLayout.columnsPerBand(31, GraphLayout.ROW + 100);
        assertTrue(perBand < 31, "31 columns wrap");
        assertEquals(at(g, "input").y(), at(g, "d" + (perBand - 2)).y(), "the first band holds " + perBand + " columns");
        assertTrue(at(g, "d" + (perBand - 1)).y() > at(g, "input").y(), "the next column starts the second band");
        assertEquals(at(g, "input").x(), at(g, "d" + (perBand - 1)).x(), "at the left again");
        for (EdgeSpec e : g.edges()) {
            NodeSpec.Position from = at(g, e.from().node()), to = at(g, e.to().node());
            assertTrue(from.x() < to.x() && from.y() == to.y() || to.y() > from.y(), e.toString());
        }
        // eight columns or fewer stay on one row
        assertEquals(5, GraphLayout.columnsPerBand(5, 240));
        assertEquals(GraphLayout.WRAP_AFTER, GraphLayout.columnsPerBand(GraphLayout.WRAP_AFTER, 240));
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
