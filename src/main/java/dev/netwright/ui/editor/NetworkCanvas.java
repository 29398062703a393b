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
 * labels, problems, all as text) and listens for {@link Change}s.
 */
@Tag("network-canvas")
@JsModule("./src/network-canvas/network-canvas.ts")
@NpmPackage(value = "drawflow", version = "0.0.60")
public class NetworkCanvas extends Component implements HasSize {

    /** Everything the canvas shows; {@code fitKey} changing makes it zoom to fit all nodes. */
    public record View(long revision, List<Node> nodes, List<Edge> edges, String selected, long fitKey) {
    }

    /**
     * A node box: bold {@code title}, then {@code summary} ("Dense" "4 · tanh"), a {@code detail} line and the
     * problems pinned to it. Port names in order; {@code category} only picks a colour.
     */
    public record Node(String id, String category, String title, String summary, String detail, List<String> inputs,
                       List<String> outputs, double x, double y, List<Problem> problems) {
    }

    /** A connection; {@code label} is drawn on its middle (a tensor shape such as "[4]"). */
    public record Edge(String id, String fromNode, String fromPort, String toNode, String toPort, String label) {
    }

    /** A message on a node; severity "ERROR" or "WARNING"; {@code port} marks one input port, or null. */
    public record Problem(String severity, String port, String message) {
    }

    /** One edit made on the canvas. */
    public sealed interface Change permits NodeAdded, NodeMoved, NodeRemoved, NodeSelected, EdgeAdded, EdgeRemoved, EdgeSelected {
    }

    /** A layer of {@code type} dropped (or requested from the palette) at canvas position (x, y). */
    public record NodeAdded(String type, double x, double y) implements Change {
    }

    public record NodeMoved(String nodeId, double x, double y) implements Change {
    }

    /** The user asked to delete the node (Delete key or its "x"); it stays until the next view. */
    public record NodeRemoved(String nodeId) implements Change {
    }

    /** A node was selected; null when the selection was cleared. */
    public record NodeSelected(String nodeId) implements Change {
    }

    /** The user dragged a connection from an output port to an input port. */
    public record EdgeAdded(String fromNode, String fromPort, String toNode, String toPort) implements Change {
    }

    public record EdgeRemoved(String edgeId) implements Change {
    }

    /** A connection was selected; null when the selection was cleared. */
    public record EdgeSelected(String edgeId) implements Change {
    }

    /** The detail of the {@code graph-change} DOM event as the element sends it (model.ts GraphChange). */
    public record ChangeDetail(String kind, String nodeId, String nodeType, String edgeId, Double x, Double y,
                               String fromNode, String fromPort, String toNode, String toPort) {

        /** The typed change; throws {@link IllegalArgumentException} for an unknown kind. */
        public Change toChange() {
            return switch (kind) {
                case "node-added" -> new NodeAdded(nodeType, orZero(x), orZero(y));
                case "node-moved" -> new NodeMoved(nodeId, orZero(x), orZero(y));
                case "node-removed" -> new NodeRemoved(nodeId);
                case "node-selected" -> new NodeSelected(nodeId);
                case "edge-added" -> new EdgeAdded(fromNode, fromPort, toNode, toPort);
                case "edge-removed" -> new EdgeRemoved(edgeId);
                case "edge-selected" -> new EdgeSelected(edgeId);
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

    private View view = new View(0, List.of(), List.of(), null, 0);

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
}
