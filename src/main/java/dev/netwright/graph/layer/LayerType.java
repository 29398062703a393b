package dev.netwright.graph.layer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A palette entry: what the user can drop on the canvas.
 *
 * @param type        the {@code NodeSpec.type} string
 * @param category    palette group ("Core", "Activations", ...)
 * @param description one line shown in the palette and the inspector
 * @param inputs      names of the input ports (empty for Input)
 * @param params      parameter definitions with defaults
 * @param parser      builds the typed spec from checked parameters
 */
public record LayerType(String type, String category, String description, List<String> inputs,
                        List<ParamDef> params, Function<Params, LayerSpec> parser) {

    /** Parses a node's parameters; throws {@link IllegalArgumentException} naming the offending parameter. */
    public LayerSpec parse(Map<String, Object> values) {
        return parser.apply(new Params(type, values, params));
    }

    public boolean hasOutput() {
        return !type.equals("Output");
    }
}
