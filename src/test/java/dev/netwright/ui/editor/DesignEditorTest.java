package dev.netwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.NodeSpec;
import dev.netwright.projects.TemplateService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The editor's behaviour without widgets: canvas changes and commands in, effects and canvas views out. */
class DesignEditorTest {

    private static DesignEditor starter() {
        return new DesignEditor(new GraphDraft(GraphDraft.starter("p")), GraphAnalyzer::analyze);
    }

    private static NetworkCanvas.Node node(NetworkCanvas.View view, String id) {
        return view.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    /** Input [784] → Conv2D: the problem is pinned on the Conv2D with its fix, applied with a click on the canvas. */
    private static DesignEditor shapeError() {
        DesignEditor e = starter();
        e.setParam("input", "shape", List.of(784));
        e.apply(new NetworkCanvas.NodeAdded("Conv2D", 300, 160));
        e.apply(new NetworkCanvas.EdgeAdded("input", "out", "conv2d1", "in"));
        e.apply(new NetworkCanvas.EdgeAdded("conv2d1", "out", "output", "in")); // else an UNUSED warning joins in
        return e;
    }

    @Test
    void aShapeErrorIsPinnedWithItsFixAndTheFixButtonRepairsIt() {
        DesignEditor e = shapeError();
        NetworkCanvas.Node conv = node(e.canvasView(1, 0), "conv2d1");
        assertEquals(1, conv.problems().size());
        NetworkCanvas.Problem p = conv.problems().getFirst();
        assertEquals("ERROR", p.severity());
        assertEquals("Conv2D 'conv2d1' needs [N, C, H, W] but receives [N, 784] from 'input': insert Reshape(1, 28, 28)?", p.message());
        assertEquals("Insert Reshape(1, 28, 28)", p.fix());

        assertEquals(DesignEditor.Effect.DESIGN, e.apply(new NetworkCanvas.FixRequested("conv2d1", 0)));
        NetworkCanvas.View fixed = e.canvasView(2, 0);
        assertTrue(node(fixed, "conv2d1").problems().isEmpty());
        assertEquals("Reshape", node(fixed, "reshape").title());
        assertEquals("out [1, 28, 28]", node(fixed, "reshape").detail());

        e.run(NetworkCanvas.Command.UNDO);
        assertEquals(1, node(e.canvasView(3, 0), "conv2d1").problems().size(), "undo brings the problem back");
        e.run(NetworkCanvas.Command.REDO);
        assertTrue(node(e.canvasView(4, 0), "conv2d1").problems().isEmpty());
    }

    @Test
    void aFixRequestForAProblemThatIsGoneDoesNothing() {
        DesignEditor e = shapeError();
        e.apply(new NetworkCanvas.FixRequested("conv2d1", 0));
        assertEquals(DesignEditor.Effect.NONE, e.apply(new NetworkCanvas.FixRequested("conv2d1", 0)));
        assertEquals(DesignEditor.Effect.NONE, e.apply(new NetworkCanvas.FixRequested("input", 3)));
    }

    @Test
    void selectionShiftClickSelectAllAndDeleteOfSeveralNodes() {
        DesignEditor e = starter();
        e.apply(new NetworkCanvas.NodeAdded("Dense", 200, 100));
        assertEquals(List.of("dense1"), e.selection(), "a new node is selected");
        e.apply(new NetworkCanvas.NodeAdded("ReLU", 200, 200));
        e.apply(new NetworkCanvas.SelectionChanged(List.of("dense1", "relu1", "ghost")));
        assertEquals(List.of("dense1", "relu1"), e.selection());
        assertEquals("relu1", e.primary());
        assertEquals(List.of("dense1", "relu1"), e.canvasView(1, 0).selected());

        assertEquals(DesignEditor.Effect.DESIGN, e.run(NetworkCanvas.Command.DELETE));
        assertEquals(2, e.draft().nodeCount());
        assertTrue(e.selection().isEmpty());
        e.run(NetworkCanvas.Command.UNDO);
        assertEquals(4, e.draft().nodeCount(), "deleting a selection is one step");

        assertEquals(DesignEditor.Effect.SELECTION, e.run(NetworkCanvas.Command.SELECT_ALL));
        assertEquals(List.of("input", "output", "dense1", "relu1"), e.selection());
    }

    @Test
    void deleteWithoutSelectedNodesDeletesTheSelectedEdge() {
        DesignEditor e = starter();
        e.apply(new NetworkCanvas.EdgeAdded("input", "out", "output", "in"));
        String edge = e.draft().toSpec().edges().getFirst().id();
        e.apply(new NetworkCanvas.EdgeSelected(edge));
        assertTrue(e.selection().isEmpty());
        assertEquals(DesignEditor.Effect.DESIGN, e.run(NetworkCanvas.Command.DELETE));
        assertEquals(0, e.draft().edgeCount());
        assertNull(e.selectedEdge());
        assertEquals(DesignEditor.Effect.NONE, e.run(NetworkCanvas.Command.DELETE));
    }

    @Test
    void copyPasteSelectsTheCopiesAndEachPasteMovesFurther() {
        DesignEditor e = starter();
        e.apply(new NetworkCanvas.NodeAdded("Dense", 200, 100));
        e.apply(new NetworkCanvas.NodeAdded("ReLU", 200, 200));
        e.apply(new NetworkCanvas.EdgeAdded("dense1", "out", "relu1", "in"));
        e.run(NetworkCanvas.Command.SELECT_ALL);
        e.apply(new NetworkCanvas.SelectionChanged(List.of("dense1", "relu1")));
        assertEquals(DesignEditor.Effect.NONE, e.run(NetworkCanvas.Command.COPY));

        e.run(NetworkCanvas.Command.PASTE);
        assertEquals(List.of("dense2", "relu2"), e.selection());
        assertEquals(new NodeSpec.Position(240, 140), e.draft().node("dense2").orElseThrow().position());
        e.run(NetworkCanvas.Command.PASTE);
        assertEquals(new NodeSpec.Position(280, 180), e.draft().node("dense3").orElseThrow().position());
        assertEquals(3, e.draft().edgeCount(), "each copy keeps its inner connection");

        e.apply(new NetworkCanvas.SelectionChanged(List.of("dense3", "relu3")));
        e.run(NetworkCanvas.Command.CUT);
        assertEquals(6, e.draft().nodeCount());
        e.run(NetworkCanvas.Command.PASTE);
        assertEquals(8, e.draft().nodeCount(), "cut then paste puts them back (with new ids)");
    }

    @Test
    void movesAreRecordedWithoutRedrawingAndUndoable() {
        DesignEditor e = starter();
        assertEquals(DesignEditor.Effect.POSITIONS, e.apply(new NetworkCanvas.NodesMoved(
                List.of(new NetworkCanvas.Move("input", 70, 170), new NetworkCanvas.Move("output", 570, 170)), false)));
        assertEquals(new NodeSpec.Position(570, 170), e.draft().node("output").orElseThrow().position());
        e.run(NetworkCanvas.Command.UNDO);
        assertEquals(new NodeSpec.Position(560, 160), e.draft().node("output").orElseThrow().position());
    }

    @Test
    void layoutPutsEveryEdgeLeftToRight() {
        DesignEditor e = new DesignEditor(new GraphDraft(new TemplateService().find("resnet-mini").orElseThrow().graph()), GraphAnalyzer::analyze);
        e.run(NetworkCanvas.Command.LAYOUT);
        var g = e.draft().toSpec();
        for (var edge : g.edges()) {
            var from = g.node(edge.from().node()).orElseThrow().position();
            var to = g.node(edge.to().node()).orElseThrow().position();
            // right within a band; down into a later band (resnet-mini is deep enough to wrap)
            assertTrue(from.x() < to.x() || from.y() < to.y(), edge.toString());
        }
    }

    @Test
    void lenetShowsItsPerLayerParameterCountsAndFlopsOnTheNodes() {
        DesignEditor e = new DesignEditor(new GraphDraft(new TemplateService().find("lenet-5").orElseThrow().graph()), GraphAnalyzer::analyze);
        NetworkCanvas.View view = e.canvasView(1, 0);
        Map<String, String> costs = Map.of("c1", "156 params · 235k FLOPs", "c3", "2,416 params · 480k FLOPs",
                "f5", "48,120 params · 96k FLOPs", "f6", "10,164 params · 20.2k FLOPs", "logits", "850 params · 1.68k FLOPs");
        costs.forEach((id, text) -> assertEquals(text, node(view, id).costs(), id));
        assertEquals("", node(view, "flat").costs());
        assertEquals(833_040, e.analysis().totalFlops());
    }

    @Test
    void replacingTheDesignClearsTheSelectionAndIsUndoable() {
        DesignEditor e = starter();
        e.apply(new NetworkCanvas.NodeAdded("Dense", 200, 100));
        e.replace(new TemplateService().find("xor").orElseThrow().graph());
        assertTrue(e.selection().isEmpty());
        assertEquals(4, e.draft().nodeCount());
        e.run(NetworkCanvas.Command.UNDO);
        assertEquals(3, e.draft().nodeCount());
        assertFalse(e.draft().node("dense1").isEmpty());
    }

    /** Input [8] → dense1 → dense2 → Output (default units), through canvas changes. */
    private static DesignEditor chain() {
        DesignEditor e = starter();
        e.setParam("input", "shape", List.of(8));
        e.apply(new NetworkCanvas.NodeAdded("Dense", 200, 160));
        e.apply(new NetworkCanvas.NodeAdded("Dense", 380, 160));
        e.apply(new NetworkCanvas.EdgeAdded("input", "out", "dense1", "in"));
        e.apply(new NetworkCanvas.EdgeAdded("dense1", "out", "dense2", "in"));
        e.apply(new NetworkCanvas.EdgeAdded("dense2", "out", "output", "in"));
        return e;
    }

    @Test
    void reroutingMovesAnEdgesInputEndInOneUndoStep() {
        DesignEditor e = chain();
        var before = e.draft().toSpec();
        String middle = edgeInto(e, "dense2").id();
        // dense1 → dense2 becomes dense1 → output: output's port takes one connection, so dense2 → output goes too
        assertEquals(DesignEditor.Effect.DESIGN, e.apply(new NetworkCanvas.EdgeRerouted(middle, "output", "in")));
        assertEquals("dense1", edgeInto(e, "output").from().node());
        assertTrue(e.draft().toSpec().edges().stream().noneMatch(x -> x.to().node().equals("dense2")), "dense2 has no input now");
        assertEquals(2, e.draft().toSpec().edges().size());
        e.run(NetworkCanvas.Command.UNDO);
        assertEquals(before.edges(), e.draft().toSpec().edges(), "one undo step restores both connections");

        // dropped where it already ends, or on something that is gone: nothing happens
        assertEquals(DesignEditor.Effect.NONE, e.apply(new NetworkCanvas.EdgeRerouted(middle, "dense2", "in")));
        assertEquals(DesignEditor.Effect.NONE, e.apply(new NetworkCanvas.EdgeRerouted(middle, "nope", "in")));
        assertEquals(DesignEditor.Effect.NONE, e.apply(new NetworkCanvas.EdgeRerouted("nope", "output", "in")));
        assertEquals(before.edges(), e.draft().toSpec().edges());
    }

    private static dev.netwright.graph.EdgeSpec edgeInto(DesignEditor e, String node) {
        return e.draft().toSpec().edges().stream().filter(x -> x.to().node().equals(node)).findFirst().orElseThrow();
    }

    @Test
    void editingABlocksLayerChangesEveryInstanceInOneUndoStep() {
        DesignEditor e = chain(); // input [8] → dense1 (8) → dense2 (8) → output
        e.apply(new NetworkCanvas.SelectionChanged(List.of("dense1")));
        e.collapse("Hidden");
        e.apply(new NetworkCanvas.NodeSelected("block1"));
        e.run(NetworkCanvas.Command.COPY);
        e.run(NetworkCanvas.Command.PASTE); // a second instance, unconnected: one definition
        assertEquals(1, e.draft().blocks().size());
        long before = e.analysis().totalParameters();
        String inner = e.draft().block("Hidden").orElseThrow().nodes().getFirst().id();

        assertEquals(DesignEditor.Effect.DESIGN, e.setBlockParam("Hidden", inner, "units", 16));
        assertEquals(16, e.draft().block("Hidden").orElseThrow().nodes().getFirst().params().get("units"));
        // the connected instance now gives [16]: dense2's weights grow from 8×8 to 16×8, and the block's from 8×8 to 8×16
        assertEquals("out [16]", node(e.canvasView(1, 0), "block1").detail());
        assertEquals(before + (8 * 16 + 16) - (8 * 8 + 8) + (16 * 8 - 8 * 8), e.analysis().totalParameters());
        e.run(NetworkCanvas.Command.UNDO);
        assertEquals(before, e.analysis().totalParameters(), "one undo step");
        assertEquals(DesignEditor.Effect.NONE, e.setBlockParam("Nope", inner, "units", 2));
    }

    @Test
    void collapseDrawsOneBlockNodeAndUndoRestoresTheLayers() {
        DesignEditor e = chain();
        long params = e.analysis().totalParameters();
        String lastShape = node(e.canvasView(0, 0), "dense2").detail();
        e.apply(new NetworkCanvas.SelectionChanged(List.of("dense1", "dense2")));
        assertEquals(DesignEditor.Effect.DESIGN, e.collapse("MLP"));
        NetworkCanvas.View v = e.canvasView(1, 0);
        assertEquals(List.of("input", "output", "block1"), v.nodes().stream().map(NetworkCanvas.Node::id).toList());
        NetworkCanvas.Node block = node(v, "block1");
        assertEquals("Block", block.category());
        assertEquals("MLP", block.title());
        assertEquals("block · 2 layers · 1 in, 1 out", block.summary());
        assertEquals(List.of("in0"), block.inputs());
        assertEquals(lastShape, block.detail());
        assertTrue(v.edges().stream().allMatch(x -> !x.label().isEmpty()), v.edges().toString());
        assertEquals(params, e.analysis().totalParameters());
        assertEquals(List.of("block1"), e.selection());
        assertTrue(e.primaryIsInstance());

        e.run(NetworkCanvas.Command.UNDO);
        assertEquals(List.of("input", "output", "dense1", "dense2"), e.canvasView(2, 0).nodes().stream().map(NetworkCanvas.Node::id).toList());
        e.run(NetworkCanvas.Command.REDO);
        assertEquals("MLP", node(e.canvasView(3, 0), "block1").title());

        e.apply(new NetworkCanvas.NodeSelected("block1"));
        assertEquals(DesignEditor.Effect.DESIGN, e.expand());
        assertEquals(List.of("dense1", "dense2"), e.selection());
        assertEquals(params, e.analysis().totalParameters());
        e.run(NetworkCanvas.Command.UNDO);
        assertTrue(e.draft().node("block1").isPresent(), "undo brings the instance back");
    }

    @Test
    void collapseRefusesTheInputAndLeavesTheDesign() {
        DesignEditor e = chain();
        e.apply(new NetworkCanvas.SelectionChanged(List.of("input", "dense1")));
        var ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> e.collapse("x"));
        assertTrue(ex.getMessage().contains("Input"), ex.getMessage());
        assertTrue(e.draft().blocks().isEmpty());
        assertEquals(5, e.draft().nodeCount() + 1, "nothing removed");
    }

