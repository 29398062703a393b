package dev.netwright.ui.editor;

import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphFix;
import dev.netwright.graph.GraphFixes;
import dev.netwright.graph.GraphLayout;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.ParamDef;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The design being edited: a mutable copy of a {@link GraphSpec} with the edits the canvas and inspector
 * make, and the graph it was last loaded from or saved as (to tell whether there are unsaved changes).
 * Never throws for a user's design; what is wrong is found by validation and pinned on the nodes.
 *
 * <p>Every edit is undoable: before it, the draft keeps a snapshot of the whole design (a {@link GraphSpec} is small
 * and immutable, so a bounded stack of {@value #HISTORY_LIMIT} snapshots is simpler than inverse operations and cannot
 * drift from them). An edit that changes nothing leaves no step.
 */
public final class GraphDraft {
    /** How many edits undo goes back (the issue asks for at least 100). */
    public static final int HISTORY_LIMIT = 200;
    /** Edits with the same merge key within this time are one undo step (a run of arrow-key moves). */
    private static final long MERGE_NANOS = 1_500_000_000L;

    private String name;
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, EdgeSpec> edges = new LinkedHashMap<>();
    /** Block definitions by name ({@link BlockSpec}); instances refer to them by name. */
    private final Map<String, BlockSpec> blocks = new LinkedHashMap<>();
    private GraphSpec baseline;
    /** Snapshots before each edit (newest last), and the states undone since the last edit. */
    private final Deque<GraphSpec> undo = new ArrayDeque<>();
    private final Deque<GraphSpec> redo = new ArrayDeque<>();
    private int depth;
    private String lastKey;
    private long lastKeyAt;

    public GraphDraft(GraphSpec graph) {
        load(graph);
    }

    /** The design a new project starts with: an Input of 2 values and an Output, not yet connected. */
    public static GraphSpec starter(String name) {
        return new GraphSpec(GraphSpec.FORMAT, GraphSpec.VERSION, name, List.of(
                new NodeSpec("input", "Input", defaults("Input"), new NodeSpec.Position(60, 160)),
                new NodeSpec("output", "Output", defaults("Output"), new NodeSpec.Position(560, 160))), List.of());
    }

    /** Replaces everything with {@code graph}, which becomes the unchanged state; the undo history starts anew. */
    public void load(GraphSpec graph) {
        set(graph);
        baseline = toSpec();
        undo.clear();
        redo.clear();
        lastKey = null;
    }

    /** Replaces the design with {@code graph} (a template, an import, a draft kept in the session) as one undoable edit. */
    public void replaceWith(GraphSpec graph) {
        change(null, () -> set(graph));
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
        return new GraphSpec(GraphSpec.FORMAT, GraphSpec.VERSION, name, List.copyOf(nodes.values()), List.copyOf(edges.values()),
                List.copyOf(blocks.values()));
    }

    /** The design's block definitions, in the order they were made. */
    public List<BlockSpec> blocks() {
        return List.copyOf(blocks.values());
    }

    public Optional<NodeSpec> node(String id) {
        return Optional.ofNullable(id == null ? null : nodes.get(id));
    }

    public Optional<EdgeSpec> edge(String id) {
        return Optional.ofNullable(id == null ? null : edges.get(id));
    }

    /** The node ids in the order they were added. */
    public List<String> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    // ***** history *****

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Goes back one edit; false when there is none. */
    public boolean undo() {
        return step(undo, redo);
    }

    /** Does again the edit undone last; false when there is none (or an edit came since). */
    public boolean redo() {
        return step(redo, undo);
    }

    /** Runs several edits as one undo step (a paste, deleting a selection, moving several nodes). */
    public void batch(Runnable edits) {
        change(null, edits);
    }

    private boolean step(Deque<GraphSpec> from, Deque<GraphSpec> to) {
        if (from.isEmpty()) return false;
        push(to, toSpec());
        set(from.removeLast());
        lastKey = null;
        return true;
    }

    private void change(String mergeKey, Runnable edit) {
        change(mergeKey, () -> {
            edit.run();
            return null;
        });
    }

    /**
     * Runs one edit and records the state before it, unless nothing changed or it continues a run of edits with the
     * same {@code mergeKey}. Edits inside a {@link #batch} are recorded by the batch.
     */
    private <T> T change(String mergeKey, Supplier<T> edit) {
        if (depth > 0) return edit.get();
        GraphSpec before = toSpec();
        T result;
        depth++;
        try {
            result = edit.get();
        } finally {
            depth--;
        }
        if (toSpec().equals(before)) return result;
        long now = System.nanoTime();
        boolean merge = mergeKey != null && mergeKey.equals(lastKey) && now - lastKeyAt < MERGE_NANOS && !undo.isEmpty();
        if (!merge) push(undo, before);
        redo.clear();
        lastKey = mergeKey;
        lastKeyAt = now;
        return result;
    }

    private static void push(Deque<GraphSpec> stack, GraphSpec state) {
        stack.addLast(state);
        while (stack.size() > HISTORY_LIMIT) stack.removeFirst();
    }

    private void set(GraphSpec graph) {
        name = graph.name();
        nodes.clear();
        edges.clear();
        blocks.clear();
        graph.nodes().forEach(n -> nodes.put(n.id(), n));
        graph.edges().forEach(e -> edges.put(e.id(), e));
        graph.blocks().forEach(b -> blocks.putIfAbsent(b.name(), b));
    }

    // ***** edits *****

    /** Adds a layer with its type's default parameters at {@code (x, y)}; returns its new id ("dense1", ...). */
    public String addNode(String type, double x, double y) {
        return change(null, () -> {
            String id = freeId(base(type));
            nodes.put(id, new NodeSpec(id, type, defaults(type), new NodeSpec.Position(Math.round(x), Math.round(y))));
            return id;
        });
    }

    public void moveNode(String id, double x, double y) {
        change(null, () -> place(id, x, y));
    }

    /**
     * Moves several nodes as one undo step. Moves with the same {@code mergeKey} in quick succession (arrow keys held
     * down) merge into one step; null never merges.
     */
    public void moveNodes(Map<String, NodeSpec.Position> positions, String mergeKey) {
        change(mergeKey, () -> positions.forEach((id, p) -> place(id, p.x(), p.y())));
    }

    private void place(String id, double x, double y) {
        NodeSpec n = nodes.get(id);
        if (n != null) nodes.put(id, new NodeSpec(id, n.type(), n.params(), new NodeSpec.Position(Math.round(x), Math.round(y))));
    }

    /** Removes a layer and every connection to or from it. */
    public void removeNode(String id) {
        change(null, () -> {
            if (nodes.remove(id) != null) edges.values().removeIf(e -> touches(e, id));
        });
    }

    /** Removes several layers and their connections as one undo step. */
    public void removeNodes(Collection<String> ids) {
        batch(() -> ids.forEach(this::removeNode));
    }

    /**
     * Connects an output port to an input port and returns the new edge's id. An input port takes one
     * connection: one already there is replaced. Connecting the same ports twice keeps one edge.
     */
    public String connect(String fromNode, String fromPort, String toNode, String toPort) {
        return change(null, () -> {
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
        });
    }

    public void removeEdge(String id) {
        change(null, () -> edges.remove(id));
    }

    /** Sets one parameter of a layer (null removes it, so the type's default applies). */
    public void setParam(String nodeId, String param, Object value) {
        change(null, () -> {
            NodeSpec n = nodes.get(nodeId);
            if (n != null) nodes.put(nodeId, withParam(n, param, value));
        });
    }

    /** {@code n} with {@code param} set to {@code value} (null: removed, so the type's default applies). */
    private static NodeSpec withParam(NodeSpec n, String param, Object value) {
        Map<String, Object> params = new LinkedHashMap<>(n.params());
        if (value == null) params.remove(param);
        else params.put(param, value);
        return new NodeSpec(n.id(), n.type(), params, n.position());
    }

    /**
     * Applies a suggested fix ({@link GraphFixes#apply}) as one undo step.
     *
     * @throws IllegalArgumentException when the fix no longer fits the design (nothing changes then)
     */
    public void applyFix(GraphFix fix) {
        GraphSpec fixed = GraphFixes.apply(toSpec(), fix);
        replaceWith(fixed);
    }

    /** Moves every node to the position {@link GraphLayout#layered} gives it, as one undo step. */
    public void autoLayout() {
        replaceWith(GraphLayout.layered(toSpec()));
    }

    // ***** blocks *****

    /**
     * Turns the nodes {@code ids} into a new block {@code blockName} and one instance of it ({@link Blocks#collapse}),
     * one undo step; returns the instance's id.
     *
     * @throws IllegalArgumentException with a message for the user when the selection cannot be a block
     */
    public String collapse(Collection<String> ids, String blockName) {
        GraphSpec collapsed = Blocks.collapse(toSpec(), ids, blockName);
        replaceWith(collapsed);
        // the block is new, so its only instance is the one collapse made
        return collapsed.nodes().stream().filter(n -> blockName.strip().equals(Blocks.blockOf(n))).map(NodeSpec::id)
                .findFirst().orElseThrow();
    }

    /**
     * Sets one parameter of layer {@code nodeId} inside block {@code blockName}'s definition (null removes it, so the
     * type's default applies), one undo step: every instance of the block changes.
     */
    public void setBlockParam(String blockName, String nodeId, String param, Object value) {
        change(null, () -> {
            BlockSpec b = blocks.get(blockName);
            if (b == null) return;
            List<NodeSpec> inner = b.nodes().stream().map(n -> n.id().equals(nodeId) ? withParam(n, param, value) : n).toList();
            blocks.put(blockName, new BlockSpec(b.name(), b.description(), inner, b.edges(), b.inputs(), b.outputs()));
        });
    }

    /** The definition of block {@code name} in this design. */
    public Optional<BlockSpec> block(String name) {
        return Optional.ofNullable(name == null ? null : blocks.get(name));
    }

    /** How many instances of block {@code name} the design has. */
    public long instances(String name) {
        return nodes.values().stream().filter(n -> name != null && name.equals(Blocks.blockOf(n))).count();
    }

    /** Replaces one block instance by copies of its layers ({@link Blocks#expandInstance}), one undo step. */
    public void expandInstance(String instanceId) {
        replaceWith(Blocks.expandInstance(toSpec(), instanceId));
    }

    /**
     * Adds an instance of block {@code definition} at {@code (x, y)}, one undo step. The definition and the blocks it
     * uses (from {@code source}: another version; null for this design's own) are brought in by {@link Blocks#adopt}:
     * an equal definition of the design is reused, a different one with a taken name is copied in as "Pair 2" and so
     * on, and the instance names it. Returns the instance's id.
     */
    public String addBlock(BlockSpec definition, GraphSpec source, double x, double y) {
        return change(null, () -> {
            List<BlockSpec> used = source == null ? List.of() : Blocks.closure(source, definition.name());
            String block = adopt(used.isEmpty() ? List.of(definition) : used).name(definition.name());
            String id = freeId("block");
            nodes.put(id, Blocks.instance(id, block, new NodeSpec.Position(Math.round(x), Math.round(y))));
            return id;
        });
    }

    /** Adds the definitions {@link Blocks#adopt} says this design lacks; returns its decision. */
    private Blocks.Adoption adopt(List<BlockSpec> incoming) {
        Blocks.Adoption adopted = Blocks.adopt(blocks.values(), incoming);
        adopted.added().forEach(b -> blocks.put(b.name(), b));
        return adopted;
    }

    // ***** copy and paste *****

    /** The nodes {@code ids} and the connections between them, as a graph fragment for {@link #paste}. */
    public GraphSpec copy(Collection<String> ids) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<NodeSpec> copied = nodes.values().stream().filter(n -> wanted.contains(n.id())).toList();
        List<EdgeSpec> inside = edges.values().stream().filter(e -> e.from() != null && e.to() != null
                && wanted.contains(e.from().node()) && wanted.contains(e.to().node())).toList();
        GraphSpec all = toSpec();
        Map<String, BlockSpec> used = new LinkedHashMap<>();
        copied.stream().map(Blocks::blockOf).filter(Objects::nonNull)
                .forEach(b -> Blocks.closure(all, b).forEach(d -> used.putIfAbsent(d.name(), d)));
        return new GraphSpec(GraphSpec.FORMAT, GraphSpec.VERSION, name, copied, inside, List.copyOf(used.values()));
    }

    /**
     * Adds a copy of {@code fragment}'s nodes, moved by (dx, dy), with new ids, and its connections between them; one
     * undo step. The fragment's block definitions (it may come from another project) are brought in by
     * {@link Blocks#adopt}, so a pasted instance keeps its own definition even where this design has a different block
     * of the same name. Returns the new nodes' ids in the fragment's order.
     */
    public List<String> paste(GraphSpec fragment, double dx, double dy) {
        return change(null, () -> {
            Map<String, String> ids = new LinkedHashMap<>();
            Blocks.Adoption adopted = adopt(fragment.blocks());
            for (NodeSpec n : fragment.nodes()) {
                String id = freeId(base(n.type()));
                ids.put(n.id(), id);
                nodes.put(id, new NodeSpec(id, n.type(), adopted.rename(n).params(),
                        new NodeSpec.Position(Math.round(n.position().x() + dx), Math.round(n.position().y() + dy))));
            }
            for (EdgeSpec e : fragment.edges()) {
                String from = e.from() == null ? null : ids.get(e.from().node());
                String to = e.to() == null ? null : ids.get(e.to().node());
                if (from == null || to == null) continue;
                String id = freeEdgeId();
                edges.put(id, new EdgeSpec(id, new EdgeSpec.PortRef(from, e.from().port()), new EdgeSpec.PortRef(to, e.to().port())));
            }
            return List.copyOf(ids.values());
        });
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

    private static String base(String type) {
        return type.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
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
