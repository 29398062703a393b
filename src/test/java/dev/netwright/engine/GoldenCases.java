package dev.netwright.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads PyTorch golden cases (format: shared/golden/README.md) and compares tensors within a case's tolerance. */
final class GoldenCases {
    static final ObjectMapper JSON = new ObjectMapper();

    private GoldenCases() {
    }

    /** The golden directory: system property {@code netwright.golden.dir}, default {@code ../shared/golden}. */
    static Path dir() {
        return Path.of(System.getProperty("netwright.golden.dir", "../shared/golden"));
    }

    static List<Path> files() throws IOException {
        Path d = dir();
        if (!Files.isDirectory(d)) throw new IllegalStateException("Golden directory not found: " + d.toAbsolutePath()
                + " (set -Dnetwright.golden.dir)");
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static JsonNode read(Path p) throws IOException {
        return JSON.readTree(p.toFile());
    }

    static Shape shape(JsonNode t) {
        int[] dims = new int[t.get("shape").size()];
        for (int i = 0; i < dims.length; i++) dims[i] = t.get("shape").get(i).asInt();
        return Shape.of(dims);
    }

    static float[] values(JsonNode t) {
        JsonNode d = t.get("data");
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) d.get(i).asDouble();
        return v;
    }

    static double[] doubles(JsonNode arr) {
        double[] v = new double[arr.size()];
        for (int i = 0; i < v.length; i++) v[i] = arr.get(i).asDouble();
        return v;
    }

    static Tensor tensor(JsonNode t) {
        return Tensor.of(shape(t), values(t));
    }

    static Map<String, Tensor> tensors(JsonNode obj, boolean trainable) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        if (obj == null) return m;
        obj.properties().forEach(e -> {
            Tensor t = tensor(e.getValue());
            boolean isInt = "int64".equals(e.getValue().path("dtype").asText());
            if (trainable && !isInt) t.requireGrad();
            m.put(e.getKey(), t);
        });
        return m;
    }

    /** Element-wise |ours - ref| <= atol + rtol |ref|; returns problems (empty when all match). */
    static List<String> compare(String what, float[] ours, Shape ourShape, JsonNode ref, double rtol, double atol) {
        List<String> problems = new ArrayList<>();
        Shape refShape = shape(ref);
        if (!refShape.equals(ourShape) && !(refShape.size() == 1 && ourShape.size() == 1)) {
            problems.add(what + ": shape " + ourShape + " but expected " + refShape);
            return problems;
        }
        double[] r = doubles(ref.get("data"));
        for (int i = 0; i < r.length; i++) {
            if (!(Math.abs(ours[i] - r[i]) <= atol + rtol * Math.abs(r[i]))) {
                problems.add(what + "[" + i + "]: got " + ours[i] + ", expected " + r[i]);
                if (problems.size() > 3) break;
            }
        }
        return problems;
    }
}
