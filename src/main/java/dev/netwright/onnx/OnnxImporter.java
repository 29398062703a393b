package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.netwright.engine.Shape;
import dev.netwright.engine.loss.Loss;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.layer.OutputLayer;
import dev.netwright.onnx.ImportGraph.Built;
import dev.netwright.onnx.ImportGraph.Node;
import dev.netwright.onnx.ImportGraph.Refused;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX model (from PyTorch, Keras via tf2onnx, or Netwright's own {@link OnnxExporter}) back into an
 * editable design with its weights: the inverse of the export, op by op ({@link OpImporters}, table in
 * {@link #supportedOps()} and docs/graph-format.md).
 * <ul>
 *   <li>The one graph input becomes the Input node with the per-sample shape (the batch axis dropped); the one graph
 *       output becomes an Output node whose loss is the model's own ({@code netwright.loss} metadata) or chosen from
 *       the last layer (see {@link #chooseLoss}).</li>
 *   <li>Node ids come from the ONNX node names (a layer's path such as {@code /c1/Conv} → {@code c1}), sanitized and
 *       unique; nodes are laid out left to right by depth ({@link dev.netwright.graph.GraphLayout}).</li>
 *   <li>Weights are converted to the layers' own layouts ({@code <id>.weight}, ...), ready for
 *       {@link dev.netwright.graph.Network#load}.</li>
 *   <li>Nodes only the data path's side computations need (Shape, ConstantOfShape of an initial state, ...) are read,
 *       not imported; ops with no Netwright layer make the import fail with every such op listed.</li>
 * </ul>
 */
public final class OnnxImporter {
    /**
     * An imported design.
     *
     * @param graph      the design, valid for {@link GraphAnalyzer}
     * @param parameters trainable weights named {@code <nodeId>.<param>} as {@code Network.parameters()} names them
     * @param buffers    running statistics named like the parameters
     * @param notes      what the import changed or chose, in words (left-out input scaling, Dropout, the loss)
     */
    public record ImportedGraph(GraphSpec graph, Map<String, float[]> parameters, Map<String, float[]> buffers, List<String> notes) {
    }

    /** Inputs that only carry shapes or states the editor's layers fix themselves: not followed as data. */
    private static final Map<String, Set<Integer>> SIDE_INPUTS = Map.ofEntries(
            Map.entry("Reshape", Set.of(1)), Map.entry("Squeeze", Set.of(1)), Map.entry("Unsqueeze", Set.of(1)),
            Map.entry("LSTM", Set.of(4, 5, 6, 7)), Map.entry("GRU", Set.of(4, 5)), Map.entry("RNN", Set.of(4, 5)),
            Map.entry("Slice", Set.of(1, 2, 3, 4)), Map.entry("ReduceMean", Set.of(1)), Map.entry("ReduceMax", Set.of(1)),
            Map.entry("Dropout", Set.of(1, 2)), Map.entry("Expand", Set.of(1)), Map.entry("Tile", Set.of(1)),
            Map.entry("Pad", Set.of(1, 2, 3)), Map.entry("Resize", Set.of(1, 2, 3)), Map.entry("Upsample", Set.of(1)),
            Map.entry("ConstantOfShape", Set.of(0)), Map.entry("Split", Set.of(1)), Map.entry("TopK", Set.of(1)));

    private OnnxImporter() {
    }

    /** ONNX op (or pattern) → the Netwright layer it becomes, with its conditions. */
    public static Map<String, String> supportedOps() {
        return OpImporters.MAPPING;
    }

    /**
     * Imports a serialized ONNX model.
     *
     * @throws OnnxImportException when the bytes are no ONNX model, or when ops have no Netwright layer (each listed
     *                             with its node name)
     */
    public static ImportedGraph importModel(byte[] onnx) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException("Not an ONNX model (" + onnx.length + " bytes): " + e.getMessage(), e);
        }
        if (!model.hasGraph() || model.getGraph().getOutputCount() == 0) {
            throw new OnnxImportException("Not an ONNX model (" + onnx.length + " bytes): it has no graph with an output", null);
        }
        try {
            return importGraph(model);
        } catch (OnnxImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new OnnxImportException("Cannot import the ONNX model (it may be damaged): " + e, e);
        }
    }

    private static ImportedGraph importGraph(ModelProto model) {
        GraphProto graph = model.getGraph();
        long opset = model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).findFirst()
                .orElseThrow(() -> new OnnxImportException("Not an ONNX model: it imports no opset of the default domain", null));
        ImportGraph g = new ImportGraph(graph, opset);
        try {
            declareInput(g, graph);
        } catch (Refused e) {
            throw new OnnxImportException(List.of(e.getMessage()));
        }
        if (graph.getOutputCount() != 1) {
            g.problems.add("the model has " + graph.getOutputCount() + " outputs; a design has one Output");
        }
        String outputName = graph.getOutput(0).getName();
        for (NodeProto n : dataPath(g, outputName)) g.convert(n);

        // an Identity writing the graph output is our exporter's Output layer: keep its name as the Output's id
        NodeProto last = g.producer(outputName);
        String outputBase = "output", lastValue = outputName;
        if (last != null && last.getOpType().equals("Identity") && last.getInputCount() == 1) {
            outputBase = ImportGraph.idBase(last, "output");
            lastValue = last.getInput(0);
        }
        Node y = null;
        try {
            y = g.materialize(g.value(lastValue));
        } catch (Refused e) {
            g.problems.add("the graph output '" + outputName + "' " + e.getMessage());
        } catch (ImportGraph.Propagated e) {
            // reported where it failed
        }
        if (!g.problems.isEmpty()) throw new OnnxImportException(g.problems);

        if (!g.preprocessing.isEmpty()) {
            String scaling = metadata(model, "netwright.preprocessing");
            g.note("The input scaling in front of the network (" + String.join(", ", g.preprocessing) + ") was left out: the "
                    + "imported graph takes scaled samples; choose the input scaling in the training form"
                    + (scaling == null || scaling.equals("none") ? "." : " (this model was trained with '" + scaling + "')."));
        }
        Loss loss = chooseLoss(g, y, metadata(model, "netwright.loss"));
        String name = graph.getName();
        if (name.isBlank() || Set.of("main_graph", "torch_jit", "torch-jit-export").contains(name)) name = "Imported model";
        GraphSpec spec = g.toSpec(name, g.uniqueId(outputBase), loss.id(), y);
        check(spec, g);
        return new ImportedGraph(spec, Collections.unmodifiableMap(g.parameters), Collections.unmodifiableMap(g.buffers), List.copyOf(g.notes));
    }

    /** The Input node: the one graph input that is not an initializer, float32 [N, ...fixed per-sample dims]. */
    private static void declareInput(ImportGraph g, GraphProto graph) {
        List<ValueInfoProto> inputs = graph.getInputList().stream().filter(v -> !g.isInitializer(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new Refused("the model has " + inputs.size() + " inputs " + inputs.stream().map(ValueInfoProto::getName).toList()
                    + "; a design has one Input");
        }
        ValueInfoProto in = inputs.getFirst();
        String name = in.getName();
        if (!in.getType().hasTensorType() || !in.getType().getTensorType().hasShape()) {
            throw new Refused("the input '" + name + "' has no tensor shape; the editor needs the per-sample shape");
        }
        int type = in.getType().getTensorType().getElemType();
        if (type != TensorProto.DataType.FLOAT_VALUE) {
            g.note("The input '" + name + "' is " + TensorProto.DataType.forNumber(type) + "; the editor's Input takes float32 values.");
        }
        List<TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
        if (dims.size() < 2) {
            throw new Refused("the input '" + name + "' has rank " + dims.size() + "; the editor needs a batch axis and at least one "
                    + "axis per sample");
        }
        if (dims.getFirst().hasDimValue()) {
            g.note("The model fixes the batch size to " + dims.getFirst().getDimValue() + "; the imported graph takes any batch size.");
        }
        int[] shape = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0) {
                throw new Refused("the input '" + name + "' has axis " + i + " of size '" + (d.hasDimParam() ? d.getDimParam() : "?")
                        + "'; the editor needs a fixed size for every axis but the batch");
            }
            shape[i - 1] = Math.toIntExact(d.getDimValue());
        }
        g.input(name, Shape.of(shape));
    }

    /**
     * The nodes the output depends on through data inputs (not through {@link #SIDE_INPUTS}), inputs before their
     * users; found with an explicit stack so that deep models do not exhaust the thread's stack.
     */
    private static List<NodeProto> dataPath(ImportGraph g, String output) {
        List<NodeProto> order = new ArrayList<>();
        Map<NodeProto, Boolean> state = new IdentityHashMap<>(); // false: on the stack, true: done
        Deque<NodeProto> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        NodeProto root = g.producer(output);
        if (root == null) return order;
        stack.push(root);
        next.push(0);
        state.put(root, false);
        while (!stack.isEmpty()) {
            NodeProto n = stack.peek();
            int i = next.pop();
            Set<Integer> side = SIDE_INPUTS.getOrDefault(n.getOpType(), Set.of());
            while (i < n.getInputCount() && (side.contains(i) || g.producer(n.getInput(i)) == null
                    || state.get(g.producer(n.getInput(i))) == Boolean.TRUE)) {
                i++;
            }
            if (i == n.getInputCount()) {
                stack.pop();
                state.put(n, true);
                order.add(n);
                continue;
            }
            next.push(i + 1);
            NodeProto p = g.producer(n.getInput(i));
            if (state.containsKey(p)) throw new OnnxImportException(List.of(ImportGraph.describe(p) + " is on a cycle"));
            state.put(p, false);
            stack.push(p);
            next.push(0);
        }
        return order;
    }

    /**
     * The Output's loss: the one the model was trained with when Netwright exported it; otherwise from the last layer.
     * A final Softmax is kept, so the imported network predicts what the model does (the same probabilities), and the
     * loss is {@code bce} on those probabilities (class labels one-hot encoded) since {@code cross_entropy} expects
     * logits; a note says to delete the Softmax for {@code cross_entropy}. Sigmoid → {@code bce}, LogSoftmax →
     * {@code nll}; anything else → {@code mse}, with a note.
     */
    static Loss chooseLoss(ImportGraph g, Node y, String declared) {
        if (declared != null) {
            try {
                return compatible(Loss.parse(declared), y);
            } catch (IllegalArgumentException e) {
                // unknown or not fitting: choose below
            }
        }
        Built b = g.built(y);
        String act = b == null ? "" : switch (b.type) {
            case "Softmax", "Sigmoid", "LogSoftmax" -> b.type.toLowerCase(java.util.Locale.ROOT);
            default -> String.valueOf(b.params.getOrDefault("activation", ""));
        };
        try {
            switch (act) {
                case "softmax" -> {
                    Loss l = compatible(Loss.BINARY_CROSS_ENTROPY, y);
                    g.note("The model ends with a Softmax, kept so that predictions equal the original's probabilities; the Output "
                            + "trains them with bce (class labels one-hot). For cross_entropy, which expects logits, delete the Softmax.");
                    return l;
                }
                case "sigmoid" -> {
                    return compatible(Loss.BINARY_CROSS_ENTROPY, y);
                }
                case "logsoftmax", "log_softmax" -> {
                    return compatible(Loss.NLL, y);
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through to mse
        }
        g.note("The model does not say how it was trained: the Output uses mse; choose cross_entropy if its outputs are class logits.");
        return Loss.MSE;
    }

    private static Loss compatible(Loss loss, Node y) {
        new OutputLayer(loss).outputShape(List.of(y.shape()));
        return loss;
    }

    private static String metadata(ModelProto model, String key) {
        return model.getMetadataPropsList().stream().filter(p -> p.getKey().equals(key)).map(StringStringEntryProto::getValue)
                .findFirst().orElse(null);
    }

    /** The design must be valid and every layer must have exactly its weights; anything else is a bug of the importer. */
    private static void check(GraphSpec spec, ImportGraph g) {
        GraphAnalysis a = GraphAnalyzer.analyze(spec);
        if (!a.isValid()) {
            throw new OnnxImportException(a.errors().stream().map(p -> "node " + p.nodeId() + ": " + p.message()).toList());
        }
        Map<String, Long> given = new LinkedHashMap<>();
        g.parameters.forEach((k, v) -> given.merge(k.substring(0, k.lastIndexOf('.')), (long) v.length, Long::sum));
        for (var e : a.parameterCounts().entrySet()) {
            if (e.getValue().longValue() != given.getOrDefault(e.getKey(), 0L)) {
                throw new IllegalStateException("Imported node " + e.getKey() + " needs " + e.getValue() + " weights, got "
                        + given.getOrDefault(e.getKey(), 0L));
            }
        }
    }
}
