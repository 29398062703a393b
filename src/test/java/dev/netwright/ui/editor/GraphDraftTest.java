package dev.netwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.NodeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

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
    void typedCanvasChangesFromTheEventDetail() {
        var added = new NetworkCanvas.ChangeDetail("node-added", null, "Dense", null, 10.0, 20.0, null, null, null, null).toChange();
        var edge = new NetworkCanvas.ChangeDetail("edge-added", null, null, null, null, null, "a", "out", "b", "in").toChange();
        var cleared = new NetworkCanvas.ChangeDetail("node-selected", null, null, null, null, null, null, null, null, null).toChange();

        assertEquals(new NetworkCanvas.NodeAdded("Dense", 10, 20), added);
        assertEquals(new NetworkCanvas.EdgeAdded("a", "out", "b", "in"), edge);
        assertEquals(new NetworkCanvas.NodeSelected(null), cleared);
    }
}
