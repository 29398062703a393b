package dev.netwright.ui.editor;

import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphFix;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The editor without its widgets: the design ({@link GraphDraft}, with its undo history), the selection, the
 * clipboard, and the analysis of the design (shapes, costs, problems with fixes). {@link EditorView} feeds it the
 * canvas's changes and commands and the inspector's edits, and redraws according to the {@link Effect} each one had.
 * Plain Java, so the whole edit → analysis → canvas view path is tested and benchmarked without a browser.
 */
final class DesignEditor {
    /** How far each paste moves the copies from the originals (and from the previous paste). */
    static final double PASTE_OFFSET = 40;

    /** What an input changed, and so what has to be redrawn. */
    enum Effect {
        /** Nothing (an empty selection deleted, a copy). */
        NONE,
        /** Only node positions, already shown by the canvas: no analysis, no redraw. */
        POSITIONS,
        /** The selection: the canvas's highlight and the inspector. */
        SELECTION,
        /** The design: analysed again, everything redrawn. */
        DESIGN
    }

    private final GraphDraft draft;
    private final Function<GraphSpec, GraphAnalysis> analyzer;
    private GraphAnalysis analysis;
    /** Selected nodes in the order they were selected; the last one is shown by the inspector. */
    private final List<String> selection = new ArrayList<>();
    private String selectedEdge;
    /** Problems from a failed save or training start, shown until the design changes. */
    private List<GraphProblem> pinned = List.of();
    private GraphSpec clipboard;
    private int pastes;
    /** The version the canvas is compared with, or null. */
    private GraphSpec comparedWith;

    DesignEditor(GraphDraft draft, Function<GraphSpec, GraphAnalysis> analyzer) {
        this.draft = draft;
        this.analyzer = analyzer;
        analyze();
    }

    GraphDraft draft() {
        return draft;
    }

    GraphAnalysis analysis() {
        return analysis;
    }

    /** The selected nodes, the inspector's last. */
    List<String> selection() {
        return List.copyOf(selection);
    }

    /** The node the inspector shows: the one selected last, or null. */
    String primary() {
        return selection.isEmpty() ? null : selection.getLast();
    }

    String selectedEdge() {
        return selectedEdge;
    }

    GraphSpec clipboard() {
        return clipboard;
    }

    /** A clipboard kept elsewhere (the session), so that copies travel between projects. */
    void setClipboard(GraphSpec fragment) {
        clipboard = fragment;
        pastes = 0;
    }

    /** The analysis's problems and the pinned ones of a failed save, without repeats. */
    List<GraphProblem> problems() {
        LinkedHashSet<GraphProblem> all = new LinkedHashSet<>(analysis.problems());
        all.addAll(pinned);
        return new ArrayList<>(all);
    }

    /** Pins problems a save or training start reported, until the design changes. */
    void pin(List<GraphProblem> problems) {
        pinned = List.copyOf(problems);
    }

    /**
     * Compares the canvas with {@code base} (an older version) from now on: every canvas view marks the nodes added
     * and changed since, and shows its removed nodes as ghosts. Null: stop comparing.
     */
    void compareWith(GraphSpec base) {
        comparedWith = base;
    }

    GraphSpec comparedWith() {
        return comparedWith;
    }

    /** What the canvas draws now (compared with {@link #comparedWith}, if set). */
    NetworkCanvas.View canvasView(long revision, long fitKey) {
        GraphSpec spec = draft.toSpec();
        CanvasModel.Comparison comparison = comparedWith == null ? null : CanvasModel.compare(comparedWith, spec);
        return CanvasModel.view(revision, spec, analysis, problems(), selection, fitKey, comparison);
    }

    // ***** inputs *****

