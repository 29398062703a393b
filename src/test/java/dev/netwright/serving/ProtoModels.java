package dev.netwright.serving;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small hand-built ONNX models for the registry and serving tests, and the shared PyTorch samples. */
public final class ProtoModels {
    private ProtoModels() {
    }

    /** The PyTorch samples folder: {@code netwright.onnx.samples.dir}, default {@code ../shared/onnx-samples}. */
    public static Path samplesDir() {
        return Path.of(System.getProperty("netwright.onnx.samples.dir", "../shared/onnx-samples"));
    }

    public static byte[] sample(String file) {
        try {
            return Files.readAllBytes(samplesDir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tensor value info; a {@code String} dimension is symbolic, a {@code Number} fixed. */
    public static ValueInfoProto tensor(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof Number n ? TensorShapeProto.Dimension.newBuilder().setDimValue(n.longValue())
                    : TensorShapeProto.Dimension.newBuilder().setDimParam((String) d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
                .build();
    }

    public static NodeProto node(String op, String out, String... in) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op + "_" + out).addOutput(out);
        for (String i : in) n.addInput(i);
        return n.build();
    }

    /** IR 8, opset 17, producer "test". */
    public static ModelProto model(GraphProto.Builder graph) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test").setProducerVersion("1")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph.setName("g")).build();
    }

    /**
     * Two inputs, {@code ids} int64 [batch, 3] and {@code scale} float32 [1]; outputs {@code y} = float(ids) · scale
     * (float32 [batch, 3]) and {@code positive} = y > 0 (bool).
     */
    public static ModelProto twoInputs() {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(tensor("ids", TensorProto.DataType.INT64_VALUE, "batch", 3))
                .addInput(tensor("scale", TensorProto.DataType.FLOAT_VALUE, 1))
                .addNode(NodeProto.newBuilder(node("Cast", "f", "ids")).addAttribute(
                        ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("to").setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.INT)
                                .setI(TensorProto.DataType.FLOAT_VALUE)))
                .addNode(node("Mul", "y", "f", "scale"))
                .addInitializer(TensorProto.newBuilder().setName("zero").setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(0))
                .addNode(node("Greater", "positive", "y", "zero"))
                .addOutput(tensor("y", TensorProto.DataType.FLOAT_VALUE, "batch", 3))
                .addOutput(tensor("positive", TensorProto.DataType.BOOL_VALUE, "batch", 3));
        return model(g);
    }

    /** A model whose node ONNX Runtime has no kernel for (op {@code NoSuchOp} in the default domain). */
    public static ModelProto unknownOp() {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(tensor("x", TensorProto.DataType.FLOAT_VALUE, "batch", 2))
                .addNode(node("NoSuchOp", "y", "x"))
                .addOutput(tensor("y", TensorProto.DataType.FLOAT_VALUE, "batch", 2));
        return model(g);
    }
}
