package dev.netwright.graph;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;

import java.util.List;
import java.util.Map;

/** Test helper: one layer of the catalog in a minimal network, and batches that suit it. */
public final class LayerNets {
    private LayerNets() {
    }

    /**
     * Input → {@code type} → Output(mse), the layer under test being node "layer". With several ports, port 0 reads
     * the Input (shape {@code inputs[0]}) and port i > 0 a branch Flatten → Dense → Reshape to {@code inputs[i]}.
     */
    public static GraphSpec around(String type, Map<String, Object> params, List<Shape> inputs) {
        Graphs g = Graphs.graph().node("in", "Input", Map.of("shape", dims(inputs.getFirst())));
        g.node("layer", type, params);
        List<String> ports = LayerCatalog.find(type).orElseThrow().inputs(params);
        for (int i = 0; i < ports.size(); i++) {
            if (i == 0) {
                g.edge("in", "layer", ports.get(i));
                continue;
            }
            Shape s = inputs.get(i);
            g.node("flat" + i, "Flatten", Map.of()).node("dense" + i, "Dense", Map.of("units", s.size(), "activation", "tanh"))
                    .node("reshape" + i, "Reshape", Map.of("shape", dims(s)))
                    .edge("in", "flat" + i).edge("flat" + i, "dense" + i).edge("dense" + i, "reshape" + i).edge("reshape" + i, "layer", ports.get(i));
        }
        return g.node("out", "Output", Map.of("loss", "mse")).edge("layer", "out").build();
    }

    /** The catalog's documented example for {@code type} with its default parameters. */
    public static GraphSpec example(LayerType type) {
        return around(type.type(), Map.of(), type.doc().exampleInputs());
    }

    static List<Integer> dims(Shape s) {
        return java.util.Arrays.stream(s.toArray()).boxed().toList();
    }

    /** A batch [n, ...perSample]: N(0, 1) values, or whole-number ids below {@code vocabulary} when it is > 0. */
    public static Tensor batch(int n, Shape perSample, int vocabulary, long seed) {
        int[] d = new int[perSample.rank() + 1];
        d[0] = n;
        System.arraycopy(perSample.toArray(), 0, d, 1, perSample.rank());
        Shape s = Shape.of(d);
        Rng rng = new Rng(seed);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) v[i] = vocabulary > 0 ? rng.nextInt(vocabulary) : rng.normal(0, 1);
        return Tensor.of(s, v);
    }

    /** The batch that suits the network's input: ids for an Embedding layer, else N(0, 1). */
    public static Tensor batchFor(Network net, int n, long seed) {
        int vocabulary = 0;
        for (Network.Step st : net.steps()) {
            if (st.layer() instanceof dev.netwright.graph.layer.EmbeddingLayer e && st.inputs().contains(net.inputId())) vocabulary = e.vocabulary();
        }
        return batch(n, net.inputShape(), vocabulary, seed);
    }

    /** Sets every parameter to N(0, std), running means to N(0, 0.5) and running variances to U(0.5, 1.5). */
    public static void randomize(Network net, float std, long seed) {
        Rng rng = new Rng(seed);
        net.parameters().values().forEach(p -> p.copyFrom(fill(p.shape().size(), () -> rng.normal(0, std))));
        net.buffers().forEach((name, b) -> b.copyFrom(fill(b.shape().size(),
                name.endsWith("running_var") ? () -> rng.uniform(0.5f, 1.5f) : () -> rng.normal(0, 0.5f))));
    }

    private static float[] fill(int n, java.util.function.Supplier<Float> f) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = f.get();
        return v;
    }
}