    @Test
    void aBlockFromTheLibraryIsCopiedInAndPastedInstancesShareIt() {
        DesignEditor other = chain();
        other.apply(new NetworkCanvas.SelectionChanged(List.of("dense1")));
        other.collapse("Lib");
        var lib = other.draft().toSpec();

        DesignEditor e = chain();
        e.addBlock(lib.block("Lib").orElseThrow(), lib);
        assertEquals(List.of("Lib"), e.draft().blocks().stream().map(b -> b.name()).toList());
        assertEquals(List.of("block1"), e.selection());
        e.run(NetworkCanvas.Command.COPY);
        e.run(NetworkCanvas.Command.PASTE);
        assertEquals(1, e.draft().blocks().size(), "a block used twice is one definition");
        assertEquals(2, e.draft().toSpec().nodes().stream().filter(dev.netwright.graph.Blocks::isInstance).count());
    }

    @Test
    void aCollapsedResidualBlockShowsOneInputAndKeepsTheAnalysis() {
        DesignEditor e = new DesignEditor(new GraphDraft(new TemplateService().find("resnet-mini").orElseThrow().graph()), GraphAnalyzer::analyze);
        var before = e.analysis();
        e.apply(new NetworkCanvas.SelectionChanged(List.of("b1_conv1", "b1_bn1", "b1_relu1", "b1_conv2", "b1_bn2", "b1_add", "b1_out")));
        e.collapse("Residual");
        NetworkCanvas.Node block = node(e.canvasView(1, 0), e.primary());
        assertEquals("block · 7 layers · 1 in, 1 out", block.summary());
        assertEquals(List.of("in0"), block.inputs());
        assertTrue(e.analysis().isValid(), e.analysis().problems().toString());
        assertEquals(before.totalParameters(), e.analysis().totalParameters());
        assertEquals(before.nodeShapes().get("logits"), e.analysis().nodeShapes().get("logits"));
    }

