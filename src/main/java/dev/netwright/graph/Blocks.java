package dev.netwright.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Blocks ({@link BlockSpec}): inlining instances for analysis and compilation ({@link #expand}), turning a selection
 * into a block ({@link #collapse}) and one instance back into plain nodes ({@link #expandInstance}).
 *
 * <p>Inlined inner nodes are named {@code <instanceId>/<innerId>} (nested: {@code a/b/dense1}), so the engine's
 * parameters are {@code a/dense1.weight}; edges into and out of an instance keep their ids and are rewired through the
 * block's ports.
 */
public final class Blocks {
    /** The node type of a block instance. */
    public static final String TYPE = "Block";
    /** The instance's parameter naming its block. */
    public static final String PARAM = "block";

    private Blocks() {
    }

    /**
     * A design with its instances inlined.
     *
     * @param graph    the flat design (no instances), the design's blocks kept
     * @param owners   inlined node id → the top-level instance it came from
     * @param outputs  top-level instance id → inlined node behind its first output port
     * @param problems instances that could not be inlined (unknown block, a block containing itself, a bad port)
     */
    public record Expansion(GraphSpec graph, Map<String, String> owners, Map<String, String> outputs, List<GraphProblem> problems) {
    }

    public static boolean isInstance(NodeSpec n) {
        return n != null && TYPE.equals(n.type());
    }

    /** The block an instance names, or null. */
    public static String blockOf(NodeSpec n) {
        Object b = isInstance(n) ? n.params().get(PARAM) : null;
        return b == null ? null : b.toString();
    }

    /** What a node is titled with on the canvas and in a diff: an instance's block name, otherwise the node's type. */
    public static String title(NodeSpec n) {
        String block = blockOf(n);
        return block == null ? n.type() : block;
    }

    public static boolean hasInstances(GraphSpec g) {
        return g.nodes().stream().anyMatch(Blocks::isInstance);
    }

    /** A new instance node of {@code block}. */
    public static NodeSpec instance(String id, String block, NodeSpec.Position at) {
        return new NodeSpec(id, TYPE, Map.of(PARAM, block), at);
    }

    /** {@code g} with every instance inlined, recursively ({@link #expansion} says what could not be). */
    public static GraphSpec expand(GraphSpec g) {
        return expansion(g).graph();
    }

    public static Expansion expansion(GraphSpec g) {
        return new Inliner(g).run();
    }

    private static final class Inliner {
        final GraphSpec g;
        final Map<String, BlockSpec> defs = new HashMap<>();
        final List<NodeSpec> nodes = new ArrayList<>();
        final List<EdgeSpec> edges = new ArrayList<>();
        final Map<String, String> owners = new LinkedHashMap<>();
        final Map<String, Map<String, EdgeSpec.PortRef>> ins = new HashMap<>(), outs = new HashMap<>();
        final Map<String, String> ownerOfInstance = new HashMap<>();
        final Set<String> failed = new HashSet<>();
        final List<GraphProblem> problems = new ArrayList<>();

        Inliner(GraphSpec g) {
            this.g = g;
            g.blocks().forEach(b -> defs.putIfAbsent(b.name(), b));
        }

        Expansion run() {
            level("", null, g.nodes(), g.edges(), new ArrayDeque<>());
            List<EdgeSpec> wired = new ArrayList<>();
            for (EdgeSpec e : edges) {
                if (e.from() == null || e.to() == null) {
                    wired.add(e);
                    continue;
                }
                EdgeSpec.PortRef from = resolve(e.from(), outs), to = resolve(e.to(), ins);
                if (from != null && to != null) wired.add(new EdgeSpec(e.id(), from, to));
            }
            Map<String, String> outputs = new LinkedHashMap<>();
            for (NodeSpec n : g.nodes()) {
                Map<String, EdgeSpec.PortRef> o = outs.get(n.id());
                if (o == null || o.isEmpty()) continue;
                EdgeSpec.PortRef r = resolve(new EdgeSpec.PortRef(n.id(), o.keySet().iterator().next()), outs);
                if (r != null) outputs.put(n.id(), r.node());
            }
            return new Expansion(g.with(nodes, wired), owners, outputs, List.copyOf(problems));
        }

        /** Follows a port through (nested) instances to the inlined node behind it; null when it leads nowhere. */
        EdgeSpec.PortRef resolve(EdgeSpec.PortRef ref, Map<String, Map<String, EdgeSpec.PortRef>> ports) {
            for (int hops = 0; ref != null && hops < 64; hops++) {
                if (failed.contains(ref.node())) return null;
                Map<String, EdgeSpec.PortRef> p = ports.get(ref.node());
                if (p == null) return ref;
                EdgeSpec.PortRef next = p.get(ref.port());
                if (next == null) {
                    String owner = ownerOfInstance.getOrDefault(ref.node(), ref.node());
                    problems.add(GraphProblem.error("BAD_PORT", owner, ref.port(), "Block instance '" + ref.node()
                            + "' has no port '" + ref.port() + "'; ports: " + p.keySet()));
                    return null;
                }
                ref = next;
            }
            return ref;
        }

        void level(String prefix, String owner, List<NodeSpec> levelNodes, List<EdgeSpec> levelEdges, Deque<String> stack) {
            for (NodeSpec n : levelNodes) {
                String id = n.id() == null ? null : prefix + n.id();
                if (!isInstance(n) || id == null) {
                    nodes.add(prefix.isEmpty() ? n : new NodeSpec(id, n.type(), n.params(), n.position()));
                    if (owner != null && id != null) owners.put(id, owner);
                    continue;
                }
                String pin = owner == null ? id : owner;
                ownerOfInstance.put(id, pin);
                String name = blockOf(n);
                BlockSpec def = name == null ? null : defs.get(name);
                if (def == null) {
                    failed.add(id);
                    problems.add(GraphProblem.error("UNKNOWN_BLOCK", pin, name == null
                            ? "Block instance '" + id + "' names no block (param 'block')"
                            : "Block '" + name + "' is not defined in this design" + (owner == null ? "" : " (instance '" + id + "')")));
                    continue;
                }
                if (stack.contains(name)) {
                    failed.add(id);
                    List<String> path = new ArrayList<>(stack);
                    path.add(name);
                    problems.add(GraphProblem.error("BLOCK_CYCLE", pin, "Block '" + name + "' contains itself: "
                            + String.join(" → ", path.subList(path.indexOf(name), path.size()))));
                    continue;
                }
                Map<String, EdgeSpec.PortRef> in = new LinkedHashMap<>(), out = new LinkedHashMap<>();
                def.inputs().forEach(p -> in.put(p.name(), new EdgeSpec.PortRef(id + "/" + p.node(), p.port())));
                def.outputs().forEach(p -> out.put(p.name(), new EdgeSpec.PortRef(id + "/" + p.node(), "out")));
                ins.put(id, in);
                outs.put(id, out);
                stack.addLast(name);
                level(id + "/", pin, def.nodes(), def.edges(), stack);
                stack.removeLast();
            }
            for (EdgeSpec e : levelEdges) {
                if (prefix.isEmpty() || e.from() == null || e.to() == null) {
                    edges.add(e);
                    continue;
                }
                edges.add(new EdgeSpec(prefix + e.id(), new EdgeSpec.PortRef(prefix + e.from().node(), e.from().port()),
                        new EdgeSpec.PortRef(prefix + e.to().node(), e.to().port())));
            }
        }
    }

    /**
     * Folds the analysis of the expanded design back onto {@code g}: an instance gets the shape of its first output,
     * and the sum of its inner nodes' parameters and FLOPs; problems inside a block are pinned to the instance (the
     * message names the inner node) without a fix, since the fix would edit the block's inside.
     */
    static GraphAnalysis fold(GraphSpec g, Expansion x, GraphAnalysis a) {
        Set<String> ids = new HashSet<>();
        g.nodes().forEach(n -> ids.add(n.id()));
        Set<String> edgeIds = new HashSet<>();
        g.edges().forEach(e -> edgeIds.add(e.id()));
        Map<String, dev.netwright.engine.Shape> shapes = new LinkedHashMap<>(a.nodeShapes());
        x.outputs().forEach((inst, inner) -> {
            if (a.nodeShapes().containsKey(inner)) shapes.put(inst, a.nodeShapes().get(inner));
        });
        Map<String, Long> params = new LinkedHashMap<>(), flops = new LinkedHashMap<>();
        a.parameterCounts().forEach((id, v) -> params.merge(x.owners().getOrDefault(id, id), v, Long::sum));
        a.flops().forEach((id, v) -> flops.merge(x.owners().getOrDefault(id, id), v, Long::sum));
        LinkedHashSet<GraphProblem> problems = new LinkedHashSet<>(x.problems());
        for (GraphProblem p : a.problems()) {
            String owner = p.nodeId() == null ? null : x.owners().get(p.nodeId());
            if (owner != null) {
                NodeSpec inst = g.node(owner).orElseThrow();
                String inner = p.nodeId().substring(owner.length() + 1);
                problems.add(new GraphProblem(p.severity(), p.code(), owner, null,
                        "In block '" + blockOf(inst) + "', layer '" + inner + "': " + p.message(), null));
            } else {
                boolean fixFits = p.fix() == null || p.fix().edits().stream().allMatch(ed -> switch (ed) {
                    case GraphEdit.InsertNode i -> edgeIds.contains(i.edgeId());
                    case GraphEdit.SetParam s -> ids.contains(s.nodeId());
                    case GraphEdit.RemoveNode r -> ids.contains(r.nodeId());
                });
                problems.add(fixFits ? p : new GraphProblem(p.severity(), p.code(), p.nodeId(), p.port(), p.message(), null));
            }
        }
        List<String> order = a.order().stream().map(id -> x.owners().getOrDefault(id, id)).distinct().toList();
        return new GraphAnalysis(a.layers(), shapes, a.edgeShapes(), params, flops, a.inputShapes(), order, List.copyOf(problems));
    }

    // ***** collapse and expand in the editor *****

    /**
     * Turns the nodes {@code nodeIds} into a new block {@code name} and one instance of it in their place. Edges that
     * enter the selection become the block's inputs ("in0", "in1", ...: one per inner input port fed from outside);
     * inner nodes read from outside become its outputs ("out", or "out0", "out1", ... when there are several).
     *
     * @throws IllegalArgumentException when the name is empty or taken, the selection is empty, has a node that does
     *                                  not exist, contains the Input or Output layer, or nothing enters it
     */
    public static GraphSpec collapse(GraphSpec g, Collection<String> nodeIds, String name) {
        String blockName = name == null ? "" : name.strip();
        if (blockName.isEmpty()) throw new IllegalArgumentException("A block needs a name");
        if (g.block(blockName).isPresent()) throw new IllegalArgumentException("A block named '" + blockName + "' already exists");
        Set<String> sel = new LinkedHashSet<>(nodeIds);
        if (sel.isEmpty()) throw new IllegalArgumentException("Select at least one layer to collapse into a block");
        List<NodeSpec> inside = new ArrayList<>();
        for (String id : sel) {
            NodeSpec n = g.node(id).orElseThrow(() -> new IllegalArgumentException("No layer '" + id + "' in the design"));
            if (n.type().equals("Input") || n.type().equals("Output")) {
                throw new IllegalArgumentException("A block cannot contain the " + n.type() + " layer ('" + id + "'): deselect it");
            }
            inside.add(n);
        }
        List<EdgeSpec> innerEdges = new ArrayList<>(), entering = new ArrayList<>(), leaving = new ArrayList<>(), rest = new ArrayList<>();
        for (EdgeSpec e : g.edges()) {
            boolean from = e.from() != null && sel.contains(e.from().node()), to = e.to() != null && sel.contains(e.to().node());
            if (from && to) innerEdges.add(e);
            else if (to) entering.add(e);
            else if (from) leaving.add(e);
            else rest.add(e);
        }
        if (entering.isEmpty()) {
            throw new IllegalArgumentException("Nothing enters the selection: a block needs at least one input connection");
        }
        Map<String, String> inPort = new LinkedHashMap<>(); // "node\0port" -> block port
        List<BlockPort> inputs = new ArrayList<>();
        for (EdgeSpec e : entering) {
            inPort.computeIfAbsent(e.to().node() + "\0" + e.to().port(), k -> {
                String p = "in" + inputs.size();
                inputs.add(new BlockPort(p, e.to().node(), e.to().port()));
                return p;
            });
        }
        List<String> outNodes = leaving.stream().map(e -> e.from().node()).distinct().toList();
        List<BlockPort> outputs = new ArrayList<>();
        Map<String, String> outPort = new HashMap<>();
        for (int i = 0; i < outNodes.size(); i++) {
            String p = outNodes.size() == 1 ? "out" : "out" + i;
            outputs.add(new BlockPort(p, outNodes.get(i), "out"));
            outPort.put(outNodes.get(i), p);
        }
        double minX = inside.stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        double minY = inside.stream().mapToDouble(n -> n.position().y()).min().orElse(0);
        List<NodeSpec> defNodes = inside.stream().map(n -> new NodeSpec(n.id(), n.type(), n.params(),
                new NodeSpec.Position(n.position().x() - minX, n.position().y() - minY))).toList();
        BlockSpec def = new BlockSpec(blockName, null, defNodes, innerEdges, inputs, outputs);

        Set<String> taken = new HashSet<>();
        g.nodes().forEach(n -> taken.add(n.id()));
        String instanceId = freeId("block", taken);
        List<NodeSpec> nodes = new ArrayList<>();
        boolean placed = false;
        for (NodeSpec n : g.nodes()) {
            if (!sel.contains(n.id())) nodes.add(n);
            else if (!placed) {
                nodes.add(instance(instanceId, blockName, new NodeSpec.Position(minX, minY)));
                placed = true;
            }
        }
        List<EdgeSpec> edges = new ArrayList<>();
        for (EdgeSpec e : g.edges()) {
            if (rest.contains(e)) edges.add(e);
            else if (entering.contains(e)) edges.add(new EdgeSpec(e.id(), e.from(),
                    new EdgeSpec.PortRef(instanceId, inPort.get(e.to().node() + "\0" + e.to().port()))));
            else if (leaving.contains(e)) edges.add(new EdgeSpec(e.id(), new EdgeSpec.PortRef(instanceId, outPort.get(e.from().node())), e.to()));
        }
        List<BlockSpec> blocks = new ArrayList<>(g.blocks());
        blocks.add(def);
        return new GraphSpec(g.format(), g.version(), g.name(), nodes, edges, blocks);
    }

    /**
     * Replaces instance {@code instanceId} by copies of its block's nodes and edges (fresh ids where the inner ones are
     * taken), placed around the instance, so that just this one can be edited. The definition stays.
     *
     * @throws IllegalArgumentException when the node is not an instance of a block of the design
     */
    public static GraphSpec expandInstance(GraphSpec g, String instanceId) {
        NodeSpec inst = g.node(instanceId).filter(Blocks::isInstance)
                .orElseThrow(() -> new IllegalArgumentException("'" + instanceId + "' is not a block instance"));
        BlockSpec def = g.block(blockOf(inst))
                .orElseThrow(() -> new IllegalArgumentException("Block '" + blockOf(inst) + "' is not defined in this design"));
        Set<String> taken = new HashSet<>();
        g.nodes().forEach(n -> { if (!n.id().equals(instanceId)) taken.add(n.id()); });
        Set<String> edgeIds = new HashSet<>();
        g.edges().forEach(e -> edgeIds.add(e.id()));
        Map<String, String> rename = new HashMap<>();
        List<NodeSpec> copies = new ArrayList<>();
        for (NodeSpec n : def.nodes()) {
            String id = taken.contains(n.id()) ? freeId(n.id() + "_", taken) : n.id();
            taken.add(id);
            rename.put(n.id(), id);
            copies.add(new NodeSpec(id, n.type(), n.params(), new NodeSpec.Position(
                    inst.position().x() + n.position().x(), inst.position().y() + n.position().y())));
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : g.nodes()) {
            if (n.id().equals(instanceId)) nodes.addAll(copies);
            else nodes.add(n);
        }
        Map<String, BlockPort> ins = new HashMap<>(), outs = new HashMap<>();
        def.inputs().forEach(p -> ins.put(p.name(), p));
        def.outputs().forEach(p -> outs.put(p.name(), p));
        List<EdgeSpec> edges = new ArrayList<>();
        for (EdgeSpec e : g.edges()) {
            EdgeSpec.PortRef from = e.from(), to = e.to();
            if (to != null && instanceId.equals(to.node())) {
                BlockPort p = ins.get(to.port());
                if (p == null) continue;
                to = new EdgeSpec.PortRef(rename.get(p.node()), p.port());
            }
            if (from != null && instanceId.equals(from.node())) {
                BlockPort p = outs.get(from.port());
                if (p == null) continue;
                from = new EdgeSpec.PortRef(rename.get(p.node()), "out");
            }
            edges.add(new EdgeSpec(e.id(), from, to));
        }
        for (EdgeSpec e : def.edges()) {
            String id = edgeIds.contains(e.id()) ? freeId("e", edgeIds) : e.id();
            edgeIds.add(id);
            edges.add(new EdgeSpec(id, new EdgeSpec.PortRef(rename.get(e.from().node()), e.from().port()),
                    new EdgeSpec.PortRef(rename.get(e.to().node()), e.to().port())));
        }
        return g.with(nodes, edges);
    }

    /** How many instances of {@code block} the design's top level has. */
    public static long instances(GraphSpec g, String block) {
        return g.nodes().stream().filter(n -> block.equals(blockOf(n))).count();
    }

    /** {@code block} and every block it uses (recursively), from {@code g}; for copying a definition between designs. */
    public static List<BlockSpec> closure(GraphSpec g, String block) {
        Map<String, BlockSpec> out = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(block));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (out.containsKey(name)) continue;
            Optional<BlockSpec> b = g.block(name);
            if (b.isEmpty()) continue;
            out.put(name, b.get());
            b.get().nodes().stream().map(Blocks::blockOf).filter(java.util.Objects::nonNull).forEach(todo::add);
        }
        return List.copyOf(out.values());
    }

    private static String freeId(String base, Set<String> taken) {
        for (int i = 1; ; i++) {
            if (!taken.contains(base + i)) return base + i;
        }
    }
}
