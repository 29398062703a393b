package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The nodes one layer emits. Naming, so that Netron shows the canvas's ids: a layer that emits one op
 * names its node after the layer ({@code dense1}); a layer of several ops suffixes each with its op type
 * ({@code dense1/Gemm}, {@code dense1/Tanh}). The layer's last op writes the layer's value (named after the
 * layer too, or {@code output} for the Output layer).
 */
final class LayerScope {
    private final OnnxGraph graph;
    private final String nodeId;
    private final List<Shape> inputShapes;
    private final List<NodeProto.Builder> nodes = new ArrayList<>();

    LayerScope(OnnxGraph graph, String nodeId, List<Shape> inputShapes) {
        this.graph = graph;
        this.nodeId = nodeId;
        this.inputShapes = inputShapes;
    }

    /** The per-sample shape arriving at input {@code i} (for pads of "same" convolutions, ranks). */
    Shape inputShape(int i) {
        if (inputShapes == null || i >= inputShapes.size()) {
            throw new IllegalStateException("Layer " + nodeId + ": its emitter needs the input shapes, which this scope lacks");
        }
        return inputShapes.get(i);
    }

    /** This layer's tensor {@code param} (parameter or buffer); call it only inside a {@link #derived} computation. */
    Tensor value(String param) {
        return graph.tensor(nodeId + "." + param);
    }

    /** An initializer {@code <nodeId>.<name>} computed from this layer's tensors at export (see {@link OnnxGraph#derived}). */
    String derived(String name, Supplier<Tensor> compute) {
        return graph.derived(nodeId + "." + name, compute);
    }

    /** A 1-D int64 tensor made by a {@code Constant} node named {@code <nodeId>/<name>}; returns its value name. */
    String ints(String name, long... values) {
        String out = graph.uniqueValue(nodeId + "/" + name);
        nodes.add(NodeProto.newBuilder().setOpType("Constant").setName(graph.uniqueNode(out)).addOutput(out)
                .addAttribute(OnnxGraph.attr("value", OnnxGraph.longTensor(out, values))));
        return out;
    }

    /**
     * Adds one node of {@code opType} with several outputs, named {@code <nodeId>/<opType>/<output>}; a null output
     * name leaves that optional output unused (""). Returns the value names, "" for unused ones.
     */
    List<String> ops(String opType, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        String base = graph.uniqueValue(nodeId + "/" + opType);
        List<String> names = new ArrayList<>();
        for (String o : outputs) names.add(o == null ? "" : graph.uniqueValue(base + "/" + o));
        nodes.add(NodeProto.newBuilder().setOpType(opType).setName(base).addAllInput(inputs).addAllOutput(names)
                .addAllAttribute(Arrays.asList(attributes)));
        return names;
    }

    /** The initializer of this layer's parameter {@code param}, named {@code <nodeId>.<param>}. */
    String parameter(String param) {
        return graph.parameter(nodeId + "." + param);
    }

    /** A float scalar made by a {@code Constant} node named {@code <nodeId>/<name>}; returns its value name. */
    String constant(String name, float value) {
        String out = graph.uniqueValue(nodeId + "/" + name);
        nodes.add(NodeProto.newBuilder().setOpType("Constant").setName(graph.uniqueNode(out)).addOutput(out)
                .addAttribute(OnnxGraph.attr("value", OnnxGraph.floatTensor(out, Shape.scalar(), new float[]{value}))));
        return out;
    }

    /** Adds one node of {@code opType} (the ONNX name, verbatim); returns the name of its single output. */
    String op(String opType, List<String> inputs, AttributeProto... attributes) {
        String out = graph.uniqueValue(nodeId + "/" + opType);
        nodes.add(NodeProto.newBuilder().setOpType(opType).setName(out).addAllInput(inputs).addOutput(out)
                .addAllAttribute(Arrays.asList(attributes)));
        return out;
    }

    String op(String opType, String input, AttributeProto... attributes) {
        return op(opType, List.of(input), attributes);
    }

    /**
     * Names the nodes, adds them to the graph and returns the value holding the layer's output:
     * {@code valueName}, or {@code result} unchanged when the layer emitted no node (Dropout).
     */
    String finish(String result, String valueName) {
        List<NodeProto.Builder> ops = nodes.stream().filter(n -> !n.getOpType().equals("Constant")).toList();
        if (ops.isEmpty()) return result;
        NodeProto.Builder last = ops.getLast();
        if (!last.getOutput(0).equals(result)) {
            throw new IllegalStateException("Layer " + nodeId + ": the last op must produce the layer's result, got " + result);
        }
        last.setOutput(0, valueName);
        for (NodeProto.Builder n : nodes) {
            if (ops.size() == 1 && n == last) n.setName(graph.uniqueNode(nodeId));
            else if (n.getOpType().equals("Constant")) continue;
            else n.setName(graph.uniqueNode(n.getName()));
        }
        nodes.forEach(n -> graph.add(n.build()));
        return valueName;
    }
}