    /** Applies one change the canvas reported. */
    Effect apply(NetworkCanvas.Change change) {
        return switch (change) {
            case NetworkCanvas.NodeAdded a -> {
                if (dev.netwright.graph.layer.LayerCatalog.find(a.type()).isEmpty()) yield Effect.NONE;
                select(List.of(draft.addNode(a.type(), a.x(), a.y())));
                yield designChanged();
            }
            case NetworkCanvas.NodeMoved m -> {
                draft.moveNode(m.nodeId(), m.x(), m.y());
                yield Effect.POSITIONS;
            }
            case NetworkCanvas.NodesMoved m -> {
                Map<String, NodeSpec.Position> to = new LinkedHashMap<>();
                m.moves().forEach(mv -> to.put(mv.nodeId(), new NodeSpec.Position(mv.x(), mv.y())));
                // a run of arrow-key presses on the same nodes is one undo step
                draft.moveNodes(to, m.keyboard() ? "keys:" + String.join(",", to.keySet()) : null);
                yield Effect.POSITIONS;
            }
            case NetworkCanvas.NodeRemoved r -> remove(List.of(r.nodeId()));
            case NetworkCanvas.NodeSelected s -> {
                select(s.nodeId() == null ? List.of() : List.of(s.nodeId()));
                yield Effect.SELECTION;
            }
            case NetworkCanvas.SelectionChanged s -> {
                select(s.nodeIds());
                yield Effect.SELECTION;
            }
            case NetworkCanvas.EdgeAdded a -> {
                if (draft.node(a.fromNode()).isEmpty() || draft.node(a.toNode()).isEmpty()) yield Effect.NONE;
                draft.connect(a.fromNode(), a.fromPort(), a.toNode(), a.toPort());
                yield designChanged();
            }
            case NetworkCanvas.EdgeRemoved r -> removeEdge(r.edgeId());
            case NetworkCanvas.EdgeRerouted r -> reroute(r.edgeId(), r.toNode(), r.toPort());
            case NetworkCanvas.EdgeSelected s -> {
                selectedEdge = draft.edge(s.edgeId()).isPresent() ? s.edgeId() : null;
                if (selectedEdge != null) selection.clear();
                yield Effect.SELECTION;
            }
            case NetworkCanvas.FixRequested f -> {
                List<GraphProblem> own = CanvasModel.problemsByNode(problems()).getOrDefault(f.nodeId(), List.of());
                yield f.problemIndex() >= 0 && f.problemIndex() < own.size() ? applyFix(own.get(f.problemIndex()).fix()) : Effect.NONE;
            }
        };
    }

    /** Runs a keyboard command of the canvas. */
    Effect run(NetworkCanvas.Command command) {
        return switch (command) {
            case UNDO -> draft.undo() ? designChanged() : Effect.NONE;
            case REDO -> draft.redo() ? designChanged() : Effect.NONE;
            case COPY -> {
                copy();
                yield Effect.NONE;
            }
            case CUT -> {
                copy();
                yield remove(selection());
            }
            case PASTE -> paste();
            case DELETE -> selection.isEmpty() ? removeEdge(selectedEdge) : remove(selection());
            case SELECT_ALL -> {
                select(draft.nodeIds());
                yield Effect.SELECTION;
            }
            case LAYOUT -> {
                draft.autoLayout();
                yield designChanged();
            }
        };
    }

    /** Applies a suggested fix (null or no longer applicable: nothing happens). */
    Effect applyFix(GraphFix fix) {
        if (fix == null) return Effect.NONE;
        try {
            draft.applyFix(fix);
        } catch (IllegalArgumentException e) {
            return Effect.NONE; // computed for an older design; the fresh analysis offers a current one
        }
        return designChanged();
    }

    Effect setParam(String nodeId, String param, Object value) {
        draft.setParam(nodeId, param, value);
        return designChanged();
    }

    /** Sets a parameter of a layer inside a block's definition: every instance of the block changes (one undo step). */
    Effect setBlockParam(String block, String nodeId, String param, Object value) {
        if (draft.block(block).isEmpty()) return Effect.NONE;
        draft.setBlockParam(block, nodeId, param, value);
        return designChanged();
    }

    /** Replaces the whole design (a template, an import) as one undoable step; the selection is cleared. */
    Effect replace(GraphSpec graph) {
        draft.replaceWith(graph);
        selection.clear();
        selectedEdge = null;
        return designChanged();
    }

    // ***** blocks *****

