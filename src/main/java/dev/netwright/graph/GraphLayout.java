package dev.netwright.graph;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canvas positions for a design, top to bottom: a layered (Sugiyama-style) layout by topological depth.
 *
 * <p>Each node's row is the length of the longest path from a node without inputs to it, so every edge points down.
 * Within a row the nodes are ordered by the mean column (relative to the row's centre) of the nodes that feed them (two sweeps, down then up, which
 * removes most crossings of residual blocks and merges), and each row is centred under the widest one. Nodes on a
 * cycle (an error the validator reports) get the rows below everything else.
 */
public final class GraphLayout {
    /** Horizontal distance between the left edges of neighbours in a row (a node box is 180 px wide). */
    public static final double COLUMN = 200;
    /** Vertical distance between rows (room for the node, its problems and the edge label). */
    public static final double ROW = 120;
    private static final double LEFT = 40, TOP = 40;

    private GraphLayout() {
    }

    /** {@code graph} with new positions for every node; nothing else changes. */
    public static GraphSpec layered(GraphSpec graph) {
        Map<String, NodeSpec> nodes = new LinkedHashMap<>();
        graph.nodes().forEach(n -> nodes.putIfAbsent(n.id(), n));
        Map<String, List<String>> out = new HashMap<>(), in = new HashMap<>();
        nodes.keySet().forEach(id -> {
            out.put(id, new ArrayList<>());
            in.put(id, new ArrayList<>());
        });
        for (EdgeSpec e : graph.edges()) {
            if (e.from() == null || e.to() == null || !nodes.containsKey(e.from().node()) || !nodes.containsKey(e.to().node())) continue;
            out.get(e.from().node()).add(e.to().node());
            in.get(e.to().node()).add(e.from().node());
        }

        Map<String, Integer> depth = depths(nodes.keySet(), in, out);
        int rows = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> layers = new ArrayList<>();
        for (int i = 0; i < rows; i++) layers.add(new ArrayList<>());
        // start from the user's left-to-right order, so a layout of a tidy design stays close to it
        nodes.values().stream().sorted(Comparator.comparingDouble((NodeSpec n) -> n.position().x()))
                .forEach(n -> layers.get(depth.get(n.id())).add(n.id()));

        Map<String, Double> column = new HashMap<>();
        layers.forEach(layer -> index(layer, column));
        for (int i = 1; i < rows; i++) order(layers.get(i), in, column);
        for (int i = rows - 2; i >= 0; i--) order(layers.get(i), out, column);

        int widest = layers.stream().mapToInt(List::size).max().orElse(0);
        Map<String, NodeSpec.Position> at = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            List<String> layer = layers.get(r);
            double left = LEFT + (widest - layer.size()) * COLUMN / 2;
            for (int c = 0; c < layer.size(); c++) at.put(layer.get(c), new NodeSpec.Position(left + c * COLUMN, TOP + r * ROW));
        }
        List<NodeSpec> placed = graph.nodes().stream()
                .map(n -> new NodeSpec(n.id(), n.type(), n.params(), at.getOrDefault(n.id(), n.position()))).toList();
        return graph.with(placed, graph.edges());
    }

    /** Longest path from a source (Kahn's order); nodes left over sit on a cycle and get one row each below the rest. */
    private static Map<String, Integer> depths(Iterable<String> ids, Map<String, List<String>> in, Map<String, List<String>> out) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, Integer> depth = new LinkedHashMap<>();
        ArrayDeque<String> ready = new ArrayDeque<>();
        for (String id : ids) {
            pending.put(id, in.get(id).size());
            if (in.get(id).isEmpty()) {
                ready.add(id);
                depth.put(id, 0);
            }
        }
        while (!ready.isEmpty()) {
            String id = ready.removeFirst();
            for (String next : out.get(id)) {
                depth.merge(next, depth.get(id) + 1, Math::max);
                if (pending.merge(next, -1, Integer::sum) == 0) ready.add(next);
            }
        }
        int below = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (String id : ids) {
            if (pending.get(id) > 0) depth.put(id, below++);
        }
        return depth;
    }

    /** Sorts a row by the mean column of its neighbours in {@code links} (nodes without any keep their place). */
    private static void order(List<String> layer, Map<String, List<String>> links, Map<String, Double> column) {
        Map<String, Double> key = new HashMap<>();
        for (int i = 0; i < layer.size(); i++) {
            String id = layer.get(i);
            double own = i - (layer.size() - 1) / 2.0;
            key.put(id, links.get(id).stream().mapToDouble(n -> column.getOrDefault(n, own)).average().orElse(own));
        }
        layer.sort(Comparator.comparingDouble(key::get));
        index(layer, column);
    }

    /** A node's column relative to its row's centre (rows are centred under each other). */
    private static void index(List<String> layer, Map<String, Double> column) {
        for (int i = 0; i < layer.size(); i++) column.put(layer.get(i), i - (layer.size() - 1) / 2.0);
    }
}
