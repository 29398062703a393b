package dev.netwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netwright.graph.BlockPort;
import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class GraphDraftTest {

    @Test
    void starterHasAnInputAndAnOutputAndIsUnchanged() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        assertEquals(List.of("Input", "Output"), d.toSpec().nodes().stream().map(NodeSpec::type).toList());
        assertFalse(d.isDirty());
    }

    @Test
    void buildsAValidXorNetworkEditByEdit() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        String hidden = d.addNode("Dense", 200, 160);
        String prob = d.addNode("Dense", 360, 160);
        assertEquals(List.of("dense1", "dense2"), List.of(hidden, prob));
        d.setParam(hidden, "units", 4);
        d.setParam(hidden, "activation", "tanh");
        d.setParam(prob, "units", 1);
        d.setParam(prob, "activation", "sigmoid");
        d.setParam("output", "loss", "bce");
        d.connect("input", "out", hidden, "in");
        d.connect(hidden, "out", prob, "in");
        d.connect(prob, "out", "output", "in");

        var analysis = GraphAnalyzer.analyze(d.toSpec());
        assertTrue(analysis.isValid(), analysis.problems().toString());
        assertEquals(17, analysis.totalParameters());
        assertTrue(d.isDirty());
        d.markSaved();
        assertFalse(d.isDirty());
        d.moveNode(hidden, 210, 170);
        assertTrue(d.isDirty(), "positions are part of the design");
    }

    @Test
    void anInputPortTakesOneConnection() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        String a = d.addNode("ReLU", 0, 0);
        d.connect("input", "out", "output", "in");
        String e = d.connect(a, "out", "output", "in");

        assertEquals(1, d.edgeCount());
        assertEquals(a, d.edge(e).orElseThrow().from().node());
        assertEquals(e, d.connect(a, "out", "output", "in"), "the same connection twice is one edge");
    }

    @Test
    void removingALayerRemovesItsConnections() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        String relu = d.addNode("ReLU", 0, 0);
        d.connect("input", "out", relu, "in");
        d.connect(relu, "out", "output", "in");

        d.removeNode(relu);

        assertEquals(0, d.edgeCount());
        assertEquals(2, d.nodeCount());
    }

    @Test
    void everyKindOfEditIsUndoneAndRedoneStepByStep() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        List<GraphSpec> states = new ArrayList<>();
        states.add(d.toSpec());
        String dense = d.addNode("Dense", 200, 160);
        states.add(d.toSpec());
        d.moveNode(dense, 220, 180);
        states.add(d.toSpec());
        d.connect("input", "out", dense, "in");
        states.add(d.toSpec());
        d.setParam(dense, "units", 3);
        states.add(d.toSpec());
        String edge = d.connect(dense, "out", "output", "in");
        states.add(d.toSpec());
        d.removeEdge(edge);
        states.add(d.toSpec());
        d.paste(d.copy(List.of(dense)), 40, 40);
        states.add(d.toSpec());
        d.removeNode(dense);
        states.add(d.toSpec());

        for (int i = states.size() - 2; i >= 0; i--) {
            assertTrue(d.undo());
            assertEquals(states.get(i), d.toSpec(), "after undoing back to state " + i);
        }
        assertFalse(d.canUndo());
        assertFalse(d.undo());
        for (int i = 1; i < states.size(); i++) {
            assertTrue(d.redo());
            assertEquals(states.get(i), d.toSpec(), "after redoing to state " + i);
        }
        assertFalse(d.canRedo());
    }

    @Test
    void anEditAfterAnUndoDropsTheRedoStepsAndANoOpLeavesNoStep() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        String a = d.addNode("ReLU", 0, 0);
        d.undo();
        assertTrue(d.canRedo());
        d.addNode("Tanh", 0, 0);
        assertFalse(d.canRedo());
        assertTrue(d.node(a).isEmpty());

        d.setParam("missing", "units", 3);
        d.removeEdge("missing");
        d.connect("input", "out", "output", "in");
        d.connect("input", "out", "output", "in"); // the same connection again changes nothing
        assertTrue(d.undo());
        assertTrue(d.undo());
        assertFalse(d.canUndo(), "two real edits, two steps");
    }

    @Test
    void keepsAtLeastAHundredStepsAndForgetsTheOldestBeyondItsLimit() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        for (int i = 1; i <= GraphDraft.HISTORY_LIMIT + 20; i++) d.moveNode("input", i, 0);
        int steps = 0;
        while (d.undo()) steps++;
        assertEquals(GraphDraft.HISTORY_LIMIT, steps);
        assertTrue(steps >= 100);
        assertEquals(20, d.node("input").orElseThrow().position().x(), "the oldest 20 steps are gone");
    }

    @Test
    void aBatchAndARunOfKeyboardMovesAreOneStepEach() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        d.batch(() -> {
            d.addNode("Dense", 0, 0);
            d.addNode("Dense", 0, 100);
        });
        for (int i = 1; i <= 5; i++) d.moveNodes(Map.of("input", new NodeSpec.Position(60 + 10 * i, 160)), "keys:input");
        assertEquals(110, d.node("input").orElseThrow().position().x());

        assertTrue(d.undo());
        assertEquals(60, d.node("input").orElseThrow().position().x(), "five arrow presses, one step");
        assertTrue(d.undo());
        assertEquals(2, d.nodeCount(), "both nodes of the batch go at once");
        assertFalse(d.canUndo());
    }

    @Test
    void pasteGivesNewIdsKeepsInternalEdgesAndOffsetsPositions() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        String a = d.addNode("Dense", 100, 100);
        String b = d.addNode("ReLU", 100, 200);
        d.connect("input", "out", a, "in");
        d.connect(a, "out", b, "in");
        d.connect(b, "out", "output", "in");

        GraphSpec fragment = d.copy(List.of(a, b));
        assertEquals(1, fragment.edges().size(), "only the edge between the copied nodes");
        List<String> pasted = d.paste(fragment, 40, 40);

        assertEquals(List.of("dense2", "relu2"), pasted);
        assertEquals(new NodeSpec.Position(140, 140), d.node("dense2").orElseThrow().position());
        assertEquals(d.node(a).orElseThrow().params(), d.node("dense2").orElseThrow().params());
        assertTrue(d.toSpec().edges().stream().anyMatch(e -> e.from().node().equals("dense2") && e.to().node().equals("relu2")));
        assertEquals(4, d.edgeCount());
        assertTrue(d.undo());
        assertEquals(4, d.nodeCount(), "a paste is one step");
    }

    @Test
    void applyingAFixInsertsTheReshapeAndUndoBringsTheProblemBack() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        d.setParam("input", "shape", List.of(784));
        String conv = d.addNode("Conv2D", 300, 160);
        d.connect("input", "out", conv, "in");
        GraphProblem p = GraphAnalyzer.analyze(d.toSpec()).problemsAt(conv).stream().filter(GraphProblem::hasFix).findFirst().orElseThrow();
        assertEquals("Insert Reshape(1, 28, 28)", p.fix().label());

        d.applyFix(p.fix());
        assertTrue(errorsAt(d, conv).isEmpty());
        assertTrue(d.toSpec().nodes().stream().anyMatch(n -> n.type().equals("Reshape")));

        d.undo();
        assertEquals(List.of(p), errorsAt(d, conv));
        d.redo();
        assertTrue(errorsAt(d, conv).isEmpty());
    }

    private static List<GraphProblem> errorsAt(GraphDraft d, String nodeId) {
        return GraphAnalyzer.analyze(d.toSpec()).problemsAt(nodeId).stream().filter(GraphProblem::isError).toList();
    }

    @Test
    void autoLayoutIsOneStep() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        d.connect("input", "out", "output", "in");
        GraphSpec before = d.toSpec();
        d.autoLayout();
        assertNotEquals(before, d.toSpec(), "the layout moved the nodes");
        assertTrue(d.node("output").orElseThrow().position().x() > d.node("input").orElseThrow().position().x()); // left to right
        d.undo();
        assertEquals(before, d.toSpec());
    }

    @Test
    void loadingStartsANewHistory() {
        GraphDraft d = new GraphDraft(GraphDraft.starter("p"));
        d.addNode("Dense", 0, 0);
        d.replaceWith(GraphDraft.starter("q"));
        assertTrue(d.canUndo(), "replacing the design (a template, an import) is undoable");
        d.load(GraphDraft.starter("r"));
        assertFalse(d.canUndo());
        assertFalse(d.isDirty());
    }

    @Test
    void typedCanvasChangesFromTheEventDetail() {
        var added = new NetworkCanvas.ChangeDetail("node-added", null, "Dense", null, 10.0, 20.0, null, null, null, null).toChange();
        var edge = new NetworkCanvas.ChangeDetail("edge-added", null, null, null, null, null, "a", "out", "b", "in").toChange();
        var cleared = new NetworkCanvas.ChangeDetail("node-selected", null, null, null, null, null, null, null, null, null).toChange();

        assertEquals(new NetworkCanvas.NodeAdded("Dense", 10, 20), added);
        assertEquals(new NetworkCanvas.EdgeAdded("a", "out", "b", "in"), edge);
        assertEquals(new NetworkCanvas.NodeSelected(null), cleared);
        assertEquals(new NetworkCanvas.EdgeRerouted("e2", "out", "in"),
                new NetworkCanvas.ChangeDetail("edge-rerouted", null, null, "e2", null, null, null, null, "out", "in").toChange());

        var moved = new NetworkCanvas.ChangeDetail("nodes-moved", null, null, null, null, null, null, null, null, null, null,
                List.of(new NetworkCanvas.Move("a", 1, 2)), null, true).toChange();
        var selection = new NetworkCanvas.ChangeDetail("selection-changed", null, null, null, null, null, null, null, null, null,
                List.of("a", "b"), null, null, null).toChange();
        var fix = new NetworkCanvas.ChangeDetail("fix-requested", "conv", null, null, null, null, null, null, null, null, null, null, 0, null)
                .toChange();
        assertEquals(new NetworkCanvas.NodesMoved(List.of(new NetworkCanvas.Move("a", 1, 2)), true), moved);
        assertEquals(new NetworkCanvas.SelectionChanged(List.of("a", "b")), selection);
        assertEquals(new NetworkCanvas.FixRequested("conv", 0), fix);
        assertEquals(NetworkCanvas.Command.SELECT_ALL, NetworkCanvas.Command.parse("select-all"));
        assertThrows(IllegalArgumentException.class, () -> NetworkCanvas.Command.parse("explode"));
    }

    /** "Pair" made of {@code units.length} Dense layers in a row, ports in0 and out. */
    private static BlockSpec pair(int... units) {
        List<NodeSpec> nodes = new ArrayList<>();
        List<EdgeSpec> edges = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            nodes.add(new NodeSpec("d" + i, "Dense", Map.of("units", units[i]), new NodeSpec.Position(200 * i, 0)));
            if (i > 0) edges.add(new EdgeSpec("e" + i, new EdgeSpec.PortRef("d" + (i - 1), "out"), new EdgeSpec.PortRef("d" + i, "in")));
        }
        return new BlockSpec("Pair", null, nodes, edges, List.of(new BlockPort("in0", "d0", "in")),
                List.of(new BlockPort("out", "d" + (units.length - 1), "out")));
    }

    /** A starter design (Input [8]) with one instance "block1" of each of {@code blocks}' first, not connected. */
    private static GraphDraft withBlocks(BlockSpec... blocks) {
        GraphSpec s = GraphDraft.starter("p");
        List<NodeSpec> nodes = new ArrayList<>(s.nodes());
        nodes.add(Blocks.instance("block1", blocks[0].name(), new NodeSpec.Position(300, 160)));
        return new GraphDraft(new GraphSpec(s.format(), s.version(), s.name(), nodes, s.edges(), List.of(blocks)));
    }

    private static long parameters(GraphDraft d, String node) {
        GraphDraft wired = new GraphDraft(d.toSpec());
        wired.setParam("input", "shape", List.of(8));
        wired.connect("input", "out", node, "in0");
        return GraphAnalyzer.analyze(wired.toSpec()).parameterCounts().get(node);
    }

    @Test
    void pastingAnInstanceOfAnotherDesignsSameNamedBlockKeepsItsOwnDefinition() {
        GraphDraft other = withBlocks(pair(16, 4));   // another project's "Pair": two layers
        GraphDraft d = withBlocks(pair(4));           // this one's "Pair": one Dense
        GraphSpec clip = other.copy(List.of("block1"));

        String pasted = d.paste(clip, 40, 40).getFirst();
        assertEquals(List.of("Pair", "Pair 2"), d.blocks().stream().map(BlockSpec::name).toList());
        assertEquals("Pair 2", Blocks.blockOf(d.node(pasted).orElseThrow()));
        assertEquals(pair(16, 4).nodes(), d.toSpec().block("Pair 2").orElseThrow().nodes());
        assertEquals("Pair", Blocks.blockOf(d.node("block1").orElseThrow()), "the design's own instance is untouched");
        assertEquals(8 * 16 + 16 + 16 * 4 + 4, parameters(d, pasted), "the pasted instance keeps its two layers");
        assertEquals(8 * 4 + 4, parameters(d, "block1"));

        String again = d.paste(clip, 80, 80).getFirst();
        assertEquals(2, d.blocks().size(), "the second paste reuses the copy");
        assertEquals("Pair 2", Blocks.blockOf(d.node(again).orElseThrow()));
        d.paste(d.copy(List.of("block1")), 120, 120);
        assertEquals(2, d.blocks().size(), "an instance of the design's own block is one definition");
        assertTrue(d.undo());
        assertTrue(d.undo());
        assertTrue(d.undo());
        assertEquals(List.of("Pair"), d.blocks().stream().map(BlockSpec::name).toList(), "undo removes the added definition");
    }

    @Test
    void pastingANestedBlockRenamesTheInnerBlockItUsesWhenTheNameIsTaken() {
        BlockSpec outer = new BlockSpec("Outer", null, List.of(Blocks.instance("p", "Pair", null)), List.of(),
                List.of(new BlockPort("in0", "p", "in0")), List.of(new BlockPort("out", "p", "out")));
        GraphDraft other = withBlocks(outer, pair(16, 4));
        GraphDraft d = withBlocks(pair(4));

        String pasted = d.paste(other.copy(List.of("block1")), 40, 40).getFirst();
        assertEquals(List.of("Pair", "Outer", "Pair 2"), d.blocks().stream().map(BlockSpec::name).toList());
        assertEquals("Outer", Blocks.blockOf(d.node(pasted).orElseThrow()));
        assertEquals("Pair 2", Blocks.blockOf(d.toSpec().block("Outer").orElseThrow().nodes().getFirst()));
        assertEquals(parameters(other, "block1"), parameters(d, pasted));
    }

    @Test
    void addingALibraryBlockThatUsesAnotherVersionsSameNamedBlockKeepsThatDefinition() {
        BlockSpec outer = new BlockSpec("Outer", null, List.of(Blocks.instance("p", "Pair", null)), List.of(),
                List.of(new BlockPort("in0", "p", "in0")), List.of(new BlockPort("out", "p", "out")));
        GraphSpec version = withBlocks(outer, pair(16, 4)).toSpec();
        GraphDraft d = withBlocks(pair(4));

        String added = d.addBlock(outer, version, 500, 160);
        assertEquals(List.of("Pair", "Outer", "Pair 2"), d.blocks().stream().map(BlockSpec::name).toList());
        assertEquals("Pair 2", Blocks.blockOf(d.toSpec().block("Outer").orElseThrow().nodes().getFirst()));
        assertEquals(parameters(new GraphDraft(version), "block1"), parameters(d, added));

        // a definition named like one of the design's, but different, is added under a free name too
        String pairFromVersion = d.addBlock(pair(16, 4), version, 500, 300);
        assertEquals("Pair 2", Blocks.blockOf(d.node(pairFromVersion).orElseThrow()), "reuses the copy added above");
        String own = d.addBlock(pair(4), null, 500, 400);
        assertEquals("Pair", Blocks.blockOf(d.node(own).orElseThrow()));
        assertEquals(3, d.blocks().size());
    }
}
