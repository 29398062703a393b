package dev.netwright.graph;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Module;
import dev.netwright.graph.layer.InputLayer;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.OutputLayer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A design compiled to engine modules: runs the graph's DAG in topological order on a batch.
 * Parameter names are {@code <nodeId>.<param>} (e.g. {@code dense1.weight}); a layer inside a block instance is
 * {@code <instanceId>/<innerId>} ({@code block1/dense1.weight}).
 */
public final class Network {
    /** One compiled node: its module and the nodes feeding its input ports, in order. */
    public record Step(String nodeId, LayerSpec layer, Module module, List<String> inputs, List<Shape> inputShapes, Shape outputShape) {
    }

    private final GraphSpec spec;
    private final GraphAnalysis analysis;
    private final List<Step> steps;
    private final String inputId;
    private final String outputId;

    private Network(GraphSpec spec, GraphAnalysis analysis, List<Step> steps, String inputId, String outputId) {
        this.spec = spec;
        this.analysis = analysis;
        this.steps = steps;
        this.inputId = inputId;
        this.outputId = outputId;
    }

    /** Compiles a valid graph; weights are initialised from {@code seed}. */
    public static Network compile(GraphSpec design, long seed) {
        // block instances are inlined: parameters of inner layers are named <instance>/<inner>.<param>
        GraphSpec spec = Blocks.hasInstances(design) ? Blocks.expand(design) : design;
        GraphAnalysis a = GraphAnalyzer.analyze(spec);
        if (!a.isValid()) throw new InvalidGraphException(a.errors());
        Rng rng = new Rng(seed);
        List<Step> steps = new ArrayList<>();
        String in = null, out = null;
        for (String id : a.order()) {
            LayerSpec layer = a.layers().get(id);
            if (layer instanceof InputLayer) {
                in = id;
                continue;
            }
            if (layer instanceof OutputLayer) out = id;
            List<String> inputs = GraphAnalyzer.inputsOf(spec, id);
            List<Shape> shapes = inputs.stream().map(a.nodeShapes()::get).toList();
            steps.add(new Step(id, layer, layer.build(shapes, rng), inputs, shapes, a.nodeShapes().get(id)));
        }
        return new Network(spec, a, List.copyOf(steps), in, out);
    }

    /** The compiled graph: the design with its block instances inlined ({@link Blocks#expand}). */
    public GraphSpec spec() {
        return spec;
    }

    public GraphAnalysis analysis() {
        return analysis;
    }

    public List<Step> steps() {
        return steps;
    }

    public String inputId() {
        return inputId;
    }

    public String outputId() {
        return outputId;
    }

    /** Per-sample input shape. */
    public Shape inputShape() {
        return analysis.nodeShapes().get(inputId);
    }

    /** Per-sample output shape. */
    public Shape outputShape() {
        return analysis.nodeShapes().get(outputId);
    }

    public Loss loss() {
        return ((OutputLayer) analysis.layers().get(outputId)).loss();
    }

    /** Runs a batch [N, ...inputShape] through the network; returns the Output node's value [N, ...outputShape]. */
    public Tensor forward(Tensor batch) {
        return forward(batch, null);
    }

    /** As {@link #forward(Tensor)}, handing each node's output to {@code observer} (may be null) as it is computed. */
    public Tensor forward(Tensor batch, java.util.function.BiConsumer<String, Tensor> observer) {
        Shape s = batch.shape();
        Shape expect = inputShape();
        if (s.rank() != expect.rank() + 1 || !Shape.of(java.util.Arrays.copyOfRange(s.toArray(), 1, s.rank())).equals(expect)) {
            throw new IllegalArgumentException("Expected input of shape [N, " + expect.toString().substring(1) + ", got " + s);
        }
        Map<String, Tensor> values = new HashMap<>();
        values.put(inputId, batch);
        Tensor last = batch;
        for (Step step : steps) {
            List<Tensor> ins = step.inputs().stream().map(values::get).toList();
            last = step.module().forward(ins);
            values.put(step.nodeId(), last);
            if (observer != null) observer.accept(step.nodeId(), last);
        }
        return values.getOrDefault(outputId, last);
    }

    /**
     * Overwrites every parameter and buffer with the values given under its name ({@code <nodeId>.<param>}, as
     * {@link #parameters()} and {@link #buffers()} name them; row-major, in the layer's own layout). Nothing is
     * written unless every name is known, none is missing and every size fits.
     *
     * @param buffers may be null for a network without buffers
     * @throws IllegalArgumentException naming the first missing, unknown or wrongly sized tensor
     */
    public void load(Map<String, float[]> parameters, Map<String, float[]> buffers) {
        Map<String, float[]> givenBuffers = buffers == null ? Map.of() : buffers;
        Map<String, Tensor> params = parameters(), bufs = buffers();
        checkLoad("parameter", params, parameters);
        checkLoad("buffer", bufs, givenBuffers);
        params.forEach((name, t) -> t.copyFrom(parameters.get(name)));
        bufs.forEach((name, t) -> t.copyFrom(givenBuffers.get(name)));
    }

    private static void checkLoad(String kind, Map<String, Tensor> expected, Map<String, float[]> given) {
        for (var e : expected.entrySet()) {
            float[] v = given.get(e.getKey());
            if (v == null) throw new IllegalArgumentException("No values for " + kind + " " + e.getKey() + " " + e.getValue().shape());
            if (v.length != e.getValue().shape().size()) {
                throw new IllegalArgumentException(kind + " " + e.getKey() + " has shape " + e.getValue().shape() + " ("
                        + e.getValue().shape().size() + " values), got " + v.length + " values");
            }
        }
        for (String name : given.keySet()) {
            if (!expected.containsKey(name)) {
                throw new IllegalArgumentException("The network has no " + kind + " " + name + ". Known: " + expected.keySet());
            }
        }
    }

    /** The random generators of layers that draw while training (dropout, noise), by node id. */
    public Map<String, Rng> rngs() {
        Map<String, Rng> r = new LinkedHashMap<>();
        for (Step s : steps) if (s.module().rng() != null) r.put(s.nodeId(), s.module().rng());
        return r;
    }

    /** All trainable parameters, named {@code <nodeId>.<param>}, in graph order. */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (Step s : steps) s.module().parameters().forEach((k, v) -> p.put(s.nodeId() + "." + k, v));
        return p;
    }

    /** Non-trainable state (running statistics), named like parameters. */
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (Step s : steps) s.module().buffers().forEach((k, v) -> p.put(s.nodeId() + "." + k, v));
        return p;
    }

    public void train(boolean on) {
        steps.forEach(s -> s.module().train(on));
    }
}