    @Test
    void aCollapsedLayerWithoutAConnectionOnwardsStillGetsAnOutput() {
        DesignEditor e = starter();
        e.apply(new NetworkCanvas.NodeAdded("Dense", 200, 160));
        e.apply(new NetworkCanvas.EdgeAdded("input", "out", "dense1", "in"));
        e.apply(new NetworkCanvas.SelectionChanged(List.of("dense1")));
        e.collapse("Head");
        NetworkCanvas.Node block = node(e.canvasView(1, 0), e.primary());
        assertEquals("block · 1 layer · 1 in, 1 out", block.summary());
        assertEquals(List.of("out"), block.outputs());
        e.apply(new NetworkCanvas.EdgeAdded(e.primary(), "out", "output", "in"));
        assertTrue(e.analysis().problems().stream().noneMatch(p -> p.code().equals("BAD_PORT")), e.analysis().problems().toString());
    }

    // ***** comparing with a saved version *****

    @Test
    void aComparisonMarksAddedAndChangedNodesAndGhostsTheRemovedOnesAfterEveryEdit() {
        DesignEditor e = chain();
        e.setParam("dense1", "units", 4);
        var saved = e.draft().toSpec();
        assertTrue(e.canvasView(1, 0).ghosts().isEmpty());
        e.compareWith(saved);
        assertTrue(e.canvasView(2, 0).nodes().stream().allMatch(n -> n.diff() == null), "nothing changed yet");

        e.apply(new NetworkCanvas.NodeAdded("Dense", 380, 300));     // dense3: added
        e.setParam("dense1", "units", 8);                             // dense1: changed
        e.remove(List.of("dense2"));                                  // dense2: a ghost
        e.apply(new NetworkCanvas.NodeMoved("output", 700, 200));     // moved only: not marked
        NetworkCanvas.View view = e.canvasView(3, 0);
        assertEquals("added", node(view, "dense3").diff());
        assertEquals("changed", node(view, "dense1").diff());
        assertEquals("units: 4 → 8", node(view, "dense1").diffNote());
        assertNull(node(view, "output").diff());
        assertNull(node(view, "input").diff());
        assertEquals(List.of(new NetworkCanvas.Ghost("dense2", "Dense", 380, 160)), view.ghosts());
        // dense2's two connections are ghosts too; nothing connects dense3 yet, so no connection is added
        assertEquals(List.of(new NetworkCanvas.GhostEdge("dense1", "out", "dense2", "in"), new NetworkCanvas.GhostEdge("dense2", "out", "output", "in")),
                view.ghostEdges());
        assertEquals(List.of(), view.addedEdges());
        e.apply(new NetworkCanvas.EdgeAdded("dense1", "out", "dense3", "in"));
        String added = e.draft().toSpec().edges().stream().filter(x -> x.to().node().equals("dense3")).findFirst().orElseThrow().id();
        assertEquals(List.of(added), e.canvasView(3, 0).addedEdges());
        e.run(NetworkCanvas.Command.UNDO); // the connection

        e.run(NetworkCanvas.Command.UNDO); // the move
        e.run(NetworkCanvas.Command.UNDO); // the removal: dense2 is back, no ghost
        NetworkCanvas.View undone = e.canvasView(4, 0);
        assertTrue(undone.ghosts().isEmpty());
        assertTrue(undone.ghostEdges().isEmpty());
        assertNull(node(undone, "dense2").diff());

        e.compareWith(null);
        assertTrue(e.canvasView(5, 0).nodes().stream().allMatch(n -> n.diff() == null && n.diffNote() == null));
    }

