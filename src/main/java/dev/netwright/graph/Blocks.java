package dev.netwright.graph;

import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
 * block's ports. A block input may feed several inner ports (a residual block reads its input twice): an edge into it
 * becomes one edge per inner port, the first keeping the id, the others {@code <id>#2}, {@code <id>#3}, ...
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
        final Map<String, Map<String, List<EdgeSpec.PortRef>>> ins = new HashMap<>();
        final Map<String, Map<String, EdgeSpec.PortRef>> outs = new HashMap<>();
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
                EdgeSpec.PortRef from = resolve(e.from());
                List<EdgeSpec.PortRef> to = resolveIn(e.to(), 0);
                for (int i = 0; from != null && i < to.size(); i++) {
                    wired.add(new EdgeSpec(i == 0 ? e.id() : e.id() + "#" + (i + 1), from, to.get(i)));
                }
            }
            Map<String, String> outputs = new LinkedHashMap<>();
            for (NodeSpec n : g.nodes()) {
                Map<String, EdgeSpec.PortRef> o = outs.get(n.id());
                if (o == null || o.isEmpty()) continue;
                EdgeSpec.PortRef r = resolve(new EdgeSpec.PortRef(n.id(), o.keySet().iterator().next()));
                if (r != null) outputs.put(n.id(), r.node());
            }
            return new Expansion(g.with(nodes, wired), owners, outputs, List.copyOf(problems));
        }

        /** Follows an output port through (nested) instances to the inlined node behind it; null when it leads nowhere. */
        EdgeSpec.PortRef resolve(EdgeSpec.PortRef ref) {
            for (int hops = 0; ref != null && hops < 64; hops++) {
                if (failed.contains(ref.node())) return null;
                Map<String, EdgeSpec.PortRef> p = outs.get(ref.node());
                if (p == null) return ref;
                EdgeSpec.PortRef next = p.get(ref.port());
                if (next == null) return badPort(ref, p.keySet());
                ref = next;
            }
            return ref;
        }

        /** Follows an input port through (nested) instances to every inlined input port it feeds; empty when none. */
        List<EdgeSpec.PortRef> resolveIn(EdgeSpec.PortRef ref, int depth) {
            if (failed.contains(ref.node())) return List.of();
            Map<String, List<EdgeSpec.PortRef>> p = ins.get(ref.node());
            if (p == null) return List.of(ref);
            List<EdgeSpec.PortRef> next = p.get(ref.port());
            if (next == null) {
                badPort(ref, p.keySet());
                return List.of();
            }
            List<EdgeSpec.PortRef> all = new ArrayList<>();
            if (depth < 64) next.forEach(n -> all.addAll(resolveIn(n, depth + 1)));
            return all;
        }

        /** Reports an edge to a port the instance {@code ref.node()} does not have; returns null. */
        EdgeSpec.PortRef badPort(EdgeSpec.PortRef ref, Set<String> ports) {
            String owner = ownerOfInstance.getOrDefault(ref.node(), ref.node());
            problems.add(GraphProblem.error("BAD_PORT", owner, ref.port(), "Block instance '" + ref.node()
                    + "' has no port '" + ref.port() + "'; ports: " + ports));
            return null;
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
                Map<String, List<EdgeSpec.PortRef>> in = new LinkedHashMap<>();
                Map<String, EdgeSpec.PortRef> out = new LinkedHashMap<>();
                def.inputs().forEach(p -> in.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(new EdgeSpec.PortRef(id + "/" + p.node(), p.port())));
                def.outputs().forEach(p -> out.put(p.name(), new EdgeSpec.PortRef(id + "/" + p.node(), outPort(p))));
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
        // the same problem in several layers of one instance (an unconnected instance: every layer "does not lead to
        // the Output") is one line: "…, layer 'a': … (and 3 more of its layers)"
        Map<String, List<GraphProblem>> inside = new LinkedHashMap<>();
        for (GraphProblem p : a.problems()) {
            String owner = p.nodeId() == null ? null : x.owners().get(p.nodeId());
            if (owner != null) {
                String same = owner + "\0" + p.severity() + "\0" + p.code() + "\0" + p.message().replace(p.nodeId(), "\u0001");
                inside.computeIfAbsent(same, k -> new ArrayList<>()).add(p);
                continue;
            }
            boolean fixFits = p.fix() == null || p.fix().edits().stream().allMatch(ed -> switch (ed) {
                case GraphEdit.InsertNode i -> edgeIds.contains(i.edgeId());
                case GraphEdit.SetParam s -> ids.contains(s.nodeId());
                case GraphEdit.RemoveNode r -> ids.contains(r.nodeId());
            });
            problems.add(fixFits ? p : new GraphProblem(p.severity(), p.code(), p.nodeId(), p.port(), p.message(), null));
        }
        inside.values().forEach(group -> {
            GraphProblem p = group.getFirst();
            String owner = x.owners().get(p.nodeId());
            String inner = p.nodeId().substring(owner.length() + 1);
            String more = group.size() == 1 ? "" : " (and " + (group.size() - 1) + " more of its layers)";
            problems.add(new GraphProblem(p.severity(), p.code(), owner, null,
                    "In block '" + blockOf(g.node(owner).orElseThrow()) + "', layer '" + inner + "': " + p.message() + more, null));
        });
        List<String> order = a.order().stream().map(id -> x.owners().getOrDefault(id, id)).distinct().toList();
        return new GraphAnalysis(a.layers(), shapes, a.edgeShapes(), params, flops, a.inputShapes(), order, List.copyOf(problems));
    }

    // ***** collapse and expand in the editor *****

    /**
     * Turns the nodes {@code nodeIds} into a new block {@code name} and one instance of it in their place.
     *
     * <p>Inputs ("in0", "in1", ..., in the order of the connections entering the selection): one per output port outside
     * that feeds the selection, mapped to every inner port it fed, so a residual block that reads its input twice gets
     * one input and every instance one connection for it. Outputs ("out", or "out0", "out1", ... when several): first
     * one per inner output port read from outside (however many layers read it), then one per selected layer whose
     * output goes nowhere yet, so the block can be wired onwards; an output used only inside the selection is none.
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
        Set<String> read = new HashSet<>(); // every output port that feeds something
        for (EdgeSpec e : g.edges()) {
            boolean from = e.from() != null && sel.contains(e.from().node()), to = e.to() != null && sel.contains(e.to().node());
            if (e.from() != null) read.add(key(e.from()));
            if (from && to) innerEdges.add(e);
            else if (to) entering.add(e);
            else if (from) leaving.add(e);
            else rest.add(e);
        }
        if (entering.isEmpty()) {
            throw new IllegalArgumentException("Nothing enters the selection: a block needs at least one input connection");
        }
        Map<String, String> inPort = new LinkedHashMap<>(); // outside source "node\0port" -> its block input
        Map<String, List<BlockPort>> feeds = new LinkedHashMap<>(); // block input -> the inner ports it feeds
        for (EdgeSpec e : entering) {
            String p = inPort.computeIfAbsent(key(e.from()), k -> "in" + inPort.size());
            List<BlockPort> f = feeds.computeIfAbsent(p, k -> new ArrayList<>());
            BlockPort target = new BlockPort(p, e.to().node(), e.to().port());
            if (!f.contains(target)) f.add(target);
        }
        List<EdgeSpec.PortRef> outRefs = new ArrayList<>(); // inner output ports that become block outputs, in order
        leaving.forEach(e -> { if (!outRefs.contains(e.from())) outRefs.add(e.from()); });
        for (NodeSpec n : inside) {
            for (String port : outputPorts(g, n)) {
                EdgeSpec.PortRef ref = new EdgeSpec.PortRef(n.id(), port);
                if (!read.contains(key(ref))) outRefs.add(ref);
            }
        }
        List<BlockPort> outputs = new ArrayList<>();
        Map<String, String> outPort = new HashMap<>(); // inner "node\0port" -> block output
        for (int i = 0; i < outRefs.size(); i++) {
            String p = outRefs.size() == 1 ? "out" : "out" + i;
            outputs.add(new BlockPort(p, outRefs.get(i).node(), outRefs.get(i).port()));
            outPort.put(key(outRefs.get(i)), p);
        }
        double minX = inside.stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        double minY = inside.stream().mapToDouble(n -> n.position().y()).min().orElse(0);
        List<NodeSpec> defNodes = inside.stream().map(n -> new NodeSpec(n.id(), n.type(), n.params(),
                new NodeSpec.Position(n.position().x() - minX, n.position().y() - minY))).toList();
        BlockSpec def = new BlockSpec(blockName, null, defNodes, innerEdges, feeds.values().stream().flatMap(List::stream).toList(), outputs);

        Set<String> taken = new HashSet<>();
        g.nodes().forEach(n -> taken.add(n.id()));
        String instanceId = freeId("block", taken);
        // where the leftmost selected layer was (the top one of a column): a place the collapse frees, so no layer
        // outside the selection is under it (the selection's top left corner may well be another layer's place)
        NodeSpec.Position at = inside.stream().map(NodeSpec::position)
                .min(java.util.Comparator.comparingDouble(NodeSpec.Position::x).thenComparingDouble(NodeSpec.Position::y)).orElseThrow();
        List<NodeSpec> nodes = new ArrayList<>();
        boolean placed = false;
        for (NodeSpec n : g.nodes()) {
            if (!sel.contains(n.id())) nodes.add(n);
            else if (!placed) {
                nodes.add(instance(instanceId, blockName, at));
                placed = true;
            }
        }
        List<EdgeSpec> edges = new ArrayList<>();
        Set<String> wiredIn = new HashSet<>(); // sources already connected to their block input: one connection each
        for (EdgeSpec e : g.edges()) {
            if (rest.contains(e)) edges.add(e);
            else if (entering.contains(e) && wiredIn.add(key(e.from()))) edges.add(new EdgeSpec(e.id(), e.from(),
                    new EdgeSpec.PortRef(instanceId, inPort.get(key(e.from())))));
            else if (leaving.contains(e)) edges.add(new EdgeSpec(e.id(), new EdgeSpec.PortRef(instanceId, outPort.get(key(e.from()))), e.to()));
        }
        List<BlockSpec> blocks = new ArrayList<>(g.blocks());
        blocks.add(def);
        return new GraphSpec(g.format(), g.version(), g.name(), nodes, edges, blocks);
    }

    /** The output ports of a node: "out" for a layer that has one, the block's outputs for an instance. */
    private static List<String> outputPorts(GraphSpec g, NodeSpec n) {
        if (isInstance(n)) return g.block(blockOf(n)).map(BlockSpec::outputNames).orElse(List.of());
        return LayerCatalog.find(n.type()).filter(LayerType::hasOutput).isPresent() ? List.of("out") : List.of();
    }

    /** The inner output port behind a block output ("out" for a layer; older documents may leave it out). */
    private static String outPort(BlockPort p) {
        return p.port() == null ? "out" : p.port();
    }

    private static String key(EdgeSpec.PortRef ref) {
        return ref.node() + "\0" + ref.port();
    }

    /**
     * Replaces instance {@code instanceId} by copies of its block's nodes and edges (fresh ids where the inner ones are
     * taken), placed around the instance, so that just this one can be edited. The definition stays. An edge into a
     * block input that feeds several inner ports becomes one edge per port (the first keeps the id).
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
        Map<String, List<BlockPort>> ins = new HashMap<>();
        Map<String, BlockPort> outs = new HashMap<>();
        def.inputs().forEach(p -> ins.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p));
        def.outputs().forEach(p -> outs.put(p.name(), p));
        List<EdgeSpec> edges = new ArrayList<>();
        for (EdgeSpec e : g.edges()) {
            EdgeSpec.PortRef from = e.from();
            List<EdgeSpec.PortRef> tos = Collections.singletonList(e.to());
            if (from != null && instanceId.equals(from.node())) {
                BlockPort p = outs.get(from.port());
                if (p == null) continue;
                from = new EdgeSpec.PortRef(rename.get(p.node()), outPort(p));
            }
            if (e.to() != null && instanceId.equals(e.to().node())) {
                List<BlockPort> ps = ins.getOrDefault(e.to().port(), List.of());
                tos = ps.stream().map(p -> new EdgeSpec.PortRef(rename.get(p.node()), p.port())).toList();
            }
            for (int i = 0; i < tos.size(); i++) {
                String id = i == 0 ? e.id() : freeId("e", edgeIds);
                edgeIds.add(id);
                edges.add(new EdgeSpec(id, from, tos.get(i)));
            }
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

    /**
     * What {@link #adopt} decided.
     *
     * @param added the incoming definitions the design lacks, to add to it: renamed where their name was taken, and
     *              with the instances inside them naming the blocks by their names in the design
     * @param names incoming block name → its name in the design (the same, or "Pair 2" and so on)
     */
    public record Adoption(List<BlockSpec> added, Map<String, String> names) {
        public Adoption {
            added = List.copyOf(added);
            names = Map.copyOf(names);
        }

        /** The name the design knows incoming block {@code block} by. */
        public String name(String block) {
            return names.getOrDefault(block, block);
        }

        /** {@code n}, naming its block by the design's name when it is an instance; any other node unchanged. */
        public NodeSpec rename(NodeSpec n) {
            return renamed(n, names);
        }
    }

    /**
     * Brings block definitions from elsewhere ({@code incoming}: a clipboard from another project, another version's
     * block library) into a design that has {@code existing}, without ever letting a definition stand in for a
     * different one of the same name. An incoming block is reused when the design has an equal definition under its
     * name, or under an earlier copy's name ("Pair 2", "Pair 3", ...); otherwise it is added under its own name, or the
     * first free "Pair 2", "Pair 3", ... when that is taken. Definitions are compared after renaming the instances
     * inside them, so a block that uses a renamed block is itself a different block.
     */
    public static Adoption adopt(Collection<BlockSpec> existing, Collection<BlockSpec> incoming) {
        Map<String, BlockSpec> have = new LinkedHashMap<>(), in = new LinkedHashMap<>();
        existing.stream().filter(b -> b.name() != null).forEach(b -> have.putIfAbsent(b.name(), b));
        incoming.stream().filter(b -> b.name() != null).forEach(b -> in.putIfAbsent(b.name(), b));
        Set<String> taken = new HashSet<>(have.keySet());
        taken.addAll(in.keySet());
        // each incoming block's candidates in the design, tried in order; whether one fits depends on the names
        // the blocks it uses get, so check again until nothing changes (each miss moves on, so this ends)
        Map<String, List<String>> candidates = new HashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : in.keySet()) {
            List<String> c = new ArrayList<>();
            if (have.containsKey(name)) c.add(name);
            for (int i = 2; i <= have.size() + 1; i++) if (have.containsKey(name + " " + i)) c.add(name + " " + i);
            candidates.put(name, c);
            names.put(name, c.isEmpty() ? name : c.getFirst());
        }
        Set<String> reused = new HashSet<>();
        for (boolean changed = true; changed; ) {
            changed = false;
            reused.clear();
            for (BlockSpec b : in.values()) {
                String now = names.get(b.name());
                if (!have.containsKey(now)) continue; // added: under its own name, or a free one
                if (renamed(b, now, names).equals(have.get(now))) {
                    reused.add(b.name());
                    continue;
                }
                List<String> c = candidates.get(b.name());
                int next = c.indexOf(now) + 1;
                names.put(b.name(), next < c.size() ? c.get(next) : freeName(b.name(), taken));
                changed = true;
            }
        }
        List<BlockSpec> added = new ArrayList<>();
        for (BlockSpec b : in.values()) {
            if (!reused.contains(b.name())) added.add(renamed(b, names.get(b.name()), names));
        }
        return new Adoption(added, names);
    }

    /** {@code b} named {@code name}, its inner instances naming their blocks as {@code names} says. */
    private static BlockSpec renamed(BlockSpec b, String name, Map<String, String> names) {
        List<NodeSpec> nodes = b.nodes().stream().map(n -> renamed(n, names)).toList();
        return new BlockSpec(name, b.description(), nodes, b.edges(), b.inputs(), b.outputs());
    }

    private static NodeSpec renamed(NodeSpec n, Map<String, String> names) {
        String block = blockOf(n);
        if (block == null || names.getOrDefault(block, block).equals(block)) return n;
        Map<String, Object> params = new LinkedHashMap<>(n.params());
        params.put(PARAM, names.get(block));
        return new NodeSpec(n.id(), n.type(), params, n.position());
    }

    /** "Pair 2", "Pair 3", ...: the first not in {@code taken}, which it joins. */
    private static String freeName(String base, Set<String> taken) {
        for (int i = 2; ; i++) {
            if (taken.add(base + " " + i)) return base + " " + i;
        }
    }

    private static String freeId(String base, Set<String> taken) {
        for (int i = 1; ; i++) {
            if (!taken.contains(base + i)) return base + i;
        }
    }
}
