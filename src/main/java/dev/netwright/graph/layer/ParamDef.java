package dev.netwright.graph.layer;

import java.util.List;

/**
 * One parameter of a layer type, as the palette and inspector show it.
 *
 * @param name        key in {@code NodeSpec.params}
 * @param kind        value type
 * @param defaultValue used when the node omits the parameter (null: required)
 * @param choices     allowed values for {@link Kind#CHOICE}
 * @param description one line for the inspector's tooltip
 */
public record ParamDef(String name, Kind kind, Object defaultValue, List<String> choices, String description) {
    public enum Kind { INT, FLOAT, BOOL, CHOICE, INT_LIST }

    public static ParamDef integer(String name, Integer dflt, String description) {
        return new ParamDef(name, Kind.INT, dflt, List.of(), description);
    }

    public static ParamDef number(String name, double dflt, String description) {
        return new ParamDef(name, Kind.FLOAT, dflt, List.of(), description);
    }

    public static ParamDef bool(String name, boolean dflt, String description) {
        return new ParamDef(name, Kind.BOOL, dflt, List.of(), description);
    }

    public static ParamDef choice(String name, String dflt, List<String> choices, String description) {
        return new ParamDef(name, Kind.CHOICE, dflt, List.copyOf(choices), description);
    }

    public static ParamDef intList(String name, List<Integer> dflt, String description) {
        return new ParamDef(name, Kind.INT_LIST, dflt, List.of(), description);
    }
}
