package dev.netwright.ui.editor;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;

import java.util.List;

/**
 * Server side of {@code <network-canvas>} (frontend/src/network-canvas): draws nodes, ports and edges and
 * reports the user's edits. It knows nothing about layers: the view sets a {@link View} (titles, ports,
 * labels, problems, all as text) and listens for {@link Change}s and keyboard {@link Command}s. Zoom, pan, fit,
 * the minimap and the shortcut help are the element's own business; selection, undo and the clipboard are the
 * server's (the element only reports the gestures).
 */
@Tag("network-canvas")
@JsModule("./src/network-canvas/network-canvas.ts")
@NpmPackage(value = "drawflow", version = "0.0.60")
public class NetworkCanvas extends Component implements HasSize {

    /**
     * Everything the canvas shows. {@code selected}: the selected nodes' ids (the last one is the one the inspector
     * shows); {@code fitKey} changing makes it zoom to fit all nodes. While the design is compared with another version:
     * {@code ghosts}, nodes of that version the design no longer has; {@code ghostEdges}, its connections the design no
     * longer has (between ghosts or nodes); {@code addedEdges}, the ids of the design's connections that version lacks
     * (all three empty when not comparing).
     */
    public record View(long revision, List<Node> nodes, List<Edge> edges, List<String> selected, long fitKey, List<Ghost> ghosts,
                       List<GhostEdge> ghostEdges, List<String> addedEdges) {
        public View {
            selected = selected == null ? List.of() : List.copyOf(selected);
            ghosts = ghosts == null ? List.of() : List.copyOf(ghosts);
            ghostEdges = ghostEdges == null ? List.of() : List.copyOf(ghostEdges);
            addedEdges = addedEdges == null ? List.of() : List.copyOf(addedEdges);
        }

        /** A view without a comparison. */
        public View(long revision, List<Node> nodes, List<Edge> edges, List<String> selected, long fitKey) {
            this(revision, nodes, edges, selected, fitKey, List.of(), List.of(), List.of());
        }
    }

    /**
     * A node box: bold {@code title}, then {@code summary} ("Dense" "4 · tanh"), a {@code detail} line (the output
     * shape), a {@code costs} line (parameters and FLOPs) and the problems pinned to it. Port names in order;
     * {@code category} only picks a colour. While the design is compared with another version, {@code diff} is "added"
     * or "changed" (null: neither) and {@code diffNote} says what changed ("units: 4 → 8", a line each), shown as a tag
     * and its tooltip.
     */
    public record Node(String id, String category, String title, String summary, String detail, String costs,
                       List<String> inputs, List<String> outputs, double x, double y, List<Problem> problems,
                       String diff, String diffNote) {

        /** A node outside a comparison. */
        public Node(String id, String category, String title, String summary, String detail, String costs,
                    List<String> inputs, List<String> outputs, double x, double y, List<Problem> problems) {
            this(id, category, title, summary, detail, costs, inputs, outputs, x, y, problems, null, null);
        }

        /** This node marked "added" or "changed" with its note. */
        public Node withDiff(String diff, String diffNote) {
            return new Node(id, category, title, summary, detail, costs, inputs, outputs, x, y, problems, diff, diffNote);
        }
    }

    /**
     * A node of the compared version that the design no longer has, drawn dashed and faded at its old position
     * ({@code title}: its type, or a block instance's block name). It is not part of the design: it cannot be selected,
     * moved or connected, and no change ever names it.
     */
    public record Ghost(String id, String title, double x, double y) {
    }

    /**
     * A connection of the compared version that the design no longer has, drawn dashed from {@code fromNode}'s port to
     * {@code toNode}'s; either end may be a {@link Ghost}. Like a ghost, it cannot be selected or edited.
     */
    public record GhostEdge(String fromNode, String fromPort, String toNode, String toPort) {
    }

    /** A connection; {@code label} is drawn on its middle (a tensor shape such as "[4]"). */
    public record Edge(String id, String fromNode, String fromPort, String toNode, String toPort, String label) {
    }

    /**
     * A message on a node; severity "ERROR" or "WARNING"; {@code port} marks one input port, or null; {@code fix} the
     * label of a one-click repair ("Insert Reshape(1, 28, 28)"), or null. Clicking it fires {@link FixRequested}.
     */
    public record Problem(String severity, String port, String message, String fix) {
    }

    /** One edit made on the canvas. */
    public sealed interface Change permits NodeAdded, NodeMoved, NodesMoved, NodeRemoved, NodeSelected, SelectionChanged,
            EdgeAdded, EdgeRemoved, EdgeRerouted, EdgeSelected, FixRequested {
    }

    /** A layer of {@code type} dropped (or requested from the palette) at canvas position (x, y). */
    public record NodeAdded(String type, double x, double y) implements Change {
    }

    public record NodeMoved(String nodeId, double x, double y) implements Change {
    }

    /**
     * Several nodes moved together (a dragged selection, arrow keys). {@code keyboard}: moves made with the arrow
     * keys, which the view merges into one undo step while they come in quick succession.
     */
    public record NodesMoved(List<Move> moves, boolean keyboard) implements Change {
        public NodesMoved {
            moves = moves == null ? List.of() : List.copyOf(moves);
        }
    }

    /** A node's new position. */
    public record Move(String nodeId, double x, double y) {
    }

