package dev.netwright.graph.layer;

import dev.netwright.engine.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A palette entry: what the user can drop on the canvas.
 *
 * @param type          the {@code NodeSpec.type} string
 * @param category      palette group ("Core", "Convolution", "Pooling", "Normalization", "Regularization",
 *                      "Recurrent", "Merge", "Activations")
 * @param description   one line shown in the palette and the inspector
 * @param inputs        names of the input ports with the default parameters (empty for Input); see {@link #inputs(Map)}
 * @param params        parameter definitions with defaults
 * @param parser        builds the typed spec from checked parameters
 * @param doc           formula, shape rule and parameter-count rule for {@code docs/layers.md}
 * @param portCountParam the INT parameter that sets the number of input ports ("in0", "in1", ...) of a merge
 *                      layer, or null when the ports are fixed
 */
public record LayerType(String type, String category, String description, List<String> inputs,
                        List<ParamDef> params, Function<Params, LayerSpec> parser, Doc doc, String portCountParam) {

    /** The most input ports a merge layer can have. */
    public static final int MAX_PORTS = 8;

    /**
     * What {@code docs/layers.md} says about a type besides its parameters and ONNX ops.
     *
     * @param formula        one line, e.g. "y = f(x Wᵀ + b)"
     * @param shapeRule      per-sample shapes, e.g. "[in] → [units]"
     * @param parameterRule  trainable parameters, e.g. "in·units + units"
     * @param exampleInputs  per-sample input shapes the docs run the real shape rule on (one per port)
     */
    public record Doc(String formula, String shapeRule, String parameterRule, List<Shape> exampleInputs) {
        public Doc {
            exampleInputs = List.copyOf(exampleInputs);
        }
    }

    /** A type with fixed ports and no docs beyond its description (kept for callers of the original constructor). */
    public LayerType(String type, String category, String description, List<String> inputs, List<ParamDef> params,
                     Function<Params, LayerSpec> parser) {
        this(type, category, description, inputs, params, parser, new Doc(description, "", "", List.of()), null);
    }

    /** Parses a node's parameters; throws {@link IllegalArgumentException} naming the offending parameter. */
    public LayerSpec parse(Map<String, Object> values) {
        return parser.apply(new Params(type, values, params));
    }

    /**
     * The input ports of a node of this type with these parameters: {@link #inputs()} for fixed-port types; for
     * merge layers "in0" ... "in{n-1}", n being the node's {@link #portCountParam} (the default ports when the
     * value is missing or invalid; {@link #parse} reports the invalid value).
     */
    public List<String> inputs(Map<String, Object> values) {
        if (portCountParam == null || values == null || values.get(portCountParam) == null) return inputs;
        try {
            return ports(new Params(type, Map.of(portCountParam, values.get(portCountParam)), params)
                    .integer(portCountParam, 2, MAX_PORTS));
        } catch (IllegalArgumentException e) {
            return inputs;
        }
    }

    /** "in0", "in1", ..., "in{n-1}". */
    public static List<String> ports(int n) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < n; i++) p.add("in" + i);
        return List.copyOf(p);
    }

    public boolean hasOutput() {
        return !type.equals("Output");
    }
}
