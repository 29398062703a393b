package dev.netwright.graph;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canvas positions for a design, left to right (the way data flows from a node's output port on its right side to the
 * next node's input port on its left, and the way the templates are drawn): a layered (Sugiyama-style) layout by
 * topological depth.
 *
 * <p>Each node's column is the length of the longest path from a node without inputs to it, so every edge points
 * right (a deep design wraps its columns into bands below each other: an edge into a later band points down). Within a column the nodes are ordered by the mean row (relative to the column's centre) of the nodes that feed
 * them (two sweeps, forward then back, which removes most crossings of residual blocks and merges), and each column is
 * centred beside the tallest one. Nodes on a cycle (an error the validator reports) get the columns right of
 * everything else.
 */
public final class GraphLayout {
    /** Horizontal distance between the left edges of neighbouring columns (a 180 px node box and room for the edge's shape label). */
    public static final double COLUMN = 280;
    /** Vertical distance between the nodes of one column (room for the node and its pinned problems). */
    public static final double ROW = 140;
    private static final double LEFT = 40, TOP = 40;
    /** Designs up to this many columns stay on one row; deeper ones wrap into bands ({@link #columnsPerBand}). */
    static final int WRAP_AFTER = 8;
    /** The shape (width / height) the bands aim for: about that of the editor's canvas. */
    private static final double ASPECT = 1.6;
    /** Vertical space between two bands (room for the edges that run from the end of one band to the next). */
    private static final double BAND_GAP = 100;
    /** Prefix of the ids of long edges' placeholders (one that a node id also has is skipped). */
    private static final String PLACEHOLDER = "\u0000edge";

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
        int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> layers = new ArrayList<>();
        for (int i = 0; i < columns; i++) layers.add(new ArrayList<>());
        // start from the user's top-to-bottom order, so a layout of a tidy design stays close to it
        nodes.values().stream().sorted(Comparator.comparingDouble((NodeSpec n) -> n.position().y()))
                .forEach(n -> layers.get(depth.get(n.id())).add(n.id()));
        longEdgesThroughPlaceholders(graph.edges(), nodes, depth, layers, in, out);

        Map<String, Double> row = new HashMap<>();
        layers.forEach(layer -> index(layer, row));
        for (int i = 1; i < columns; i++) order(layers.get(i), in, row);
        for (int i = columns - 2; i >= 0; i--) order(layers.get(i), out, row);

        int tallest = layers.stream().mapToInt(List::size).max().orElse(0);
        double bandHeight = tallest * ROW + BAND_GAP;
        int perBand = columnsPerBand(columns, bandHeight);
        Map<String, NodeSpec.Position> at = new HashMap<>();
        for (int c = 0; c < columns; c++) {
            List<String> layer = layers.get(c);
            double top = TOP + (c / perBand) * bandHeight + (tallest - layer.size()) * ROW / 2;
            double left = LEFT + (c % perBand) * COLUMN;
            for (int r = 0; r < layer.size(); r++) at.put(layer.get(r), new NodeSpec.Position(left, top + r * ROW));
        }
        List<NodeSpec> placed = graph.nodes().stream()
                .map(n -> new NodeSpec(n.id(), n.type(), n.params(), at.getOrDefault(n.id(), n.position()))).toList();
        return graph.with(placed, graph.edges());
    }

    /**
     * How many columns a band holds. A deep design would be one long, thin row that fits the canvas only at an
     * unreadable zoom, so more than {@link #WRAP_AFTER} columns wrap into bands below each other (like lines of text),
     * as many per band as bring the whole closest to the canvas's shape ({@link #ASPECT}, width / height).
     */
    static int columnsPerBand(int columns, double bandHeight) {
        if (columns <= WRAP_AFTER) return Math.max(1, columns);
        int best = columns;
        double bestMiss = Double.MAX_VALUE;
        for (int n = WRAP_AFTER / 2; n <= columns; n++) {
            int bands = (columns + n - 1) / n;
            double miss = Math.abs(Math.log(n * COLUMN / (bands * bandHeight) / ASPECT));
            if (miss < bestMiss) {
                bestMiss = miss;
                best = n;
            }
        }
        return best;
    }

    /**
     * An edge that spans several columns (a skip connection) gets a placeholder in every column it crosses, linked in a
     * chain, so the ordering keeps a free slot for it there instead of running it through a node of that column. The
     * placeholders take part in the ordering and spacing only; they get no position.
     */
    private static void longEdgesThroughPlaceholders(List<EdgeSpec> edges, Map<String, NodeSpec> nodes, Map<String, Integer> depth,
                                                     List<List<String>> layers, Map<String, List<String>> in, Map<String, List<String>> out) {
        int next = 0;
        for (EdgeSpec e : edges) {
            if (e.from() == null || e.to() == null || !nodes.containsKey(e.from().node()) || !nodes.containsKey(e.to().node())) continue;
            String from = e.from().node(), to = e.to().node();
            int span = depth.get(to) - depth.get(from);
            if (span <= 1) continue; // neighbours, or an edge of a cycle pointing back
            out.get(from).remove(to);
            in.get(to).remove(from);
            String previous = from;
            for (int c = depth.get(from) + 1; c < depth.get(to); c++) {
                while (nodes.containsKey(PLACEHOLDER + next)) next++;
                String placeholder = PLACEHOLDER + next++;
                layers.get(c).add(placeholder);
                in.put(placeholder, new ArrayList<>(List.of(previous)));
                out.put(placeholder, new ArrayList<>());
                out.get(previous).add(placeholder);
                previous = placeholder;
            }
            out.get(previous).add(to);
            in.get(to).add(previous);
        }
    }

    /** Longest path from a source (Kahn's order); nodes left over sit on a cycle and get one column each right of the rest. */
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

    /** Sorts a column by the mean row of its neighbours in {@code links} (nodes without any keep their place). */
    private static void order(List<String> layer, Map<String, List<String>> links, Map<String, Double> row) {
        Map<String, Double> key = new HashMap<>();
        for (int i = 0; i < layer.size(); i++) {
            String id = layer.get(i);
            double own = i - (layer.size() - 1) / 2.0;
            key.put(id, links.get(id).stream().mapToDouble(n -> row.getOrDefault(n, own)).average().orElse(own));
        }
        layer.sort(Comparator.comparingDouble(key::get));
        index(layer, row);
    }

    /** A node's row relative to its column's centre (columns are centred beside each other). */
    private static void index(List<String> layer, Map<String, Double> row) {
        for (int i = 0; i < layer.size(); i++) row.put(layer.get(i), i - (layer.size() - 1) / 2.0);
    }
}
