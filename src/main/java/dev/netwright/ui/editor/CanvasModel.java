package dev.netwright.ui.editor;

import dev.netwright.engine.Shape;
import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;
import dev.netwright.graph.layer.ParamDef;
import dev.netwright.ui.DiffTexts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a design and its analysis into what {@link NetworkCanvas} draws: node captions, shapes, costs, edge shapes,
 * problems with their fixes, and the marks of a comparison with another version ({@link #compare}). Also the number
 * formats the editor shows costs in.
 */
final class CanvasModel {
    /** {@link NetworkCanvas.Node#diff} of a node the compared version lacks. */
    static final String ADDED = "added";
    /** {@link NetworkCanvas.Node#diff} of a node whose type or parameters (or block definition) differ. */
    static final String CHANGED = "changed";

    private CanvasModel() {
    }

    /**
     * A design compared with an older version ({@link GraphDiff#between}): each added or changed node's mark and note,
     * the removed nodes and connections as ghosts, and the ids of the added connections. Nodes that only moved are not
     * marked; an instance of a block whose definition changed (or that contains such a block) is "changed".
     */
    record Comparison(Map<String, String> marks, Map<String, String> notes, List<NetworkCanvas.Ghost> ghosts,
                      List<NetworkCanvas.GhostEdge> ghostEdges, List<String> addedEdges) {
        Comparison {
            marks = Map.copyOf(marks);
            notes = Map.copyOf(notes);
            ghosts = List.copyOf(ghosts);
            ghostEdges = List.copyOf(ghostEdges);
            addedEdges = List.copyOf(addedEdges);
        }
    }

    /** What {@code now} changed since {@code base}, as the canvas marks it. */
    static Comparison compare(GraphSpec base, GraphSpec now) {
        GraphDiff d = GraphDiff.between(base, now);
        Map<String, String> marks = new LinkedHashMap<>(), notes = new LinkedHashMap<>();
        for (NodeSpec n : d.added()) {
            marks.put(n.id(), ADDED);
            notes.put(n.id(), "Not in the compared version");
        }
        for (GraphDiff.NodeChange c : d.changed()) {
            marks.put(c.nodeId(), CHANGED);
            notes.put(c.nodeId(), String.join("\n", DiffTexts.changeLines(c)));
        }
        DiffTexts.blockNotes(d, now).forEach((id, note) -> {
            marks.put(id, CHANGED);
            notes.put(id, note);
        });
        List<NetworkCanvas.Ghost> ghosts = d.removed().stream()
                .map(n -> new NetworkCanvas.Ghost(n.id(), Blocks.title(n), n.position().x(), n.position().y()))
                .toList();
        List<NetworkCanvas.GhostEdge> ghostEdges = d.removedEdges().stream()
                .filter(e -> e.from() != null && e.to() != null)
                .map(e -> new NetworkCanvas.GhostEdge(e.from().node(), e.from().port(), e.to().node(), e.to().port()))
                .toList();
        List<String> addedEdges = d.addedEdges().stream().filter(e -> e.from() != null && e.to() != null).map(EdgeSpec::id).toList();
        return new Comparison(marks, notes, ghosts, ghostEdges, addedEdges);
    }

    /** The view of {@code graph}, its nodes marked by {@code comparison} (null: not comparing). */
    static NetworkCanvas.View view(long revision, GraphSpec graph, GraphAnalysis analysis, List<GraphProblem> problems,
                                   List<String> selected, long fitKey, Comparison comparison) {
        Map<String, List<GraphProblem>> byNode = problemsByNode(problems);
        List<NetworkCanvas.Node> nodes = new ArrayList<>(graph.nodes().size());
        for (NodeSpec n : graph.nodes()) {
            LayerType type = LayerCatalog.find(n.type()).orElse(null);
            List<NetworkCanvas.Problem> pinned = byNode.getOrDefault(n.id(), List.of()).stream()
                    .map(p -> new NetworkCanvas.Problem(p.severity().name(), p.port(), p.message(), p.fix() == null ? null : p.fix().label()))
                    .toList();
            if (Blocks.isInstance(n)) {
                nodes.add(blockNode(graph, n, analysis, pinned));
                continue;
            }
            nodes.add(new NetworkCanvas.Node(n.id(), type == null ? "Unknown" : type.category(), n.type(), summary(n, type),
                    detail(analysis.nodeShapes().get(n.id())),
                    costs(analysis.parameterCounts().get(n.id()), analysis.flops().get(n.id())),
                    type == null ? List.of("in") : type.inputs(n.params()), type == null || type.hasOutput() ? List.of("out") : List.of(),
                    n.position().x(), n.position().y(), pinned));
        }
        List<NetworkCanvas.Edge> edges = new ArrayList<>(graph.edges().size());
        for (EdgeSpec e : graph.edges()) {
            if (e.from() == null || e.to() == null) continue;
            Shape s = analysis.edgeShapes().get(e.id());
            edges.add(new NetworkCanvas.Edge(e.id(), e.from().node(), e.from().port(), e.to().node(), e.to().port(),
                    s == null ? "" : s.toString()));
        }
        if (comparison == null) return new NetworkCanvas.View(revision, nodes, edges, selected, fitKey);
        List<NetworkCanvas.Node> marked = nodes.stream()
                .map(n -> comparison.marks().containsKey(n.id()) ? n.withDiff(comparison.marks().get(n.id()), comparison.notes().get(n.id())) : n)
                .toList();
        return new NetworkCanvas.View(revision, marked, edges, selected, fitKey, comparison.ghosts(), comparison.ghostEdges(),
                comparison.addedEdges());
    }

    /** A block instance: one node titled with the block's name, showing its port count; category "Block" (class nw-block). */
    private static NetworkCanvas.Node blockNode(GraphSpec graph, NodeSpec n, GraphAnalysis analysis, List<NetworkCanvas.Problem> pinned) {
        String name = Blocks.blockOf(n);
        BlockSpec def = name == null ? null : graph.block(name).orElse(null);
        List<String> inputs = def == null ? List.of("in0") : def.inputNames();
        List<String> outputs = def == null ? List.of("out") : def.outputNames();
        String summary = def == null ? "undefined block" : blockSummary(def);
        return new NetworkCanvas.Node(n.id(), "Block", name == null ? "Block" : name, summary,
                detail(analysis.nodeShapes().get(n.id())), costs(analysis.parameterCounts().get(n.id()), analysis.flops().get(n.id())),
                inputs, outputs, n.position().x(), n.position().y(), pinned);
    }

    /** "block · 2 layers · 1 in, 1 out". */
    static String blockSummary(BlockSpec def) {
        int layers = def.nodes().size();
        return "block · " + layers + (layers == 1 ? " layer" : " layers") + " · " + def.inputNames().size() + " in, "
                + def.outputNames().size() + " out";
    }

    /**
     * The problems pinned to each node as the canvas lists them: in order, one per distinct (severity, port, message),
     * the first of equal ones kept (the analysis's, which carries the fix, comes before a failed save's copy). A
     * {@link NetworkCanvas.FixRequested}'s index points into this list.
     */
    static Map<String, List<GraphProblem>> problemsByNode(List<GraphProblem> problems) {
        Map<String, Map<List<String>, GraphProblem>> seen = new LinkedHashMap<>();
        for (GraphProblem p : problems) {
            if (p.nodeId() == null) continue;
            seen.computeIfAbsent(p.nodeId(), k -> new LinkedHashMap<>())
                    .putIfAbsent(Arrays.asList(p.severity().name(), p.port(), p.message()), p);
        }
        Map<String, List<GraphProblem>> out = new LinkedHashMap<>();
        seen.forEach((id, m) -> out.put(id, List.copyOf(m.values())));
        return out;
    }

    /** The key parameters after the type name: "4 · tanh" for a Dense layer, "rate 0.5" for Dropout. */
    static String summary(NodeSpec node, LayerType type) {
        if (type == null) return "";
        return switch (type.type()) {
            case "Input" -> ""; // the detail line shows its shape
            case "Dense" -> {
                String s = String.valueOf(value(node, type, "units"));
                Object act = value(node, type, "activation");
                if (act != null && !"identity".equals(act)) s += " · " + act;
                if (Boolean.FALSE.equals(asBool(value(node, type, "bias")))) s += " · no bias";
                yield s;
            }
            case "Dropout", "AlphaDropout" -> "rate " + value(node, type, "rate");
            case "Perceptron", "WeightNormDense" -> String.valueOf(value(node, type, "units"));
            case "Conv1D", "Conv2D", "ConvTranspose2D" -> value(node, type, "filters") + " · " + value(node, type, "kernel")
                    + (type.params().stream().anyMatch(p -> p.name().equals("activation"))
                        && !"identity".equals(value(node, type, "activation")) ? " · " + value(node, type, "activation") : "");
            case "MaxPool1D", "MaxPool2D", "AvgPool1D", "AvgPool2D" -> String.valueOf(value(node, type, "kernel"));
            case "SimpleRNN", "LSTM", "GRU" -> value(node, type, "units")
                    + (Boolean.TRUE.equals(asBool(value(node, type, "return_sequences"))) ? " · sequence" : "");
            case "Embedding" -> value(node, type, "vocabulary") + " → " + value(node, type, "dim");
            case "Reshape" -> String.valueOf(value(node, type, "shape"));
            case "Output" -> "loss " + value(node, type, "loss");
            case "LeakyReLU", "ELU" -> "α " + value(node, type, "alpha");
            case "Softplus" -> "β " + value(node, type, "beta");
            default -> "";
        };
    }

    /** "out [4]"; empty while the shape is unknown. */
    static String detail(Shape shape) {
        return shape == null ? "" : "out " + shape;
    }

    /** "12 params · 96 FLOPs"; the parts that are zero or unknown are left out. */
    static String costs(Long params, Long flops) {
        List<String> parts = new ArrayList<>(2);
        if (params != null && params > 0) parts.add(count(params) + (params == 1 ? " param" : " params"));
        if (flops != null && flops > 0) parts.add(si(flops) + " FLOPs");
        return String.join(" · ", parts);
    }

    /** 48120 → "48,120". */
    static String count(long v) {
        return String.format(Locale.ENGLISH, "%,d", v);
    }

    /** Three significant digits with an SI prefix: 940 → "940", 235200 → "235k", 1234567 → "1.23M". */
    static String si(double v) {
        String[] prefixes = {"", "k", "M", "G", "T", "P"};
        int i = 0;
        while (Math.abs(v) >= 999.5 && i < prefixes.length - 1) {
            v /= 1000;
            i++;
        }
        String digits = i == 0 ? String.valueOf(Math.round(v))
                : new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        return digits + prefixes[i];
    }

    /** Bytes in binary units: "512 B", "2.82 MiB". */
    static String bytes(long b) {
        if (b < 1024) return b + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b / 1024.0;
        int i = 0;
        while (v >= 1023.5 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " " + units[i];
    }

    private static Object value(NodeSpec node, LayerType type, String name) {
        return type.params().stream().filter(p -> p.name().equals(name)).findFirst()
                .map((ParamDef p) -> GraphDraft.paramValue(node, p)).orElse(node.params().get(name));
    }

    private static Boolean asBool(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
        return null;
    }
}
