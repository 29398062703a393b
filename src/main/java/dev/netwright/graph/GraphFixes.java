package dev.netwright.graph;

import dev.netwright.engine.Shape;
import dev.netwright.graph.layer.AddLayer;
import dev.netwright.graph.layer.AvgPool1DLayer;
import dev.netwright.graph.layer.AvgPool2DLayer;
import dev.netwright.graph.layer.Conv1DLayer;
import dev.netwright.graph.layer.Conv2DLayer;
import dev.netwright.graph.layer.ConvTranspose2DLayer;
import dev.netwright.graph.layer.DenseLayer;
import dev.netwright.graph.layer.GRULayer;
import dev.netwright.graph.layer.GlobalAvgPool2DLayer;
import dev.netwright.graph.layer.GlobalMaxPool2DLayer;
import dev.netwright.graph.layer.LSTMLayer;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.LayerType;
import dev.netwright.graph.layer.MaxPool1DLayer;
import dev.netwright.graph.layer.MaxPool2DLayer;
import dev.netwright.graph.layer.OutputLayer;
import dev.netwright.graph.layer.PerceptronLayer;
import dev.netwright.graph.layer.SimpleRNNLayer;
import dev.netwright.graph.layer.WeightNormDenseLayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Suggested fixes for shape problems, and applying a fix's edits to a graph.
 *
 * <p>Fixes are offered only where the repair is unambiguous from the graph alone: a flat vector into an image layer
 * whose length is a plausible image (c·h·w with h = w, c = 1 or 3: 784 → Reshape(1, 28, 28), 3072 → Reshape(3, 32, 32)),
 * a flat vector into a 1-D convolution or a recurrent layer (Reshape(1, L), Reshape(T, 1)), a feature map into a
 * Dense or a class Output (Flatten), an Add of different widths (a Dense or 1×1 Conv2D projection to in0's shape).
 * Whether the Output fits the data set is data-dependent and has no fix here; neither has an unconnected port.
 */
public final class GraphFixes {
    private GraphFixes() {
    }

    // ***** applying *****

    /**
     * The graph with {@code fix}'s edits done in order. Positions of inserted nodes are the midpoint of the edge they
     * split.
     *
     * @throws IllegalArgumentException when an edit names a node or edge the graph does not have, or cannot be done
     */
    public static GraphSpec apply(GraphSpec graph, GraphFix fix) {
        GraphSpec g = graph;
        for (GraphEdit edit : fix.edits()) g = apply(g, edit);
        return g;
    }

    /** The graph with one edit done; see {@link #apply(GraphSpec, GraphFix)}. */
    public static GraphSpec apply(GraphSpec g, GraphEdit edit) {
        return switch (edit) {
            case GraphEdit.InsertNode e -> insert(g, e);
            case GraphEdit.SetParam e -> setParam(g, e);
            case GraphEdit.RemoveNode e -> remove(g, e);
        };
    }

    private static GraphSpec insert(GraphSpec g, GraphEdit.InsertNode e) {
        EdgeSpec edge = g.edges().stream().filter(x -> e.edgeId() != null && e.edgeId().equals(x.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Cannot insert " + e.type() + ": the graph has no edge '" + e.edgeId() + "'"));
        LayerType type = LayerCatalog.find(e.type())
                .orElseThrow(() -> new IllegalArgumentException("Cannot insert unknown layer type '" + e.type() + "'"));
        if (!type.inputs(e.params()).equals(List.of("in")) || !type.hasOutput()) {
            throw new IllegalArgumentException("Cannot insert " + e.type() + " on an edge: it needs one input port 'in' and an output");
        }
        Set<String> ids = nodeIds(g);
        String id = e.nodeId() == null ? freeId(ids, e.type()) : e.nodeId();
        if (ids.contains(id)) throw new IllegalArgumentException("Cannot insert " + e.type() + ": the graph already has a node '" + id + "'");

        NodeSpec.Position a = g.node(edge.from().node()).map(NodeSpec::position).orElse(new NodeSpec.Position(0, 0));
        NodeSpec.Position b = g.node(edge.to().node()).map(NodeSpec::position).orElse(a);
        NodeSpec node = new NodeSpec(id, e.type(), e.params(), new NodeSpec.Position((a.x() + b.x()) / 2, (a.y() + b.y()) / 2));

        List<NodeSpec> nodes = new ArrayList<>();
        boolean placed = false;
        for (NodeSpec n : g.nodes()) {
            nodes.add(n);
            if (!placed && n.id() != null && n.id().equals(edge.from().node())) {
                nodes.add(node);
                placed = true;
            }
        }
        if (!placed) nodes.add(node);

        Set<String> edgeIds = g.edges().stream().map(EdgeSpec::id).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        List<EdgeSpec> edges = new ArrayList<>();
        for (EdgeSpec x : g.edges()) {
            if (x != edge) {
                edges.add(x);
                continue;
            }
            edges.add(new EdgeSpec(x.id(), x.from(), new EdgeSpec.PortRef(id, "in")));
            edges.add(new EdgeSpec(freeEdgeId(edgeIds), new EdgeSpec.PortRef(id, "out"), x.to()));
        }
        return g.with(nodes, edges);
    }

    private static GraphSpec setParam(GraphSpec g, GraphEdit.SetParam e) {
        NodeSpec n = g.node(e.nodeId()).orElseThrow(() -> new IllegalArgumentException("Cannot set " + e.param()
                + ": the graph has no node '" + e.nodeId() + "'"));
        if (e.param() == null || e.param().isBlank()) throw new IllegalArgumentException("Cannot set a parameter without a name on '" + e.nodeId() + "'");
        Map<String, Object> params = new LinkedHashMap<>(n.params());
        if (e.value() == null) params.remove(e.param());
        else params.put(e.param(), e.value());
        NodeSpec changed = new NodeSpec(n.id(), n.type(), params, n.position());
        return g.with(g.nodes().stream().map(x -> x == n ? changed : x).toList(), g.edges());
    }

    private static GraphSpec remove(GraphSpec g, GraphEdit.RemoveNode e) {
        NodeSpec n = g.node(e.nodeId()).orElseThrow(() -> new IllegalArgumentException("Cannot remove: the graph has no node '"
                + e.nodeId() + "'"));
        List<EdgeSpec> in = g.edges().stream().filter(x -> x.to() != null && n.id().equals(x.to().node())).toList();
        if (in.size() > 1) {
            throw new IllegalArgumentException("Cannot remove '" + n.id() + "' and reconnect around it: it has " + in.size()
                    + " incoming connections");
        }
        List<EdgeSpec> edges = new ArrayList<>();
        for (EdgeSpec x : g.edges()) {
            if (in.contains(x)) continue;
            if (x.from() != null && n.id().equals(x.from().node())) {
                // what the removed node fed is fed by the node that fed it (or dropped when nothing did)
                if (!in.isEmpty()) edges.add(new EdgeSpec(x.id(), in.getFirst().from(), x.to()));
                continue;
            }
            edges.add(x);
        }
        return g.with(g.nodes().stream().filter(x -> x != n).toList(), edges);
    }

    // ***** suggesting *****

    /**
     * The SHAPE_MISMATCH problem of node {@code nodeId}: with a fix and a message naming both ends when a fix is
     * known, else {@code message} (the layer's own words) without one.
     *
     * @param inEdges the edges into the node's ports, in port order
     * @param inputs  the shapes they carry, in port order
     */
    static GraphProblem shapeMismatch(GraphSpec g, String nodeId, String type, LayerSpec layer, List<EdgeSpec> inEdges,
                                      List<Shape> inputs, String message) {
        GraphProblem plain = GraphProblem.error("SHAPE_MISMATCH", nodeId, message);
        if (inEdges.size() != inputs.size() || inputs.isEmpty()) return plain;
        Set<String> ids = nodeIds(g);
        if (inputs.size() == 1) {
            Shape s = inputs.getFirst();
            EdgeSpec e = inEdges.getFirst();
            Suggestion fix = single(layer, s);
            if (fix == null) return plain;
            String label = "Insert " + fix.type() + fix.args();
            GraphFix f = new GraphFix(label, List.of(new GraphEdit.InsertNode(e.id(), freeId(ids, fix.type()), fix.type(), fix.params())));
            String text = type + " '" + nodeId + "' needs " + fix.wants() + " but receives " + batched(s) + " from '" + e.from().node()
                    + "': " + lower(label) + "?";
            return new GraphProblem(GraphProblem.Severity.ERROR, "SHAPE_MISMATCH", nodeId, null, text, f);
        }
        if (layer instanceof AddLayer) return projection(g, nodeId, type, inEdges, inputs, plain, ids);
        return plain;
    }

    /** What to insert before a single-input layer that cannot take {@code s}, or null. */
    private record Suggestion(String type, Map<String, Object> params, String args, String wants) {
    }

    private static Suggestion single(LayerSpec layer, Shape s) {
        Suggestion fix = switch (layer) {
            case Conv2DLayer _ -> image(s);
            case ConvTranspose2DLayer _ -> image(s);
            case MaxPool2DLayer _ -> image(s);
            case AvgPool2DLayer _ -> image(s);
            case GlobalAvgPool2DLayer _ -> image(s);
            case GlobalMaxPool2DLayer _ -> image(s);
            case Conv1DLayer _ -> s.rank() == 1 ? reshape("[N, C, L]", 1, s.dim(0)) : null;
            case MaxPool1DLayer _ -> s.rank() == 1 ? reshape("[N, C, L]", 1, s.dim(0)) : null;
            case AvgPool1DLayer _ -> s.rank() == 1 ? reshape("[N, C, L]", 1, s.dim(0)) : null;
            case SimpleRNNLayer _ -> s.rank() == 1 ? reshape("[N, T, F]", s.dim(0), 1) : null;
            case LSTMLayer _ -> s.rank() == 1 ? reshape("[N, T, F]", s.dim(0), 1) : null;
            case GRULayer _ -> s.rank() == 1 ? reshape("[N, T, F]", s.dim(0), 1) : null;
            case DenseLayer _ -> s.rank() > 1 ? flatten("[N, features]") : null;
            case PerceptronLayer _ -> s.rank() > 1 ? flatten("[N, features]") : null;
            case WeightNormDenseLayer _ -> s.rank() > 1 ? flatten("[N, features]") : null;
            case OutputLayer _ -> s.rank() > 1 ? flatten("[N, classes]") : null;
            default -> null;
        };
        if (fix == null) return null;
        // offer only what makes this layer's own shape rule pass
        try {
            Shape fixed = fix.type().equals("Flatten") ? Shape.of(s.size()) : Shape.of(toInts(fix.params().get("shape")));
            layer.outputShape(List.of(fixed));
            return fix;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A flat [c·h·w] (h = w, c = 1 or 3) or a [h, w] map becomes [c, h, w]. */
    private static Suggestion image(Shape s) {
        if (s.rank() == 2) return reshape("[N, C, H, W]", 1, s.dim(0), s.dim(1));
        if (s.rank() != 1) return null;
        int[] chw = plausibleImage(s.dim(0));
        return chw == null ? null : reshape("[N, C, H, W]", chw);
    }

    /** {c, side, side} with c = 1 or 3 and side >= 4 such that c·side² = n, or null. */
    static int[] plausibleImage(int n) {
        for (int c : new int[]{1, 3}) {
            if (n % c != 0) continue;
            int side = (int) Math.round(Math.sqrt(n / (double) c));
            if (side >= 4 && side * side * c == n) return new int[]{c, side, side};
        }
        return null;
    }

    private static Suggestion reshape(String wants, int... shape) {
        List<Integer> dims = Arrays.stream(shape).boxed().toList();
        return new Suggestion("Reshape", Map.of("shape", dims), "(" + dims.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")", wants);
    }

    private static Suggestion flatten(String wants) {
        return new Suggestion("Flatten", Map.of(), "", wants);
    }

    /** Add of different shapes: project every input that differs from in0 to in0's shape, when one layer can. */
    private static GraphProblem projection(GraphSpec g, String nodeId, String type, List<EdgeSpec> inEdges, List<Shape> inputs,
                                           GraphProblem plain, Set<String> ids) {
        Shape target = inputs.getFirst();
        List<GraphEdit> edits = new ArrayList<>();
        List<String> what = new ArrayList<>();
        StringBuilder ends = new StringBuilder();
        Set<String> taken = new HashSet<>(ids);
        for (int i = 1; i < inputs.size(); i++) {
            Shape s = inputs.get(i);
            if (s.equals(target)) continue;
            String layerType;
            Map<String, Object> params;
            String args;
            if (target.rank() == 1 && s.rank() == 1) {
                layerType = "Dense";
                params = Map.of("units", target.dim(0));
                args = "(" + target.dim(0) + ")";
            } else if (target.rank() == 3 && s.rank() == 3 && target.dim(1) == s.dim(1) && target.dim(2) == s.dim(2)) {
                layerType = "Conv2D";
                params = Map.of("filters", target.dim(0), "kernel", List.of(1, 1));
                args = "(" + target.dim(0) + ", 1×1)";
            } else {
                return plain;
            }
            String id = freeId(taken, layerType);
            taken.add(id);
            String src = inEdges.get(i).from().node();
            edits.add(new GraphEdit.InsertNode(inEdges.get(i).id(), id, layerType, params));
            what.add(layerType + args + " after '" + src + "'");
            ends.append(ends.isEmpty() ? "" : ", ").append("in").append(i).append(" is ").append(s).append(" from '").append(src).append("'");
        }
        if (edits.isEmpty()) return plain;
        String label = "Insert " + String.join(" and ", what);
        String text = type + " '" + nodeId + "' needs inputs of one shape: in0 is " + target + " from '" + inEdges.getFirst().from().node()
                + "' but " + ends + ": " + lower(label) + "?";
        return new GraphProblem(GraphProblem.Severity.ERROR, "SHAPE_MISMATCH", nodeId, null, text, new GraphFix(label, edits));
    }

    // ***** helpers *****

    /** A per-sample shape with the batch dimension written as N: [784] → "[N, 784]". */
    static String batched(Shape s) {
        String dims = Arrays.stream(s.toArray()).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        return dims.isEmpty() ? "[N]" : "[N, " + dims + "]";
    }

    private static String lower(String label) {
        return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    private static int[] toInts(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    private static Set<String> nodeIds(GraphSpec g) {
        return g.nodes().stream().map(NodeSpec::id).filter(java.util.Objects::nonNull).collect(Collectors.toCollection(HashSet::new));
    }

    /** "reshape", else "reshape_2", "reshape_3", ... */
    static String freeId(Set<String> taken, String type) {
        String base = type.toLowerCase(Locale.ROOT);
        if (!taken.contains(base)) return base;
        for (int i = 2; ; i++) if (!taken.contains(base + "_" + i)) return base + "_" + i;
    }

    private static String freeEdgeId(Set<String> taken) {
        for (int i = taken.size() + 1; ; i++) {
            if (taken.add("e" + i)) return "e" + i;
        }
    }
}
