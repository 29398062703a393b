package dev.netwright.onnx;

import dev.netwright.data.Normalization;

import java.util.List;
import java.util.Locale;

/** The few JSON values the exporter writes into {@code metadata_props}, written by hand (onnx has no JSON library). */
final class Json {
    private Json() {
    }

    /** {@code ["a", "b"]}. */
    static String strings(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(", ");
            string(b, values.get(i));
        }
        return b.append(']').toString();
    }

    /**
     * The scaling's constants: {@code {"scaling": "standardize", "formula": "...", "featureSize", "groups", "blockSize",
     * "offset": [...], "scale": [...]}}, floats as Java prints them (shortest round-trip form).
     */
    static String normalization(Normalization n) {
        StringBuilder b = new StringBuilder("{\"scaling\": ");
        string(b, n.scaling().name().toLowerCase(Locale.ROOT));
        b.append(", \"formula\": ");
        string(b, "x' = (x - offset[g]) * scale[g], g = floor(j / blockSize) mod groups for the j-th value of a sample (row-major)");
        b.append(", \"featureSize\": ").append(n.featureSize()).append(", \"groups\": ").append(n.groups())
                .append(", \"blockSize\": ").append(n.blockSize()).append(", \"offset\": ");
        floats(b, n.offset());
        b.append(", \"scale\": ");
        floats(b, n.scale());
        return b.append('}').toString();
    }

    private static void floats(StringBuilder b, float[] v) {
        b.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) b.append(", ");
            b.append(Float.isFinite(v[i]) ? Float.toString(v[i]) : "null");
        }
        b.append(']');
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
