package dev.netwright.ui.editor;

import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.ParamDef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The design being edited: a mutable copy of a {@link GraphSpec} with the edits the canvas and inspector
 * make, and the graph it was last loaded from or saved as (to tell whether there are unsaved changes).
 * Never throws for a user's design; what is wrong is found by validation and pinned on the nodes.
 */
public final class GraphDraft {
    private String name;
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, EdgeSpec> edges = new LinkedHashMap<>();
    private GraphSpec baseline;

    public GraphDraft(GraphSpec graph) {
        load(graph);
    }

    /** The design a new project starts with: an Input of 2 values and an Output, not yet connected. */
    public static GraphSpec starter(String name) {
        return new GraphSpec(GraphSpec.FORMAT, GraphSpec.VERSION, name, List.of(
                new NodeSpec("input", "Input", defaults("Input"), new NodeSpec.Position(60, 160)),
                new NodeSpec("output", "Output", defaults("Output"), new NodeSpec.Position(560, 160))), List.of());
    }

    /** Replaces everything with {@code graph}, which becomes the unchanged state. */
    public void load(GraphSpec graph) {
        replaceWith(graph);
        baseline = toSpec();
    }

    /** Replaces the design with {@code graph} (a template, a draft kept in the session); the saved state stays. */
    public void replaceWith(GraphSpec graph) {
        name = graph.name();
        nodes.clear();
        edges.clear();
        graph.nodes().forEach(n -> nodes.put(n.id(), n));
        graph.edges().forEach(e -> edges.put(e.id(), e));
    }

    /** Marks the current state as saved. */
    public void markSaved() {
        baseline = toSpec();
    }

    public boolean isDirty() {
        return !toSpec().equals(baseline);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int edgeCount() {
        return edges.size();
    }

    public GraphSpec toSpec() {
        return new GraphSpec(GraphSpec.FORMAT, GraphSpec.VERSION, name, List.copyOf(nodes.values()), List.copyOf(edges.values()));
    }

    public Optional<NodeSpec> node(String id) {
        return Optional.ofNullable(id == null ? null : nodes.get(id));
    }

    public Optional<EdgeSpec> edge(String id) {
        return Optional.ofNullable(id == null ? null : edges.get(id));
    }

    /** Adds a layer with its type's default parameters at {@code (x, y)}; returns its new id ("dense1", ...). */
    public String addNode(String type, double x, double y) {
        String id = freeId(type.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
        nodes.put(id, new NodeSpec(id, type, defaults(type), new NodeSpec.Position(Math.round(x), Math.round(y))));
        return id;
    }

    public void moveNode(String id, double x, double y) {
        NodeSpec n = nodes.get(id);
        if (n != null) nodes.put(id, new NodeSpec(id, n.type(), n.params(), new NodeSpec.Position(Math.round(x), Math.round(y))));
    }

    /** Removes a layer and every connection to or from it. */
    public void removeNode(String id) {
        if (nodes.remove(id) == null) return;
        edges.values().removeIf(e -> touches(e, id));
    }

    /**
     * Connects an output port to an input port and returns the new edge's id. An input port takes one
     * connection: one already there is replaced. Connecting the same ports twice keeps one edge.
     */
    public String connect(String fromNode, String fromPort, String toNode, String toPort) {
        for (EdgeSpec e : edges.values()) {
            if (e.from() != null && e.to() != null && fromNode.equals(e.from().node()) && fromPort.equals(e.from().port())
                    && toNode.equals(e.to().node()) && toPort.equals(e.to().port())) {
                return e.id();
            }
        }
        edges.values().removeIf(e -> e.to() != null && toNode.equals(e.to().node()) && toPort.equals(e.to().port()));
        String id = freeEdgeId();
        edges.put(id, new EdgeSpec(id, new EdgeSpec.PortRef(fromNode, fromPort), new EdgeSpec.PortRef(toNode, toPort)));
        return id;
    }

    public void removeEdge(String id) {
        edges.remove(id);
    }

    /** Sets one parameter of a layer (null removes it, so the type's default applies). */
    public void setParam(String nodeId, String param, Object value) {
        NodeSpec n = nodes.get(nodeId);
        if (n == null) return;
        Map<String, Object> params = new LinkedHashMap<>(n.params());
        if (value == null) params.remove(param);
        else params.put(param, value);
        nodes.put(nodeId, new NodeSpec(nodeId, n.type(), params, n.position()));
    }

    /** A parameter's value, or its type's default when the node leaves it out. */
    public static Object paramValue(NodeSpec node, ParamDef def) {
        Object v = node.params().get(def.name());
        return v != null ? v : def.defaultValue();
    }

    private static Map<String, Object> defaults(String type) {
        Map<String, Object> params = new LinkedHashMap<>();
        LayerCatalog.find(type).ifPresent(t -> t.params().forEach(p -> {
            if (p.defaultValue() != null) params.put(p.name(), p.defaultValue());
        }));
        return params;
    }

    private String freeId(String base) {
        String b = base.isEmpty() ? "layer" : base;
        for (int i = 1; ; i++) {
            if (!nodes.containsKey(b + i)) return b + i;
        }
    }

    private String freeEdgeId() {
        for (int i = edges.size() + 1; ; i++) {
            if (!edges.containsKey("e" + i)) return "e" + i;
        }
    }

    private static boolean touches(EdgeSpec e, String nodeId) {
        return (e.from() != null && Objects.equals(e.from().node(), nodeId)) || (e.to() != null && Objects.equals(e.to().node(), nodeId));
    }
}
