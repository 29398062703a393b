package dev.netwright.graph.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's parameters read against its type's {@link ParamDef}s: defaults applied, types checked.
 * Errors are {@link IllegalArgumentException}s whose message names the parameter and the value received.
 */
public final class Params {
    private final String type;
    private final Map<String, Object> values;
    private final List<ParamDef> defs;

    public Params(String type, Map<String, Object> values, List<ParamDef> defs) {
        this.type = type;
        this.values = values;
        this.defs = defs;
        for (String key : values.keySet()) {
            if (defs.stream().noneMatch(d -> d.name().equals(key))) {
                throw new IllegalArgumentException(type + " has no parameter '" + key + "'. Known: "
                        + defs.stream().map(ParamDef::name).toList());
            }
        }
    }

    private Object raw(String name) {
        ParamDef def = defs.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(type + " declares no parameter " + name));
        Object v = values.get(name);
        if (v == null) v = def.defaultValue();
        if (v == null) throw new IllegalArgumentException(type + "." + name + " is required");
        return v;
    }

    public int integer(String name, int min) {
        Object v = raw(name);
        int i;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) i = n.intValue();
        else if (v instanceof String s && s.trim().matches("-?\\d+")) i = Integer.parseInt(s.trim());
        else throw new IllegalArgumentException(type + "." + name + " must be an integer. Received: " + v);
        if (i < min) throw new IllegalArgumentException(type + "." + name + " must be >= " + min + ". Received: " + i);
        return i;
    }

    /** An integer in [min, max]. */
    public int integer(String name, int min, int max) {
        int i = integer(name, min);
        if (i > max) throw new IllegalArgumentException(type + "." + name + " must be <= " + max + ". Received: " + i);
        return i;
    }

    /**
     * A size per spatial axis: one integer for all {@code rank} axes ("3" → [3, 3]) or one per axis ("3, 5").
     * Entries must be >= {@code min}.
     */
    public int[] sizes(String name, int rank, int min) {
        int[] v = intList(name, min);
        if (v.length == 1) {
            int[] all = new int[rank];
            java.util.Arrays.fill(all, v[0]);
            return all;
        }
        if (v.length != rank) {
            throw new IllegalArgumentException(type + "." + name + " needs 1 or " + rank + " integers. Received: "
                    + java.util.Arrays.toString(v));
        }
        return v;
    }

    /** Convolution padding: "valid", "same" or a non-negative integer (zeros on every side). */
    public Padding padding(String name) {
        Object v = raw(name);
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) s = String.valueOf(n.longValue());
        try {
            return Padding.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + "." + name + " must be \"valid\", \"same\" or an integer >= 0. Received: " + v);
        }
    }

    public double number(String name, double min, double max) {
        Object v = raw(name);
        double d;
        if (v instanceof Number n) d = n.doubleValue();
        else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(type + "." + name + " must be a number. Received: " + v);
            }
        } else throw new IllegalArgumentException(type + "." + name + " must be a number. Received: " + v);
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException(type + "." + name + " must be in [" + min + ", " + max + "]. Received: " + d);
        }
        return d;
    }

    public boolean bool(String name) {
        Object v = raw(name);
        if (v instanceof Boolean b) return b;
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
        throw new IllegalArgumentException(type + "." + name + " must be true or false. Received: " + v);
    }

    public String choice(String name) {
        String v = String.valueOf(raw(name)).trim().toLowerCase(Locale.ROOT);
        ParamDef def = defs.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
        if (!def.choices().isEmpty() && !def.choices().contains(v)) {
            throw new IllegalArgumentException(type + "." + name + " must be one of " + def.choices() + ". Received: " + v);
        }
        return v;
    }

    public int[] intList(String name, int min) {
        Object v = raw(name);
        List<Object> items = new ArrayList<>();
        if (v instanceof List<?> l) items.addAll(l);
        else if (v instanceof Number n) items.add(n);
        else if (v instanceof String s) {
            for (String part : s.replace("[", "").replace("]", "").split("[,x×\\s]+")) if (!part.isBlank()) items.add(part);
        } else throw new IllegalArgumentException(type + "." + name + " must be a list of integers. Received: " + v);
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = items.get(i);
            try {
                out[i] = o instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(o).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(type + "." + name + " must be a list of integers. Received: " + v);
            }
            if (out[i] < min) throw new IllegalArgumentException(type + "." + name + " entries must be >= " + min + ". Received: " + v);
        }
        if (out.length == 0) throw new IllegalArgumentException(type + "." + name + " must not be empty");
        return out;
    }
}
