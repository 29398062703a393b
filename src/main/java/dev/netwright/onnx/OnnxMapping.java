package dev.netwright.onnx;

import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.graph.layer.InputLayer;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.LayerType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For the docs ({@code docs/layers.md}): which ONNX ops a layer becomes. It runs the real emitters on a
 * dry graph, so it cannot drift from the export. {@code Constant} nodes are left out; an empty list means
 * the layer emits nothing (Input is the graph input, Dropout is the identity at inference).
 */
public final class OnnxMapping {
    private OnnxMapping() {
    }

    /** The ONNX op types {@code layer} is exported as, in order, e.g. {@code [Gemm, Tanh]}, for layers whose emitter needs no shapes. */
    public static List<String> opsFor(LayerSpec layer) {
        return opsFor(layer, null);
    }

    /** The ONNX op types of {@code layer} fed per-sample {@code inputs} (one shape per port; null when unknown). */
    public static List<String> opsFor(LayerSpec layer, List<Shape> inputs) {
        if (layer instanceof InputLayer) return List.of();
        OnnxGraph g = new OnnxGraph(null);
        LayerScope s = g.layer("x", inputs);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < (inputs == null ? 1 : Math.max(1, inputs.size())); i++) names.add("in" + i);
        s.finish(LayerEmitters.emit(layer, s, names), "out");
        return opTypes(g);
    }

    /** The ops of an activation with its default alpha/beta. */
    public static List<String> opsFor(Activation.Kind kind) {
        OnnxGraph g = new OnnxGraph(null);
        LayerScope s = g.layer("x");
        s.finish(LayerEmitters.activation(kind, Activation.defaultAlpha(kind), s, "in"), "out");
        return opTypes(g);
    }

    /** Every palette type (with its default parameters, fed its documented example input) → its ONNX ops, in palette order. */
    public static Map<String, List<String>> table() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (LayerType t : LayerCatalog.all()) table.put(t.type(), opsFor(t.parse(Map.of()), t.doc().exampleInputs()));
        return table;
    }

    private static List<String> opTypes(OnnxGraph g) {
        return g.opTypes().stream().filter(op -> !op.equals("Constant")).toList();
    }
}
