package dev.netwright.graph;

import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.ParamDef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed from design {@code a} to design {@code b}. Nodes are matched by id; edges by their ends
 * (from node and port, to node and port), so renumbered edge ids are no change. A node whose type or any parameter
 * differs is {@link #changed}; parameters are compared with the catalog's defaults filled in, so omitting a default
 * and writing it out are the same. A node that only moved on the canvas is in {@link #moved}, not in changed.
 * Block definitions ({@link GraphSpec#blocks()}) are matched by name; a definition in both whose inner nodes, edges or
 * ports differ is in {@link #changedBlocks} with the inner diff (inner moves alone are no change).
 *
 * @param added         nodes only in b
 * @param removed       nodes only in a
 * @param changed       nodes in both whose type or parameters differ
 * @param moved         nodes in both that differ only in position
 * @param addedEdges    connections only in b (b's edges)
 * @param removedEdges  connections only in a (a's edges)
 * @param addedBlocks   block definitions only in b
 * @param removedBlocks block definitions only in a
 * @param changedBlocks block definitions in both whose content differs
 */
public record GraphDiff(List<NodeSpec> added, List<NodeSpec> removed, List<NodeChange> changed, List<NodeMove> moved,
                        List<EdgeSpec> addedEdges, List<EdgeSpec> removedEdges,
                        List<BlockSpec> addedBlocks, List<BlockSpec> removedBlocks, List<BlockChange> changedBlocks) {

    /** How a node shows in a diff view. */
    public enum Status { ADDED, REMOVED, CHANGED, MOVED, UNCHANGED }

    /** One parameter's values before and after (null: the parameter is absent and its type has no default). */
    public record ParamChange(String name, Object oldValue, Object newValue) {
    }

    /**
     * A node whose type or parameters differ.
     *
     * @param oldType the type in a
     * @param newType the type in b (equal to oldType unless the type changed)
     * @param params   the parameters that differ, in the order of the node's type (then any others by name)
     */
    public record NodeChange(String nodeId, String oldType, String newType, List<ParamChange> params) {
        public boolean typeChanged() {
            return !Objects.equals(oldType, newType);
        }
    }

    /** A node that only moved on the canvas. */
    public record NodeMove(String nodeId, NodeSpec.Position from, NodeSpec.Position to) {
    }

    /**
     * A block definition whose content differs.
     *
     * @param name  the block's name (in a and b)
     * @param inner the diff of its inner nodes and edges (positions are relative to the block, moves are no change)
     * @param ports its input and output ports that were added, removed or now stand for another inner port
     */
    public record BlockChange(String name, GraphDiff inner, List<PortChange> ports) {
        public BlockChange {
            ports = List.copyOf(ports);
        }
    }

    /**
     * A block port that differs: {@code before} null when it was added, {@code after} null when it was removed.
     *
     * @param direction "input" or "output"
     */
    public record PortChange(String direction, String name, BlockPort before, BlockPort after) {
    }

    public GraphDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        moved = List.copyOf(moved);
        addedEdges = List.copyOf(addedEdges);
        removedEdges = List.copyOf(removedEdges);
        addedBlocks = addedBlocks == null ? List.of() : List.copyOf(addedBlocks);
        removedBlocks = removedBlocks == null ? List.of() : List.copyOf(removedBlocks);
        changedBlocks = changedBlocks == null ? List.of() : List.copyOf(changedBlocks);
    }

    /** A diff of nodes and edges alone (no block definitions changed). */
    public GraphDiff(List<NodeSpec> added, List<NodeSpec> removed, List<NodeChange> changed, List<NodeMove> moved,
                     List<EdgeSpec> addedEdges, List<EdgeSpec> removedEdges) {
        this(added, removed, changed, moved, addedEdges, removedEdges, List.of(), List.of(), List.of());
    }

    public static GraphDiff between(GraphSpec a, GraphSpec b) {
        GraphDiff top = nodesAndEdges(a, b);
        Map<String, BlockSpec> before = blocksByName(a), after = blocksByName(b);
        List<BlockSpec> addedBlocks = after.values().stream().filter(x -> !before.containsKey(x.name())).toList();
        List<BlockSpec> removedBlocks = before.values().stream().filter(x -> !after.containsKey(x.name())).toList();
        List<BlockChange> changedBlocks = new ArrayList<>();
        for (BlockSpec old : before.values()) {
            BlockSpec now = after.get(old.name());
            if (now == null) continue;
            GraphDiff inner = nodesAndEdges(new GraphSpec(null, 0, old.name(), old.nodes(), old.edges()),
                    new GraphSpec(null, 0, now.name(), now.nodes(), now.edges()));
            List<PortChange> ports = new ArrayList<>(portChanges("input", old.inputs(), now.inputs()));
            ports.addAll(portChanges("output", old.outputs(), now.outputs()));
            if (!inner.isEmpty() || !ports.isEmpty()) changedBlocks.add(new BlockChange(old.name(), inner, ports));
        }
        return new GraphDiff(top.added, top.removed, top.changed, top.moved, top.addedEdges, top.removedEdges,
                addedBlocks, removedBlocks, changedBlocks);
    }

    private static GraphDiff nodesAndEdges(GraphSpec a, GraphSpec b) {
        Map<String, NodeSpec> before = byId(a), after = byId(b);
        List<NodeSpec> added = new ArrayList<>(), removed = new ArrayList<>();
        List<NodeChange> changed = new ArrayList<>();
        List<NodeMove> moved = new ArrayList<>();
        for (NodeSpec n : after.values()) if (!before.containsKey(n.id())) added.add(n);
        for (NodeSpec old : before.values()) {
            NodeSpec now = after.get(old.id());
            if (now == null) {
                removed.add(old);
                continue;
            }
            List<ParamChange> params = paramChanges(old, now);
            if (!Objects.equals(old.type(), now.type()) || !params.isEmpty()) {
                changed.add(new NodeChange(old.id(), old.type(), now.type(), params));
            } else if (!old.position().equals(now.position())) {
                moved.add(new NodeMove(old.id(), old.position(), now.position()));
            }
        }
        Map<List<String>, EdgeSpec> edgesBefore = edgesByEnds(a), edgesAfter = edgesByEnds(b);
        List<EdgeSpec> addedEdges = edgesAfter.entrySet().stream().filter(e -> !edgesBefore.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<EdgeSpec> removedEdges = edgesBefore.entrySet().stream().filter(e -> !edgesAfter.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        return new GraphDiff(added, removed, changed, moved, addedEdges, removedEdges);
    }

    /** True when the two designs are the same (positions aside: a moved node is no change here), blocks included. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && addedEdges.isEmpty() && removedEdges.isEmpty()
                && addedBlocks.isEmpty() && removedBlocks.isEmpty() && changedBlocks.isEmpty();
    }

    /** The change of block {@code name}'s definition, if it changed. */
    public java.util.Optional<BlockChange> blockChange(String name) {
        return changedBlocks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The blocks of {@code b} (the diff's "after" design) whose instances compute something else than in a: the changed
     * definitions, and the definitions that contain an instance of one of those, directly or through other blocks.
     */
    public Set<String> affectedBlocks(GraphSpec b) {
        Set<String> affected = new LinkedHashSet<>();
        changedBlocks.forEach(c -> affected.add(c.name()));
        boolean grew = !affected.isEmpty();
        while (grew) {
            grew = false;
            for (BlockSpec def : b.blocks()) {
                if (affected.contains(def.name())) continue;
                if (def.nodes().stream().map(Blocks::blockOf).anyMatch(affected::contains)) grew = affected.add(def.name());
            }
        }
        return affected;
    }

    /**
     * The instances of {@code b} (the diff's "after" design) that are the same nodes as in a but compute something else,
     * because their block is one of the {@link #affectedBlocks}: node id → block name, in b's order. Added and changed
     * nodes are left out (their own change is the one to show); an instance that also moved is in it.
     */
    public Map<String, String> changedInstances(GraphSpec b) {
        Set<String> affected = affectedBlocks(b);
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeSpec n : b.nodes()) {
            String block = Blocks.blockOf(n);
            if (n.id() == null || block == null || !affected.contains(block)) continue;
            Status status = statusOf(n.id());
            if (status != Status.ADDED && status != Status.CHANGED) out.putIfAbsent(n.id(), block);
        }
        return Collections.unmodifiableMap(out);
    }

    /** How node {@code id} shows: added, removed, changed, moved or unchanged (also for ids in neither design). */
    public Status statusOf(String id) {
        if (added.stream().anyMatch(n -> n.id().equals(id))) return Status.ADDED;
        if (removed.stream().anyMatch(n -> n.id().equals(id))) return Status.REMOVED;
        if (changed.stream().anyMatch(c -> c.nodeId().equals(id))) return Status.CHANGED;
        if (moved.stream().anyMatch(m -> m.nodeId().equals(id))) return Status.MOVED;
        return Status.UNCHANGED;
    }

    private static Map<String, NodeSpec> byId(GraphSpec g) {
        Map<String, NodeSpec> m = new LinkedHashMap<>();
        for (NodeSpec n : g.nodes()) if (n.id() != null) m.putIfAbsent(n.id(), n);
        return m;
    }

    private static Map<String, BlockSpec> blocksByName(GraphSpec g) {
        Map<String, BlockSpec> m = new LinkedHashMap<>();
        for (BlockSpec def : g.blocks()) if (def.name() != null) m.putIfAbsent(def.name(), def);
        return m;
    }

    /**
     * Ports matched by name: added, removed, or mapped to another inner node or port. An input that feeds several inner
     * ports has an entry per inner port ({@link BlockSpec#inputs}); entries in both are no change, and the others are
     * paired by name, so an inner port it no longer feeds (or newly feeds) shows as removed (added).
     */
    private static List<PortChange> portChanges(String direction, List<BlockPort> a, List<BlockPort> b) {
        List<BlockPort> gone = new ArrayList<>(a), come = new ArrayList<>(b);
        gone.removeAll(b);
        come.removeAll(a);
        List<PortChange> out = new ArrayList<>();
        for (BlockPort p : gone) {
            BlockPort q = come.stream().filter(x -> x.name().equals(p.name())).findFirst().orElse(null);
            if (q != null) come.remove(q);
            out.add(new PortChange(direction, p.name(), p, q));
        }
        come.forEach(q -> out.add(new PortChange(direction, q.name(), null, q)));
        return out;
    }

    private static Map<List<String>, EdgeSpec> edgesByEnds(GraphSpec g) {
        Map<List<String>, EdgeSpec> m = new LinkedHashMap<>();
        for (EdgeSpec e : g.edges()) {
            if (e.from() == null || e.to() == null) continue;
            m.putIfAbsent(java.util.Arrays.asList(e.from().node(), e.from().port(), e.to().node(), e.to().port()), e);
        }
        return m;
    }

    /** Differences of the effective parameters (defaults of the new type filled in when the type is unchanged). */
    private static List<ParamChange> paramChanges(NodeSpec a, NodeSpec b) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (Objects.equals(a.type(), b.type())) {
            LayerCatalog.find(a.type()).ifPresent(t -> {
                for (ParamDef d : t.params()) defaults.put(d.name(), d.defaultValue());
            });
        }
        Set<String> names = new LinkedHashSet<>(defaults.keySet());
        names.addAll(new java.util.TreeSet<>(a.params().keySet()));
        names.addAll(new java.util.TreeSet<>(b.params().keySet()));
        List<ParamChange> out = new ArrayList<>();
        for (String name : names) {
            Object old = a.params().containsKey(name) ? a.params().get(name) : defaults.get(name);
            Object now = b.params().containsKey(name) ? b.params().get(name) : defaults.get(name);
            if (!same(old, now)) out.add(new ParamChange(name, old, now));
        }
        return out;
    }

    /** JSON equality: numbers by value (4 = 4.0 = "4"), lists element by element, other values by equals. */
    static boolean same(Object x, Object y) {
        if (x instanceof Number p && y instanceof Number q) return p.doubleValue() == q.doubleValue();
        if (x instanceof List<?> p && y instanceof List<?> q) {
            if (p.size() != q.size()) return false;
            for (int i = 0; i < p.size(); i++) if (!same(p.get(i), q.get(i))) return false;
            return true;
        }
        if (x instanceof Number p && y instanceof String q) return sameNumber(p, q);
        if (x instanceof String p && y instanceof Number q) return sameNumber(q, p);
        return Objects.equals(x, y);
    }

    private static boolean sameNumber(Number n, String s) {
        try {
            return n.doubleValue() == Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
