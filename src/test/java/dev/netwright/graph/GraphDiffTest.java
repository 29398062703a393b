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

    // ***** block definitions *****

    private static BlockSpec block(String name, int units, String outNode) {
        return new BlockSpec(name, null,
                List.of(node("d", "Dense", Map.of("units", units), 0, 0), node("r", "ReLU", Map.of(), 0, 100)),
                List.of(edge("i1", "d", "r")),
                List.of(new BlockPort("in0", "d", "in")), List.of(new BlockPort("out", outNode, "out")));
    }

    private static GraphSpec withBlocks(List<BlockSpec> blocks, String... instanceBlocks) {
        List<NodeSpec> nodes = new java.util.ArrayList<>(List.of(node("in", "Input", Map.of("shape", List.of(2)), 0, 0)));
        for (int i = 0; i < instanceBlocks.length; i++) nodes.add(Blocks.instance("b" + i, instanceBlocks[i], new NodeSpec.Position(0, 100 * (i + 1))));
        return new GraphSpec(null, 1, "g", nodes, List.of(), blocks);
    }

    @Test
    void blockDefinitionsAddedRemovedAndChanged() {
        GraphSpec a = withBlocks(List.of(block("Stem", 4, "r"), block("Old", 2, "r"), block("Same", 3, "r")), "Stem");
        BlockSpec stem2 = new BlockSpec("Stem", "now with dropout",
                List.of(node("d", "Dense", Map.of("units", 8), 40, 0), node("r", "ReLU", Map.of(), 0, 100),
                        node("drop", "Dropout", Map.of("rate", 0.5), 0, 200)),
                List.of(edge("i1", "d", "r"), edge("i2", "r", "drop")),
                List.of(new BlockPort("in0", "d", "in")), List.of(new BlockPort("out", "drop", "out")));
        // "Same" only moves its inner nodes: no change
        BlockSpec same = new BlockSpec("Same", null, block("Same", 3, "r").nodes().stream()
                .map(n -> new NodeSpec(n.id(), n.type(), n.params(), new NodeSpec.Position(5, 5))).toList(),
                block("Same", 3, "r").edges(), block("Same", 3, "r").inputs(), block("Same", 3, "r").outputs());
        GraphSpec b = withBlocks(List.of(stem2, same, block("New", 1, "r")), "Stem");

        GraphDiff d = GraphDiff.between(a, b);
        assertEquals(List.of("New"), d.addedBlocks().stream().map(BlockSpec::name).toList());
        assertEquals(List.of("Old"), d.removedBlocks().stream().map(BlockSpec::name).toList());
        assertEquals(List.of("Stem"), d.changedBlocks().stream().map(GraphDiff.BlockChange::name).toList());
        GraphDiff.BlockChange stem = d.blockChange("Stem").orElseThrow();
        assertEquals(List.of("drop"), stem.inner().added().stream().map(NodeSpec::id).toList());
        assertEquals(List.of(new GraphDiff.ParamChange("units", 4, 8)), stem.inner().changed().getFirst().params());
        assertEquals(List.of("i2"), stem.inner().addedEdges().stream().map(EdgeSpec::id).toList());
        assertEquals(List.of(new GraphDiff.PortChange("output", "out", new BlockPort("out", "r", "out"), new BlockPort("out", "drop", "out"))),
                stem.ports());
        assertTrue(d.blockChange("Same").isEmpty());
        // the top-level nodes are the same: only the blocks make the diff non-empty
        assertTrue(d.added().isEmpty() && d.removed().isEmpty() && d.changed().isEmpty());
        assertFalse(d.isEmpty());
        assertEquals(java.util.Set.of("Stem"), d.affectedBlocks(b));
    }

    @Test
    void portsAddedAndRemovedAndNestedBlocksAreAffected() {
        BlockSpec inner1 = block("Inner", 4, "r");
        BlockSpec inner2 = new BlockSpec("Inner", null, inner1.nodes(), inner1.edges(),
                List.of(new BlockPort("in0", "d", "in"), new BlockPort("in1", "r", "in")), List.of());
        BlockSpec outer = new BlockSpec("Outer", null, List.of(Blocks.instance("x", "Inner", null)), List.of(),
                List.of(new BlockPort("in0", "x", "in0")), List.of(new BlockPort("out", "x", "out")));
        GraphSpec a = withBlocks(List.of(inner1, outer), "Outer");
        GraphSpec b = withBlocks(List.of(inner2, outer), "Outer");
        GraphDiff d = GraphDiff.between(a, b);
        GraphDiff.BlockChange c = d.changedBlocks().getFirst();
        assertEquals("Inner", c.name());
        assertTrue(c.inner().isEmpty());
        assertEquals(List.of(new GraphDiff.PortChange("input", "in1", null, new BlockPort("in1", "r", "in")),
                new GraphDiff.PortChange("output", "out", new BlockPort("out", "r", "out"), null)), c.ports());
        // Outer's definition is the same, but it contains an instance of the changed Inner
        assertEquals(1, d.changedBlocks().size());
        assertEquals(java.util.Set.of("Inner", "Outer"), d.affectedBlocks(b));
        assertEquals(Map.of("b0", "Outer"), d.changedInstances(b), "the instance of Outer computes something else");
        assertTrue(GraphDiff.between(b, b).isEmpty());
        assertTrue(GraphDiff.between(b, b).affectedBlocks(b).isEmpty());
    }

    @Test
    void changedInstancesAreTheSameNodesWhoseBlockChanged() {
        GraphSpec a = withBlocks(List.of(block("Stem", 4, "r"), block("Other", 2, "r")), "Stem", "Stem", "Other", "Stem");
        // b0 only moves, b1 stays, b2 (Other) is not affected, b3 now names Other (its own change), b4 is added
        List<NodeSpec> nodes = new java.util.ArrayList<>(a.nodes());
        nodes.set(1, Blocks.instance("b0", "Stem", new NodeSpec.Position(500, 500)));
        nodes.set(4, Blocks.instance("b3", "Other", nodes.get(4).position()));
        nodes.add(Blocks.instance("b4", "Stem", new NodeSpec.Position(0, 600)));
        GraphSpec b = new GraphSpec(null, 1, "g", nodes, List.of(), List.of(block("Stem", 8, "r"), block("Other", 2, "r")));
        GraphDiff d = GraphDiff.between(a, b);
        assertEquals(List.of("b3"), d.changed().stream().map(GraphDiff.NodeChange::nodeId).toList());
        assertEquals(List.of("b0"), d.moved().stream().map(GraphDiff.NodeMove::nodeId).toList());
        assertEquals(List.of("b0", "b1"), List.copyOf(d.changedInstances(b).keySet()));
        assertEquals("Stem", d.changedInstances(b).get("b0"));
        assertTrue(GraphDiff.between(a, a).changedInstances(a).isEmpty());
    }

    @Test
    void anInputFeedingTwoInnerPortsIsComparedPerInnerPort() {
        // "Skip": in0 feeds d and r; then in0 feeds d only, in r's place a new port in1
        BlockSpec base = block("Skip", 4, "r");
        BlockSpec twice = new BlockSpec("Skip", null, base.nodes(), base.edges(),
                List.of(new BlockPort("in0", "d", "in"), new BlockPort("in0", "r", "in")), base.outputs());
        BlockSpec split = new BlockSpec("Skip", null, base.nodes(), base.edges(),
                List.of(new BlockPort("in0", "d", "in"), new BlockPort("in1", "r", "in")), base.outputs());
        GraphDiff d = GraphDiff.between(withBlocks(List.of(twice), "Skip"), withBlocks(List.of(split), "Skip"));
        assertEquals(List.of(new GraphDiff.PortChange("input", "in0", new BlockPort("in0", "r", "in"), null),
                new GraphDiff.PortChange("input", "in1", null, new BlockPort("in1", "r", "in"))), d.blockChange("Skip").orElseThrow().ports());
        assertTrue(GraphDiff.between(withBlocks(List.of(twice), "Skip"), withBlocks(List.of(twice), "Skip")).isEmpty());
    }

    @Test
    void theSixComponentConstructorHasNoBlockChanges() {
        GraphDiff d = new GraphDiff(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        assertTrue(d.isEmpty());
        assertTrue(d.addedBlocks().isEmpty() && d.removedBlocks().isEmpty() && d.changedBlocks().isEmpty());
    }
}
