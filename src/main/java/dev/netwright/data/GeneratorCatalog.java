package dev.netwright.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The procedural data sets a user can generate, with their parameters: what the "Generate" form lists and what
 * {@link #generate} runs. Defaults reproduce the built-in data sets of the same id ({@link BuiltinDatasets}).
 *
 * <p>Parameters come as numbers by name ({@code size}, {@code noise}, {@code seed}, {@code classes},
 * {@code length}); each is checked against its {@link ParamDef} range, integer parameters must be whole numbers,
 * missing ones take their default and unknown names are rejected.
 */
public final class GeneratorCatalog {
    private static final int MAX_SIZE = 100_000;
    private static final int MAX_SEQUENCES = 50_000;
    private static final int MAX_IMAGES = 20_000;
    private static final double MAX_SEED = Integer.MAX_VALUE;

    /** One numeric parameter of a generator; {@code integer} parameters accept whole numbers only. */
    public record ParamDef(String name, String label, double defaultValue, double min, double max, boolean integer) {
    }

    /** A generator: stable id, display name, what it makes, the task of the result and its parameters. */
    public record GeneratorDef(String id, String name, String description, Task task, List<ParamDef> params) {
    }

    /** Runs a generator on validated parameter values. */
    private interface Maker {
        Dataset make(Values v);
    }

    private record Entry(GeneratorDef def, Maker maker) {
    }

    private static final Map<String, Entry> ALL = new LinkedHashMap<>();

    static {
        add("xor", "XOR", "The four points of exclusive or (fixed; no parameters)", Task.BINARY, List.of(),
                v -> BuiltinDatasets.xor());
        add("two-spirals", "Two spirals", "Two interleaved spirals, size/2 points per arm", Task.BINARY,
                List.of(size(400, 4, MAX_SIZE), noise(0.1, 1), seed(7)),
                v -> BuiltinDatasets.twoSpirals(v.integer("size") / 2, v.real("noise"), v.seed()));
        add("circles", "Circles", "Two concentric rings (radii 1 and 0.5)", Task.BINARY,
                List.of(size(400, 2, MAX_SIZE), noise(0.08, 1), seed(11)),
                v -> Generators.circles(v.integer("size"), v.real("noise"), 0.5, v.seed()));
        add("moons", "Moons", "Two interleaving half circles", Task.BINARY,
                List.of(size(400, 2, MAX_SIZE), noise(0.1, 1), seed(12)),
                v -> Generators.moons(v.integer("size"), v.real("noise"), v.seed()));
        add("blobs", "Gaussian blobs", "Gaussian clusters with centres on a circle of radius 3; noise is their std",
                Task.MULTICLASS, List.of(size(600, 2, MAX_SIZE), new ParamDef("classes", "Classes", 4, 2, 10, true),
                        noise(0.6, 3), seed(13)),
                v -> {
                    if (v.integer("size") < v.integer("classes")) {
                        throw new IllegalArgumentException("blobs: size must be at least classes (" + v.integer("classes")
                                + ") so that every class has a point. Received: " + v.integer("size"));
                    }
                    return Generators.blobs(v.integer("size"), v.integer("classes"), v.real("noise"), v.seed());
                });
        add("linear-regression", "Linear regression", "y = 2·x1 − 3·x2 + 0.5 + noise, x uniform in [−1, 1]²",
                Task.REGRESSION, List.of(size(300, 2, MAX_SIZE), noise(0.1, 2), seed(14)),
                v -> Generators.linearRegression(v.integer("size"), v.real("noise"), v.seed()));
        add("quadratic-regression", "Quadratic regression", "y = x² + noise, x uniform in [−1.5, 1.5]", Task.REGRESSION,
                List.of(size(300, 2, MAX_SIZE), noise(0.05, 2), seed(17)),
                v -> Generators.quadraticRegression(v.integer("size"), v.real("noise"), v.seed()));
        add("quadratic-bowl", "Quadratic bowl", "f(w1, w2) = w1² + 5·w2² + noise, (w1, w2) uniform in [−2, 2]²",
                Task.REGRESSION, List.of(size(400, 2, MAX_SIZE), noise(0, 5), seed(18)),
                v -> Generators.quadraticBowl(v.integer("size"), v.real("noise"), v.seed()));
        add("sine", "Sine wave", "y = sin(x) + noise, x uniform in [−π, π]", Task.REGRESSION,
                List.of(size(400, 2, MAX_SIZE), noise(0.05, 2), seed(15)),
                v -> Generators.sineRegression(v.integer("size"), v.real("noise"), v.seed()));
        add("sine-forecast", "Sine forecasting", "Windows [length, 1] of a noisy sine (random frequency and phase); "
                        + "predict the next value", Task.REGRESSION,
                List.of(size(1000, 2, MAX_SEQUENCES), length(20, 2, 100), noise(0.05, 1), seed(19)),
                v -> Generators.sineForecast(v.integer("size"), v.integer("length"), v.real("noise"), v.seed()));
        add("adding", "Adding problem", "Sequences [length, 2] of (value, marker); the target is the sum of the two "
                        + "marked values", Task.REGRESSION,
                List.of(size(2000, 2, MAX_SEQUENCES), length(30, 2, 100), seed(20)),
                v -> Generators.adding(v.integer("size"), v.integer("length"), v.seed()));
        add("parity", "Parity", "Sequences [length, 1] of random bits; the target is their exclusive or", Task.BINARY,
                List.of(size(1000, 2, MAX_SEQUENCES), length(8, 2, 64), seed(21)),
                v -> Generators.parity(v.integer("size"), v.integer("length"), v.seed()));
        add("shapes-28", "Shapes 28×28", "Grey 28×28 images of circles, squares and triangles with pixel noise",
                Task.MULTICLASS, List.of(size(1200, 3, MAX_IMAGES), noise(0.1, 1), seed(16)),
                v -> Generators.shapes28(v.integer("size"), v.real("noise"), v.seed()));
        add("shapes-28-reconstruct", "Shapes 28×28 (reconstruct)", "The shapes-28 images flattened to 784 values, with the "
                        + "same 784 values as targets: a reconstruction task for autoencoders", Task.REGRESSION,
                List.of(size(1200, 3, MAX_IMAGES), noise(0.1, 1), seed(16)),
                v -> Generators.reconstruct(Generators.shapes28(v.integer("size"), v.real("noise"), v.seed())));
    }

    private GeneratorCatalog() {
    }

    private static void add(String id, String name, String description, Task task, List<ParamDef> params, Maker maker) {
        ALL.put(id, new Entry(new GeneratorDef(id, name, description, task, params), maker));
    }

    private static ParamDef size(double def, double min, double max) {
        return new ParamDef("size", "Samples", def, min, max, true);
    }

    private static ParamDef noise(double def, double max) {
        return new ParamDef("noise", "Noise (std)", def, 0, max, false);
    }

    private static ParamDef seed(double def) {
        return new ParamDef("seed", "Seed", def, 0, MAX_SEED, true);
    }

    private static ParamDef length(double def, double min, double max) {
        return new ParamDef("length", "Sequence length", def, min, max, true);
    }

    /** Every generator, in display order. */
    public static List<GeneratorDef> all() {
        return ALL.values().stream().map(Entry::def).toList();
    }

    /**
     * Runs generator {@code id} with {@code params} (missing ones take their defaults) and names the result
     * {@code datasetId} / {@code name}; the description is the generator's.
     *
     * @throws IllegalArgumentException for an unknown generator (the message lists the ids), an unknown parameter,
     *                                  or a value out of range or not whole where a whole number is needed
     */
    public static Dataset generate(String id, Map<String, Double> params, String datasetId, String name) {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(name, "name");
        Entry e = ALL.get(id);
        if (e == null) throw new IllegalArgumentException("Unknown generator '" + id + "'. Choose one of " + ALL.keySet());
        Dataset d = e.maker.make(Values.check(e.def, params == null ? Map.of() : params));
        return new Dataset(datasetId, name, d.description(), d.task(), d.featureShape(), d.targetSize(), d.classNames(),
                d.features(), d.targets());
    }

    /** Parameter values after validation, by name. */
    private record Values(Map<String, Double> byName) {
        static Values check(GeneratorDef def, Map<String, Double> given) {
            List<String> known = def.params().stream().map(ParamDef::name).toList();
            for (String k : given.keySet()) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("Generator '" + def.id() + "' has no parameter '" + k + "'. Its parameters: " + known);
                }
            }
            Map<String, Double> out = new LinkedHashMap<>();
            for (ParamDef p : def.params()) {
                Double v = given.get(p.name());
                double x = v == null ? p.defaultValue() : v;
                if (!(x >= p.min() && x <= p.max())) {
                    throw new IllegalArgumentException(def.id() + ": " + p.name() + " must be in " + range(p) + ". Received: " + x);
                }
                if (p.integer() && x != Math.rint(x)) {
                    throw new IllegalArgumentException(def.id() + ": " + p.name() + " must be a whole number in " + range(p) + ". Received: " + x);
                }
                out.put(p.name(), x);
            }
            return new Values(out);
        }

        private static String range(ParamDef p) {
            return p.integer() ? (long) p.min() + ".." + (long) p.max() : "[" + p.min() + ", " + p.max() + "]";
        }

        int integer(String name) {
            return (int) (double) byName.get(name);
        }

        double real(String name) {
            return byName.get(name);
        }

        long seed() {
            return (long) (double) byName.get("seed");
        }
    }
}
