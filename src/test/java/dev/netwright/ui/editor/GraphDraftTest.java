package dev.netwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
