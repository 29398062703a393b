package dev.netwright.data;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data sets every installation has, with stable ids. Generated deterministically. */
public final class BuiltinDatasets {
    private static final Map<String, Dataset> ALL = new LinkedHashMap<>();

    static {
        add(xor());
        add(twoSpirals(200, 0.1, 7));
        add(Generators.circles(400, 0.08, 0.5, 11));
        add(Generators.moons(400, 0.1, 12));
        add(Generators.blobs(600, 4, 0.6, 13));
        add(Generators.linearRegression(300, 0.1, 14));
        add(Generators.sineRegression(400, 0.05, 15));
        add(Generators.shapes28(1200, 0.1, 16));
        add(Generators.reconstruct(ALL.get("shapes-28")));
        add(Generators.quadraticRegression(300, 0.05, 17));
        add(Generators.quadraticBowl(400, 0, 18));
        add(Generators.sineForecast(1000, 20, 0.05, 19));
        add(Generators.adding(2000, 30, 20));
        add(Generators.parity(1000, 8, 21));
    }

    private BuiltinDatasets() {
    }

    private static void add(Dataset d) {
        ALL.put(d.id(), d);
    }

    public static List<Dataset> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Dataset> find(String id) {
        return Optional.ofNullable(id == null ? null : ALL.get(id));
    }

    /** The four points of XOR: y = x1 xor x2 (the seeds' erratum y4 = 1 is wrong; y4 = 0). */
    static Dataset xor() {
        return new Dataset("xor", "XOR", "The four points of exclusive or: not linearly separable, solved by one hidden layer",
                Task.BINARY, Shape.of(2), 1, List.of("0", "1"),
                new float[]{0, 0, 0, 1, 1, 0, 1, 1}, new float[]{0, 1, 1, 0});
    }

    /**
     * Two interleaved spirals (Lang &amp; Witbrock's benchmark): {@code perClass} points per arm, radius
     * growing with the angle, Gaussian noise of std {@code noise}.
     */
    static Dataset twoSpirals(int perClass, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[perClass * 2 * 2];
        float[] y = new float[perClass * 2];
        for (int i = 0; i < perClass; i++) {
            double t = 0.25 + 3.0 * Math.PI * i / perClass;   // angle, 1.5 turns
            double r = t / (3.0 * Math.PI);                      // radius in (0, 1]
            for (int c = 0; c < 2; c++) {
                int k = 2 * i + c;
                double sign = c == 0 ? 1 : -1;
                x[2 * k] = (float) (sign * r * Math.cos(t) + rng.normal(0, (float) noise) * r);
                x[2 * k + 1] = (float) (sign * r * Math.sin(t) + rng.normal(0, (float) noise) * r);
                y[k] = c;
            }
        }
        return new Dataset("two-spirals", "Two spirals", "Two interleaved spirals, " + perClass
                + " points each: a classic hard problem for small networks", Task.BINARY, Shape.of(2), 1, List.of("0", "1"), x, y);
    }
}
