package dev.netwright.ui.editor;

import dev.netwright.engine.Shape;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;
import dev.netwright.graph.layer.ParamDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a design and its analysis into what {@link NetworkCanvas} draws: node captions, edge shapes, problems. */
final class CanvasModel {
    private CanvasModel() {
    }

    static NetworkCanvas.View view(long revision, GraphSpec graph, GraphAnalysis analysis, List<GraphProblem> problems,
                                   String selected, long fitKey) {
        Map<String, List<GraphProblem>> byNode = problems.stream().filter(p -> p.nodeId() != null)
                .collect(Collectors.groupingBy(GraphProblem::nodeId));
        List<NetworkCanvas.Node> nodes = new ArrayList<>();
        for (NodeSpec n : graph.nodes()) {
            LayerType type = LayerCatalog.find(n.type()).orElse(null);
            List<NetworkCanvas.Problem> pinned = byNode.getOrDefault(n.id(), List.of()).stream()
                    .map(p -> new NetworkCanvas.Problem(p.severity().name(), p.port(), p.message())).distinct().toList();
            nodes.add(new NetworkCanvas.Node(n.id(), type == null ? "Unknown" : type.category(), n.type(), summary(n, type),
                    detail(analysis.nodeShapes().get(n.id()), analysis.parameterCounts().get(n.id())),
                    type == null ? List.of("in") : type.inputs(n.params()), type == null || type.hasOutput() ? List.of("out") : List.of(),
                    n.position().x(), n.position().y(), pinned));
        }
        List<NetworkCanvas.Edge> edges = new ArrayList<>();
        for (EdgeSpec e : graph.edges()) {
            if (e.from() == null || e.to() == null) continue;
            Shape s = analysis.edgeShapes().get(e.id());
            edges.add(new NetworkCanvas.Edge(e.id(), e.from().node(), e.from().port(), e.to().node(), e.to().port(),
                    s == null ? "" : s.toString()));
        }
        return new NetworkCanvas.View(revision, nodes, edges, selected, fitKey);
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

    /** "out [4] · 12 params"; empty while the shape is unknown. */
    static String detail(Shape shape, Long params) {
        if (shape == null) return "";
        String s = "out " + shape;
        if (params != null && params > 0) s += " · " + String.format(Locale.ENGLISH, "%,d", params) + (params == 1 ? " param" : " params");
        return s;
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
