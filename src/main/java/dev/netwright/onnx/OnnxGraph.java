package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.autograd.NoGrad;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The ONNX graph under construction: unique value and node names, initializers taken from the network's
 * parameters, and the proto helpers the emitters share. A graph without parameters is a dry run: it
 * names initializers without storing them (used by {@link OnnxMapping}).
 */
final class OnnxGraph {
    private final Map<String, Tensor> parameters;
    private final GraphProto.Builder proto = GraphProto.newBuilder();
    private final Set<String> valueNames = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();
    private final Set<String> initialized = new HashSet<>();

    /** {@code parameters}: {@code <nodeId>.<param>} → tensor, or {@code null} for a dry run. */
    OnnxGraph(Map<String, Tensor> parameters) {
        this.parameters = parameters;
    }

    GraphProto.Builder proto() {
        return proto;
    }

    /** Starts the nodes of one layer; see {@link LayerScope}. {@code inputShapes}: per-sample, or null when unknown. */
    LayerScope layer(String nodeId, List<Shape> inputShapes) {
        return new LayerScope(this, nodeId, inputShapes);
    }

    LayerScope layer(String nodeId) {
        return layer(nodeId, null);
    }

    /** Claims a value name: {@code base}, or {@code base_1}, {@code base_2}, ... if taken. */
    String uniqueValue(String base) {
        return unique(valueNames, base);
    }

    String uniqueNode(String base) {
        return unique(nodeNames, base);
    }

    private static String unique(Set<String> taken, String base) {
        String name = base;
        for (int i = 1; !taken.add(name); i++) name = base + "_" + i;
        return name;
    }

    /** The initializer holding parameter {@code name} ({@code <nodeId>.<param>}); added on first use. */
    String parameter(String name) {
        if (initialized.add(name) && parameters != null) {
            Tensor t = parameters.get(name);
            if (t == null) throw new IllegalStateException("The network has no parameter " + name + ". Known: " + parameters.keySet());
            proto.addInitializer(floatTensor(name, t.shape(), t.toArray()));
        }
        return name;
    }

    /** The network's tensor {@code name} (a parameter or buffer); only called on a real export. */
    Tensor tensor(String name) {
        if (parameters == null) throw new IllegalStateException("A dry run has no tensor " + name);
        Tensor t = parameters.get(name);
        if (t == null) throw new IllegalStateException("The network has no parameter " + name + ". Known: " + parameters.keySet());
        return t;
    }

    /**
     * An initializer computed at export from the network's tensors (a normalized or reordered weight), named
     * {@code base} or {@code base_1}, ...; {@code compute} is not called in a dry run.
     */
    String derived(String base, Supplier<Tensor> compute) {
        String name = uniqueValue(base);
        if (parameters != null) {
            Tensor t;
            try (var ignored = NoGrad.enter()) {
                t = compute.get();
            }
            proto.addInitializer(floatTensor(name, t.shape(), t.toArray()));
        }
        return name;
    }

    void add(NodeProto node) {
        proto.addNode(node);
    }

    /** Records a value's type for viewers such as Netron: float32 [N, ...perSample]. */
    void valueInfo(String name, Shape perSample) {
        proto.addValueInfo(batchedFloat(name, perSample));
    }

    // ***** proto helpers *****

    /** A float32 tensor with little-endian {@code raw_data}, as the ONNX spec requires. */
    static TensorProto floatTensor(String name, Shape shape, float[] data) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("Tensor " + name + " has " + data.length + " values but shape " + shape + " needs " + shape.size());
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (int d : shape.toArray()) t.addDims(d);
        return t.build();
    }

    /** A value of type float32 [N, ...perSample], N being the symbolic batch dimension. */
    static ValueInfoProto batchedFloat(String name, Shape perSample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(OnnxExporter.BATCH_DIM));
        for (int d : perSample.toArray()) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** An int64 tensor with little-endian {@code raw_data} (shapes and axes for Reshape, Squeeze). */
    static TensorProto longTensor(String name, long[] data) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(data);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE).addDims(data.length)
                .setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    static AttributeProto attr(String name, int[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) a.addInts(v);
        return a.build();
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto attr(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value).build();
    }

    /** Op types of the nodes emitted so far, in order. */
    List<String> opTypes() {
        List<String> ops = new ArrayList<>();
        for (NodeProto n : proto.getNodeList()) ops.add(n.getOpType());
        return ops;
    }
}