    @Test
    void instancesOfAChangedBlockDefinitionAreMarkedChanged() {
        DesignEditor e = chain();
        e.apply(new NetworkCanvas.SelectionChanged(List.of("dense1")));
        e.collapse("Stem");
        var saved = e.draft().toSpec();
        String instance = e.primary();
        e.compareWith(saved);

        // the definition changes (its Dense gets 16 units); the instance node itself is the same
        var def = saved.block("Stem").orElseThrow();
        var inner = def.nodes().getFirst();
        var changedDef = new dev.netwright.graph.BlockSpec(def.name(), def.description(),
                List.of(new NodeSpec(inner.id(), inner.type(), Map.of("units", 16), inner.position())), def.edges(), def.inputs(), def.outputs());
        e.replace(new dev.netwright.graph.GraphSpec(saved.format(), saved.version(), saved.name(), saved.nodes(), saved.edges(), List.of(changedDef)));
        NetworkCanvas.Node marked = node(e.canvasView(1, 0), instance);
        assertEquals("changed", marked.diff());
        assertTrue(marked.diffNote().startsWith("block Stem changed: " + inner.id() + " changed (units: "), marked.diffNote());
        assertTrue(marked.diffNote().endsWith(" → 16)"), marked.diffNote());
        assertNull(node(e.canvasView(2, 0), "dense2").diff());
    }
}