    /** The user asked to delete the node (its "x"); it stays until the next view. */
    public record NodeRemoved(String nodeId) implements Change {
    }

    /** A node was selected alone; null when the selection was cleared. */
    public record NodeSelected(String nodeId) implements Change {
    }

    /** The whole selection changed (shift-click, box selection): the selected nodes, possibly none. */
    public record SelectionChanged(List<String> nodeIds) implements Change {
        public SelectionChanged {
            nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
        }
    }

    /** The user dragged a connection from an output port to an input port (or connected with the keyboard). */
    public record EdgeAdded(String fromNode, String fromPort, String toNode, String toPort) implements Change {
    }

    public record EdgeRemoved(String edgeId) implements Change {
    }

    /** The user dragged the input end of connection {@code edgeId} to {@code toNode}'s input port {@code toPort}. */
    public record EdgeRerouted(String edgeId, String toNode, String toPort) implements Change {
    }

    /** A connection was selected; null when the selection was cleared. */
    public record EdgeSelected(String edgeId) implements Change {
    }

    /** The fix button of problem number {@code problemIndex} of node {@code nodeId} (in {@link Node#problems}) was clicked. */
    public record FixRequested(String nodeId, int problemIndex) implements Change {
    }

    /** A command from the canvas's keyboard shortcuts; what it acts on is the server's selection. */
    public enum Command {
        UNDO, REDO, COPY, CUT, PASTE, DELETE, SELECT_ALL, LAYOUT;

        /** "select-all" → SELECT_ALL; throws {@link IllegalArgumentException} for an unknown name. */
        public static Command parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Unknown canvas command '" + name + "'");
            }
        }
    }

    /** The detail of the {@code graph-change} DOM event as the element sends it (model.ts GraphChange). */
    public record ChangeDetail(String kind, String nodeId, String nodeType, String edgeId, Double x, Double y,
                               String fromNode, String fromPort, String toNode, String toPort, List<String> nodeIds,
                               List<Move> moves, Integer problemIndex, Boolean keyboard) {

        /** The fields every kind uses; the lists and the index stay null. */
        public ChangeDetail(String kind, String nodeId, String nodeType, String edgeId, Double x, Double y,
                            String fromNode, String fromPort, String toNode, String toPort) {
            this(kind, nodeId, nodeType, edgeId, x, y, fromNode, fromPort, toNode, toPort, null, null, null, null);
        }

        /** The typed change; throws {@link IllegalArgumentException} for an unknown kind. */
        public Change toChange() {
            return switch (kind) {
                case "node-added" -> new NodeAdded(nodeType, orZero(x), orZero(y));
                case "node-moved" -> new NodeMoved(nodeId, orZero(x), orZero(y));
                case "nodes-moved" -> new NodesMoved(moves, Boolean.TRUE.equals(keyboard));
                case "node-removed" -> new NodeRemoved(nodeId);
                case "node-selected" -> new NodeSelected(nodeId);
                case "selection-changed" -> new SelectionChanged(nodeIds);
                case "edge-added" -> new EdgeAdded(fromNode, fromPort, toNode, toPort);
                case "edge-removed" -> new EdgeRemoved(edgeId);
                case "edge-rerouted" -> new EdgeRerouted(edgeId, toNode, toPort);
                case "edge-selected" -> new EdgeSelected(edgeId);
                case "fix-requested" -> new FixRequested(nodeId, problemIndex == null ? -1 : problemIndex);
                default -> throw new IllegalArgumentException("Unknown graph-change kind '" + kind + "'");
            };
        }

        private static double orZero(Double v) {
            return v == null || v.isNaN() ? 0 : v;
        }
    }

    /** Fired for every edit on the canvas. */
    @DomEvent("graph-change")
    public static class GraphChangeEvent extends ComponentEvent<NetworkCanvas> {
        private final Change change;

        public GraphChangeEvent(NetworkCanvas source, boolean fromClient, @EventData("event.detail") ChangeDetail detail) {
            super(source, fromClient);
            this.change = detail.toChange();
        }

        public Change getChange() {
            return change;
        }
    }

    /** Fired for a keyboard shortcut of the canvas (Ctrl+Z, Ctrl+C, Delete, ...). */
    @DomEvent("canvas-command")
    public static class CommandEvent extends ComponentEvent<NetworkCanvas> {
        private final Command command;

        public CommandEvent(NetworkCanvas source, boolean fromClient, @EventData("event.detail.command") String command) {
            super(source, fromClient);
            this.command = Command.parse(command);
        }

        public Command getCommand() {
            return command;
        }
    }

    private View view = new View(0, List.of(), List.of(), List.of(), 0);

    public NetworkCanvas() {
        setWidthFull();
    }

    public void setView(View view) {
        this.view = view;
        getElement().setPropertyBean("view", view);
    }

    public View getView() {
        return view;
    }

    /** Asks the element to add a node of {@code type} near the middle of what is visible (fires {@link NodeAdded}). */
    public void requestAdd(String type) {
        getElement().callJsFunction("requestAdd", type);
    }

    public Registration addGraphChangeListener(ComponentEventListener<GraphChangeEvent> listener) {
        return addListener(GraphChangeEvent.class, listener);
    }

    public Registration addCommandListener(ComponentEventListener<CommandEvent> listener) {
        return addListener(CommandEvent.class, listener);
    }
}