    /**
     * Collapses the selected nodes into a new block {@code name}; the instance becomes the selection. One undo step.
     *
     * @throws IllegalArgumentException with a message for the user (nothing selected, Input/Output selected, nothing
     *                                  enters the selection, the name is empty or taken); the design is unchanged
     */
    Effect collapse(String name) {
        String id = draft.collapse(selection(), name);
        select(List.of(id));
        return designChanged();
    }

    /** Whether the inspector's node is a block instance (what "Expand" acts on). */
    boolean primaryIsInstance() {
        return draft.node(primary()).filter(Blocks::isInstance).isPresent();
    }

    /** Replaces the selected block instance by its layers, which become the selection. One undo step. */
    Effect expand() {
        if (!primaryIsInstance()) return Effect.NONE;
        List<String> before = draft.nodeIds();
        try {
            draft.expandInstance(primary());
        } catch (IllegalArgumentException e) {
            return Effect.NONE; // an instance of a block the design lacks: its problem is pinned on it
        }
        select(draft.nodeIds().stream().filter(id -> !before.contains(id)).toList());
        return designChanged();
    }

    /**
     * Adds an instance of {@code definition} (copied in, with the blocks it uses, from {@code source} when the design
     * lacks it; under a free name such as "Pair 2" when the design has a different block of that name:
     * {@link GraphDraft#addBlock}) to the right of the design; it becomes the selection.
     */
    Effect addBlock(BlockSpec definition, GraphSpec source) {
        GraphSpec g = draft.toSpec();
        double x = g.nodes().stream().mapToDouble(n -> n.position().x()).max().orElse(0) + 220;
        double y = g.nodes().stream().mapToDouble(n -> n.position().y()).min().orElse(60);
        select(List.of(draft.addBlock(definition, source, x, y)));
        return designChanged();
    }

    Effect remove(List<String> nodeIds) {
        if (nodeIds.isEmpty()) return Effect.NONE;
        draft.removeNodes(nodeIds);
        return designChanged();
    }

    Effect removeEdge(String edgeId) {
        if (edgeId == null || draft.edge(edgeId).isEmpty()) return Effect.NONE;
        draft.removeEdge(edgeId);
        return designChanged();
    }

    /**
     * Moves the input end of connection {@code edgeId} to {@code toNode}'s {@code toPort}, as one undo step (the
     * output end stays). Nothing happens when the edge or the node is gone, or the port is where the edge already ends.
     */
    Effect reroute(String edgeId, String toNode, String toPort) {
        EdgeSpec e = edgeId == null ? null : draft.edge(edgeId).orElse(null);
        if (e == null || e.from() == null || e.to() == null || toNode == null || toPort == null || draft.node(toNode).isEmpty()) return Effect.NONE;
        if (e.to().node().equals(toNode) && e.to().port().equals(toPort)) return Effect.NONE;
        draft.batch(() -> {
            draft.removeEdge(e.id());
            draft.connect(e.from().node(), e.from().port(), toNode, toPort);
        });
        return designChanged();
    }

    /** Analyses the design again (also after it changed outside: a draft restored from the session). */
    void analyze() {
        analysis = analyzer.apply(draft.toSpec());
        selection.removeIf(id -> draft.node(id).isEmpty());
        if (selectedEdge != null && draft.edge(selectedEdge).isEmpty()) selectedEdge = null;
    }

    private Effect designChanged() {
        pinned = List.of();
        analyze();
        return Effect.DESIGN;
    }

    private void select(List<String> ids) {
        selection.clear();
        new LinkedHashSet<>(ids).stream().filter(id -> draft.node(id).isPresent()).forEach(selection::add);
        if (!selection.isEmpty()) selectedEdge = null;
    }

    private void copy() {
        if (selection.isEmpty()) return;
        setClipboard(draft.copy(selection));
    }

    private Effect paste() {
        if (clipboard == null || clipboard.nodes().isEmpty()) return Effect.NONE;
        pastes++;
        select(draft.paste(clipboard, PASTE_OFFSET * pastes, PASTE_OFFSET * pastes));
        return designChanged();
    }
}
