package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.netwright.engine.Shape;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphLayout;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.LayerType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The state of one ONNX import: what each ONNX value has become ({@link Val}), the Netwright nodes built so far with
 * their weights, and the problems and notes collected. {@link OpImporters} turns one ONNX node at a time into
 * {@link Val}s through the helpers here; {@link #toSpec} lays the result out as a {@link GraphSpec}.
 * Shapes are per sample (no batch axis), as in the graph format.
 */
final class ImportGraph {
    /** An ONNX node (or a use of one) that has no Netwright form; the message completes "op 'X' (node n) ...". */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** An input failed to import; that failure is already reported. */
    static final class Propagated extends RuntimeException {
        Propagated() {
            super(null, null, false, false);
        }
    }

    /** What an ONNX value has become. */
    sealed interface Val permits Node, Const, TimeMajor, MatMul, GlobalPool, Rnn, Ids, Unusable, Failed {
    }

    /** The output of a Netwright node, {@code shape} per sample. */
    record Node(String id, Shape shape) implements Val {
    }

    /** A constant (initializer or {@code Constant}); exactly one of {@code floats}, {@code longs} is set. */
    record Const(String name, long[] dims, float[] floats, long[] longs) implements Val {
        float[] f() {
            if (floats != null) return floats;
            float[] v = new float[longs.length];
            for (int i = 0; i < v.length; i++) v[i] = longs[i];
            return v;
        }

        long[] l() {
            if (longs != null) return longs;
            long[] v = new long[floats.length];
            for (int i = 0; i < v.length; i++) v[i] = (long) floats[i];
            return v;
        }

        int size() {
            return floats != null ? floats.length : longs.length;
        }
    }

    /** A batch-first sequence {@code base} [N, T, F] transposed to ONNX's time-major [T, N, F]. */
    record TimeMajor(Node base) implements Val {
    }

    /** {@code x · W} by a constant W, waiting for a bias Add; {@code weight} already in Dense's [out, in] layout. */
    record MatMul(Node x, float[] weight, int units, NodeProto anchor) implements Val {
    }

    /** GlobalAveragePool / GlobalMaxPool (or ReduceMean/Max keeping dims) of {@code x}: [C, 1, 1], usually flattened next. */
    record GlobalPool(Node x, boolean max, NodeProto anchor) implements Val {
    }

    /** A recurrent layer waiting to know whether every step or only the last one is used. */
    record Rnn(Recurrent layer, Stage stage) implements Val {
    }

    /**
     * Where a recurrent output is on its way from ONNX's layout to one of the two the editor's layers give:
     * Y [T, 1, N, H] → Squeeze → [T, N, H] → Transpose → every step [N, T, H] ({@code SEQUENCE}); the last step [N, H]
     * ({@code LAST}) comes from Y_h [1, N, H] squeezed, or from the sequence by Gather/Slice at the last index.
     */
    enum Stage { Y, Y_SQUEEZED, SEQUENCE, LAST_KEEP_TIME, LAST_KEEP_AXIS0, LAST }

    /** A recurrent ONNX node with its weights already in the engine's (PyTorch's) gate order. */
    record Recurrent(String type, int units, Node input, float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh,
                     NodeProto anchor) {
    }

    /** A tensor cast to integers: the ids an Embedding looks up. */
    record Ids(Node x) implements Val {
    }

    /** An output the editor cannot use (MaxPool's indices, an LSTM's cell state, Dropout's mask). */
    record Unusable(String what) implements Val {
    }

    /** The value of a node that failed to import (already reported). */
    enum Failed implements Val { FAILED }

    /** A Netwright node being built; params stay editable for fusing (an activation into a Dense, Adds into one). */
    static final class Built {
        final String id;
        final String type;
        final Map<String, Object> params;
        final List<String> inputs;
        final Shape shape;
        final String scope;

        Built(String id, String type, Map<String, Object> params, List<Node> inputs, Shape shape, String scope) {
            this.id = id;
            this.type = type;
            this.params = params;
            this.inputs = new ArrayList<>(inputs.stream().map(Node::id).toList());
            this.shape = shape;
            this.scope = scope;
        }
    }

    final GraphProto graph;
    final long opset;
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();
    private final Map<NodeProto, Val[]> converted = new IdentityHashMap<>();
    private final Set<NodeProto> converting = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Const> constants = new HashMap<>();
    private final Map<Object, Node> materialized = new HashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> preprocessing = new ArrayList<>();
    final Map<String, Built> nodes = new LinkedHashMap<>();
    final Map<String, float[]> parameters = new LinkedHashMap<>();
    final Map<String, float[]> buffers = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();
    private String inputName;
    private Node input;

    ImportGraph(GraphProto graph, long opset) {
        this.graph = graph;
        this.opset = opset;
        for (TensorProto t : graph.getInitializerList()) initializers.put(t.getName(), t);
        for (NodeProto n : graph.getNodeList()) {
            for (String o : n.getOutputList()) if (!o.isEmpty()) producers.put(o, n);
            for (String i : n.getInputList()) if (!i.isEmpty()) uses.merge(i, 1, Integer::sum);
        }
        for (var o : graph.getOutputList()) uses.merge(o.getName(), 1, Integer::sum);
    }

    // ***** values *****

    /** Declares the graph input {@code name}, per-sample shape {@code shape}: becomes the Input node. */
    Node input(String name, Shape shape) {
        String id = uniqueId(sanitize(name, "input"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("shape", intList(shape.toArray()));
        nodes.put(id, new Built(id, "Input", params, List.of(), shape, null));
        inputName = name;
        input = new Node(id, shape);
        return input;
    }

    boolean isInput(Val v) {
        return v instanceof Node n && n.equals(input);
    }

    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    NodeProto producer(String value) {
        return producers.get(value);
    }

    /** True when {@code value} feeds exactly one node input (a graph output counts as a use). */
    boolean singleUse(String value) {
        return uses.getOrDefault(value, 0) == 1;
    }

    /** What ONNX value {@code name} has become; converts its producer (and what that needs) on first use. */
    Val value(String name) {
        if (name.equals(inputName)) return input;
        Const c = constants.get(name);
        if (c != null) return c;
        TensorProto t = initializers.get(name);
        if (t != null) {
            c = constant(t);
            constants.put(name, c);
            return c;
        }
        NodeProto p = producers.get(name);
        if (p == null) throw new Refused("reads '" + name + "', which is neither the graph input, an initializer nor a node's output");
        return convert(p)[p.getOutputList().indexOf(name)];
    }

    static Const constant(TensorProto t) {
        long[] dims = OnnxTensors.dims(t);
        return OnnxTensors.isInteger(t) ? new Const(t.getName(), dims, null, OnnxTensors.longs(t))
                : new Const(t.getName(), dims, OnnxTensors.floats(t), null);
    }

    /** Converts {@code n} once; a node that cannot be imported is reported and yields {@link Failed} values. */
    Val[] convert(NodeProto n) {
        Val[] done = converted.get(n);
        if (done != null) return done;
        if (!converting.add(n)) throw new Refused("is on a cycle");
        Val[] out = new Val[n.getOutputCount()];
        try {
            Val[] v = OpImporters.convert(this, n);
            for (int i = 0; i < out.length; i++) {
                out[i] = i < v.length && v[i] != null ? v[i] : new Unusable("output " + i + " of " + describe(n));
            }
        } catch (Refused e) {
            problems.add(describe(n) + " " + e.getMessage());
            java.util.Arrays.fill(out, Failed.FAILED);
        } catch (Propagated e) {
            java.util.Arrays.fill(out, Failed.FAILED);
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            problems.add(describe(n) + " cannot be read: " + e.getMessage());
            java.util.Arrays.fill(out, Failed.FAILED);
        } finally {
            converting.remove(n);
        }
        converted.put(n, out);
        return out;
    }

    static String describe(NodeProto n) {
        String name = !n.getName().isEmpty() ? n.getName() : n.getOutputCount() > 0 ? n.getOutput(0) : "?";
        return "op '" + n.getOpType() + "' (node " + name + ")";
    }

    /** Input {@code i} of {@code n}, or null when it is absent or "" (an optional input left out). */
    Val in(NodeProto n, int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) return null;
        return value(n.getInput(i));
    }

    /** Input {@code i} as a Netwright node's output. */
    Node tensor(NodeProto n, int i) {
        Val v = in(n, i);
        if (v == null) throw new Refused("lacks its input " + i);
        return materialize(v);
    }

    /** Input {@code i} as a constant; null when it is absent. */
    Const constant(NodeProto n, int i) {
        Val v = in(n, i);
        if (v == null || v instanceof Const) return (Const) v;
        if (v instanceof Failed) throw new Propagated();
        throw new Refused("needs a constant (an initializer) as input " + i + " ('" + n.getInput(i) + "'), not a value computed "
                + "from the network's input");
    }

    /** A pending value made concrete as a Netwright node. */
    Node materialize(Val v) {
        return switch (v) {
            case Node n -> n;
            case Failed _ -> throw new Propagated();
            case Const c -> throw new Refused("uses the constant '" + c.name() + "' where the editor needs a layer's output");
            case TimeMajor _ -> throw new Refused("reads a sequence transposed to time-major [T, N, F]; the editor keeps sequences "
                    + "batch-first and only its recurrent layers read them");
            case MatMul m -> once(m, () -> OpImporters.dense(this, m.anchor(), m.x(), m.weight(), m.units(), null));
            case GlobalPool p -> OpImporters.globalPoolKeepDims(this, p);
            case Rnn r -> OpImporters.recurrentLayer(this, r);
            case Ids i -> throw new Refused("uses integer ids of " + i.x().id() + " other than for an Embedding lookup (Gather)");
            case Unusable u -> throw new Refused("uses " + u.what() + ", which the editor's layer does not give");
        };
    }

    /** The node made for {@code key} the first time, reused after (one Dense per MatMul, one LSTM per use). */
    Node once(Object key, java.util.function.Supplier<Node> make) {
        Node n = materialized.get(key);
        if (n == null) {
            n = make.get();
            materialized.put(key, n);
        }
        return n;
    }

    // ***** building nodes *****

    /**
     * Adds a Netwright node of {@code type} named after the ONNX node {@code anchor}; its shape comes from the layer's
     * own shape rule, so a layer that cannot take its input is refused here with the layer's message.
     */
    Node add(NodeProto anchor, String type, Map<String, Object> params, List<Node> inputs) {
        return add(anchor, "", type, params, inputs);
    }

    /** As {@link #add(NodeProto, String, Map, List)}, the id suffixed with {@code suffix} (a second node for one ONNX node). */
    Node add(NodeProto anchor, String suffix, String type, Map<String, Object> params, List<Node> inputs) {
        Shape shape;
        try {
            LayerSpec spec = LayerCatalog.find(type).orElseThrow().parse(params);
            shape = spec.outputShape(inputs.stream().map(Node::shape).toList());
        } catch (IllegalArgumentException e) {
            throw new Refused("cannot become a " + type + " layer: " + e.getMessage());
        }
        String id = uniqueId(idBase(anchor, type) + suffix);
        nodes.put(id, new Built(id, type, params, inputs, shape, scope(anchor)));
        return new Node(id, shape);
    }

    void parameter(Node n, String name, float[] values) {
        parameters.put(n.id() + "." + name, values);
    }

    void buffer(Node n, String name, float[] values) {
        buffers.put(n.id() + "." + name, values);
    }

    Built built(Node n) {
        return nodes.get(n.id());
    }

    void note(String note) {
        if (!notes.contains(note)) notes.add(note);
    }

    /**
     * The layer an ONNX node belongs to by its name: "dense1/Gemm" → "dense1" (our exporter names a layer's ops
     * {@code <id>/<Op>}), "/c1/Conv" → "/c1" (PyTorch's module path); null when the name is no such path.
     */
    static String scope(NodeProto n) {
        String name = n.getName();
        int k = name.lastIndexOf('/');
        if (k <= 0 || !name.substring(k + 1).startsWith(n.getOpType())) return null;
        return name.substring(0, k);
    }

    /** A readable id: the node's layer path or name, sanitized; a name starting with a digit gets the type in front. */
    static String idBase(NodeProto n, String type) {
        String name = !n.getName().isEmpty() ? n.getName() : n.getOutputCount() > 0 ? n.getOutput(0) : "";
        String scope = scope(n);
        return sanitize(scope != null ? scope : name, type.toLowerCase(Locale.ROOT));
    }

    static String sanitize(String name, String fallback) {
        String s = name.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) return fallback;
        return Character.isDigit(s.charAt(0)) ? fallback + "_" + s : s;
    }

    String uniqueId(String base) {
        String id = base;
        for (int i = 2; !ids.add(id); i++) id = base + "_" + i;
        return id;
    }

    static List<Integer> intList(int... v) {
        List<Integer> l = new ArrayList<>();
        for (int x : v) l.add(x);
        return l;
    }

    // ***** the graph *****

    /**
     * The design: the nodes built, then an Output node {@code outputId} with {@code loss} reading {@code last}; edges into
     * "in" (or "in0", "in1", ... of merge layers); nodes in build order (which is topological), laid out left to right
     * by {@link GraphLayout}, as the editor's auto-layout does.
     */
    GraphSpec toSpec(String name, String outputId, String loss, Node last) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loss", loss);
        nodes.put(outputId, new Built(outputId, "Output", out, List.of(last), last.shape(), null));

        List<EdgeSpec> edges = new ArrayList<>();
        for (Built b : nodes.values()) {
            LayerType t = LayerCatalog.find(b.type).orElseThrow();
            for (int i = 0; i < b.inputs.size(); i++) {
                String port = t.portCountParam() == null ? "in" : "in" + i;
                edges.add(new EdgeSpec("e" + (edges.size() + 1), new EdgeSpec.PortRef(b.inputs.get(i), "out"), new EdgeSpec.PortRef(b.id, port)));
            }
        }
        List<NodeSpec> specs = new ArrayList<>();
        int row = 0;
        for (Built b : topological()) specs.add(new NodeSpec(b.id, b.type, b.params, new NodeSpec.Position(0, row++)));
        return GraphLayout.layered(new GraphSpec(GraphSpec.FORMAT, GraphSpec.VERSION, name, specs, edges));
    }

    /** The nodes, each after its inputs, otherwise in build order (a merged chain may have gained later inputs). */
    private List<Built> topological() {
        List<Built> all = new ArrayList<>(nodes.values());
        Map<String, Integer> index = new HashMap<>(), missing = new HashMap<>();
        Map<String, List<Built>> users = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Built b = all.get(i);
            index.put(b.id, i);
            missing.put(b.id, b.inputs.size());
            for (String in : b.inputs) users.computeIfAbsent(in, k -> new ArrayList<>()).add(b);
        }
        java.util.PriorityQueue<Built> ready = new java.util.PriorityQueue<>(java.util.Comparator.comparing(b -> index.get(b.id)));
        all.stream().filter(b -> b.inputs.isEmpty()).forEach(ready::add);
        List<Built> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            Built b = ready.poll();
            order.add(b);
            for (Built u : users.getOrDefault(b.id, List.of())) if (missing.merge(u.id, -1, Integer::sum) == 0) ready.add(u);
        }
        return order;
    }
}
