package dev.netwright.graph;

import dev.netwright.engine.Shape;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.LayerType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a design and infers every shape. Never throws for a user's design: everything wrong
 * becomes a {@link GraphProblem} pinned to the node (and port) that causes it.
 */
public final class GraphAnalyzer {
    private GraphAnalyzer() {
    }

    /**
     * Analyses {@code g}. Block instances ({@link Blocks}) are inlined first; the analysis then reports each instance
     * as one node (its output shape, the sum of its inner parameters and FLOPs) and pins problems inside a block to
     * the instance.
     */
    public static GraphAnalysis analyze(GraphSpec g) {
        if (!Blocks.hasInstances(g)) return analyzeFlat(g);
        Blocks.Expansion x = Blocks.expansion(g);
        return Blocks.fold(g, x, analyzeFlat(x.graph()));
    }

    private static GraphAnalysis analyzeFlat(GraphSpec g) {
        List<GraphProblem> problems = new ArrayList<>();
        Map<String, NodeSpec> nodes = new LinkedHashMap<>();
        Map<String, LayerType> types = new HashMap<>();
        Map<String, LayerSpec> layers = new LinkedHashMap<>();

        if (g.version() > GraphSpec.VERSION) {
            problems.add(GraphProblem.error("UNSUPPORTED_VERSION", null, "Graph format version " + g.version()
                    + " is newer than this server understands (" + GraphSpec.VERSION + ")"));
        }
        for (NodeSpec n : g.nodes()) {
            if (n.id() == null || n.id().isBlank()) {
                problems.add(GraphProblem.error("MISSING_ID", null, "A node of type " + n.type() + " has no id"));
                continue;
            }
            if (nodes.putIfAbsent(n.id(), n) != null) {
                problems.add(GraphProblem.error("DUPLICATE_ID", n.id(), "Two nodes share the id '" + n.id() + "'"));
                continue;
            }
            var type = LayerCatalog.find(n.type());
            if (type.isEmpty()) {
                problems.add(GraphProblem.error("UNKNOWN_TYPE", n.id(), "Unknown layer type '" + n.type() + "'"));
                continue;
            }
            types.put(n.id(), type.get());
            try {
                layers.put(n.id(), type.get().parse(n.params()));
            } catch (IllegalArgumentException e) {
                problems.add(GraphProblem.error("BAD_PARAM", n.id(), e.getMessage()));
            }
        }

        // incoming edges per node, ordered by the type's input ports
        Map<String, Map<String, EdgeSpec>> incoming = new HashMap<>();
        Map<String, List<String>> successors = new HashMap<>();
        Set<String> edgeIds = new HashSet<>();
        for (EdgeSpec e : g.edges()) {
            if (e.id() != null && !edgeIds.add(e.id())) {
                problems.add(GraphProblem.error("DUPLICATE_ID", null, "Two edges share the id '" + e.id() + "'"));
            }
            String from = e.from() == null ? null : e.from().node(), to = e.to() == null ? null : e.to().node();
            boolean fromOk = from != null && nodes.containsKey(from), toOk = to != null && nodes.containsKey(to);
            if (!fromOk || !toOk) {
                String pin = fromOk ? from : toOk ? to : null;
                problems.add(GraphProblem.error("DANGLING_EDGE", pin, "Edge " + e.id() + " connects to a missing node '"
                        + (fromOk ? to : from) + "'"));
                continue;
            }
            LayerType ft = types.get(from), tt = types.get(to);
            if (ft != null && (!ft.hasOutput() || !"out".equals(e.from().port()))) {
                problems.add(GraphProblem.error("BAD_PORT", from, e.from().port(), ft.type() + " has no output port '" + e.from().port() + "'"));
                continue;
            }
            List<String> toPorts = tt == null ? List.of() : tt.inputs(nodes.get(to).params());
            if (tt != null && !toPorts.contains(e.to().port())) {
                problems.add(GraphProblem.error("BAD_PORT", to, e.to().port(), tt.type() + " has no input port '" + e.to().port()
                        + "'" + (toPorts.isEmpty() ? "" : "; ports: " + toPorts)));
                continue;
            }
            if (from.equals(to)) {
                problems.add(GraphProblem.error("CYCLE", from, "A node cannot feed itself"));
                continue;
            }
            var ports = incoming.computeIfAbsent(to, k -> new LinkedHashMap<>());
            if (ports.putIfAbsent(e.to().port(), e) != null) {
                problems.add(GraphProblem.error("PORT_TAKEN", to, e.to().port(), "Input port '" + e.to().port()
                        + "' already has a connection"));
                continue;
            }
            successors.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
        }

        for (var entry : types.entrySet()) {
            Map<String, EdgeSpec> ports = incoming.getOrDefault(entry.getKey(), Map.of());
            for (String port : entry.getValue().inputs(nodes.get(entry.getKey()).params())) {
                if (!ports.containsKey(port)) {
                    problems.add(GraphProblem.error("MISSING_INPUT", entry.getKey(), port, "Input port '" + port + "' is not connected"));
                }
            }
        }

        // Kahn's algorithm: what remains has a cycle
        Map<String, Integer> indegree = new HashMap<>();
        for (String id : nodes.keySet()) indegree.put(id, incoming.getOrDefault(id, Map.of()).size());
        ArrayDeque<String> ready = new ArrayDeque<>();
        nodes.keySet().forEach(id -> { if (indegree.get(id) == 0) ready.add(id); });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String s : successors.getOrDefault(id, List.of())) {
                if (indegree.merge(s, -1, Integer::sum) == 0) ready.add(s);
            }
        }
        for (String id : nodes.keySet()) {
            if (!order.contains(id)) problems.add(GraphProblem.error("CYCLE", id, "This layer is part of a cycle; a network must be acyclic"));
        }

        List<String> inputs = types.entrySet().stream().filter(e -> e.getValue().type().equals("Input")).map(Map.Entry::getKey).toList();
        List<String> outputs = types.entrySet().stream().filter(e -> e.getValue().type().equals("Output")).map(Map.Entry::getKey).toList();
        if (inputs.isEmpty()) problems.add(GraphProblem.error("NO_INPUT", null, "The network has no Input layer"));
        if (inputs.size() > 1) inputs.stream().skip(1).forEach(id -> problems.add(GraphProblem.error("MULTIPLE_INPUTS", id,
                "Only one Input layer is supported; the first is " + inputs.getFirst())));
        if (outputs.isEmpty()) problems.add(GraphProblem.error("NO_OUTPUT", null, "The network has no Output layer"));
        if (outputs.size() > 1) outputs.stream().skip(1).forEach(id -> problems.add(GraphProblem.error("MULTIPLE_OUTPUTS", id,
                "Only one Output layer is supported; the first is " + outputs.getFirst())));

        // shapes in topological order
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Map<String, Long> params = new LinkedHashMap<>();
        Map<String, Long> flops = new LinkedHashMap<>();
        Map<String, List<Shape>> inputShapes = new LinkedHashMap<>();
        for (String id : order) {
            LayerSpec layer = layers.get(id);
            LayerType type = types.get(id);
            if (layer == null || type == null) continue;
            List<Shape> in = new ArrayList<>();
            List<EdgeSpec> inEdges = new ArrayList<>();
            boolean known = true;
            for (String port : type.inputs(nodes.get(id).params())) {
                EdgeSpec e = incoming.getOrDefault(id, Map.of()).get(port);
                Shape s = e == null ? null : shapes.get(e.from().node());
                if (s == null) {
                    known = false;
                } else {
                    in.add(s);
                    inEdges.add(e);
                }
            }
            if (!known) continue;
            try {
                Shape out = layer.outputShape(in);
                shapes.put(id, out);
                inputShapes.put(id, List.copyOf(in));
                params.put(id, layer.parameterCount(in));
                flops.put(id, GraphCosts.flops(layer, in, out));
            } catch (IllegalArgumentException ex) {
                problems.add(GraphFixes.shapeMismatch(g, id, type.type(), layer, inEdges, in, ex.getMessage()));
            }
        }
        Map<String, Shape> edgeShapes = new LinkedHashMap<>();
        for (EdgeSpec e : g.edges()) {
            if (e.id() != null && e.from() != null && shapes.containsKey(e.from().node())) edgeShapes.put(e.id(), shapes.get(e.from().node()));
        }

        // layers that cannot reach the output do nothing for training
        if (outputs.size() == 1) {
            Set<String> reaches = new HashSet<>();
            ArrayDeque<String> todo = new ArrayDeque<>(outputs);
            while (!todo.isEmpty()) {
                String id = todo.poll();
                if (!reaches.add(id)) continue;
                incoming.getOrDefault(id, Map.of()).values().forEach(e -> todo.add(e.from().node()));
            }
            for (String id : nodes.keySet()) {
                if (!reaches.contains(id)) problems.add(GraphProblem.warning("UNUSED", id, "This layer does not lead to the Output"));
            }
        }
        return new GraphAnalysis(layers, shapes, edgeShapes, params, flops, inputShapes, order, List.copyOf(problems));
    }

    /** The source node of each input port of {@code nodeId}, in port order. */
    static List<String> inputsOf(GraphSpec g, String nodeId) {
        NodeSpec node = g.node(nodeId).orElseThrow();
        LayerType type = LayerCatalog.find(node.type()).orElseThrow();
        List<String> result = new ArrayList<>();
        for (String port : type.inputs(node.params())) {
            g.edges().stream().filter(e -> e.to() != null && nodeId.equals(e.to().node()) && port.equals(e.to().port()))
                    .findFirst().ifPresent(e -> result.add(e.from().node()));
        }
        return result;
    }
}
