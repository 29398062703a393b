package dev.netwright.serving;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The upload checks of {@link OnnxModels} and the signature they read. */
class OnnxModelsTest {
    static ModelProto mlp() throws Exception {
        assumeTrue(Files.exists(ProtoModels.samplesDir().resolve("mlp.onnx")), "no ONNX samples in " + ProtoModels.samplesDir().toAbsolutePath());
        return ModelProto.parseFrom(ProtoModels.sample("mlp.onnx"));
    }

    static String refused(byte[] bytes) {
        return assertThrows(InvalidModelException.class, () -> OnnxModels.inspect(bytes)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "lstm", "resbn", "selu_mlp"})
    void readsThePyTorchSamplesSignatures(String sample) throws Exception {
        mlp();
        ModelSignature s = OnnxModels.inspect(ProtoModels.sample(sample + ".onnx"));
        assertEquals(1, s.inputs().size());
        ModelSignature.TensorSpec in = s.inputs().getFirst();
        assertEquals("input", in.name());
        assertEquals("float32", in.elementType());
        assertEquals(-1L, in.shape().getFirst(), "dynamic batch");
        assertTrue(in.shape().stream().skip(1).allMatch(d -> d > 0), in.describeShape());
        assertEquals("output", s.outputs().getFirst().name());
        assertEquals(17, s.opset());
        assertTrue(s.producer().startsWith("pytorch"), s.producer());
        assertNull(s.classLabels());
    }

    @Test
    void mlpSignatureInDetail() throws Exception {
        ModelSignature s = OnnxModels.inspect(mlp().toByteArray());
        ModelSignature.TensorSpec in = s.input("input");
        assertEquals(List.of(-1L, 4L), in.shape());
        assertEquals(Arrays.asList("batch", null), in.dimNames());
        assertEquals("[batch, 4]", in.describeShape());
        assertEquals("[batch, 3]", s.outputs().getFirst().describeShape());
        assertEquals(8, s.irVersion());
        assertEquals(17L, s.opsets().get("ai.onnx"));
    }

    @Test
    void whatIsNoModelIsRefusedAsSuch() throws Exception {
        byte[] mlp = mlp().toByteArray();
        assertEquals("not an ONNX model: the file is empty", refused(new byte[0]));
        assertTrue(refused(Arrays.copyOf(mlp, mlp.length / 2)).startsWith("not an ONNX model: While parsing a protocol message, the input ended unexpectedly"));
        assertTrue(refused(Arrays.copyOf(mlp, mlp.length - 3)).startsWith("not an ONNX model: "));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertEquals("not an ONNX model: the file is a PNG image", refused(png));
        assertTrue(refused("just some text, no protobuf".getBytes()).startsWith("not an ONNX model: "));
        // protobuf that parses but carries nothing of a model
        assertEquals("not an ONNX model: it has no IR version (ir_version)", refused(new byte[]{0x10, 0x01}));
        assertEquals("not an ONNX model: it has no graph", refused(ModelProto.newBuilder().setIrVersion(8).build().toByteArray()));
    }

    @Test
    void irVersionMustBeOneOnnxRuntimeReads() throws Exception {
        ModelProto m = mlp();
        assertEquals("IR version 14 is not supported: ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion()
                + " reads IR versions 3 to 13", refused(m.toBuilder().setIrVersion(14).build().toByteArray()));
        assertTrue(refused(m.toBuilder().setIrVersion(2).build().toByteArray()).startsWith("IR version 2 is not supported"));
        OnnxModels.inspect(m.toBuilder().setIrVersion(OnnxModels.MAX_IR_VERSION).build().toByteArray());
    }

    @Test
    void opsetsMustBeOnesOnnxRuntimeImplements() throws Exception {
        ModelProto m = mlp();
        String tooNew = refused(withOpset(m, "", 26).toByteArray());
        assertTrue(tooNew.startsWith("opset ai.onnx 26 is not supported: ONNX Runtime"), tooNew);
        assertTrue(tooNew.endsWith("implements ai.onnx opsets 7 to 25"), tooNew);
        assertTrue(refused(withOpset(m, "", 6).toByteArray()).startsWith("opset ai.onnx 6 is not supported"));
        ModelProto ml = m.toBuilder().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(6)).build();
        assertTrue(refused(ml.toByteArray()).startsWith("opset ai.onnx.ml 6 is not supported"));
        ModelProto acme = m.toBuilder().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.acme").setVersion(1)).build();
        assertEquals("opset domain 'com.acme' (version 1) is not supported: ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion()
                + " implements ai.onnx 7 to 25, ai.onnx.ml 1 to 5, com.microsoft 1", refused(acme.toByteArray()));
        ModelProto none = m.toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3)).build();
        assertTrue(refused(none.toByteArray()).startsWith("the model imports no opset of the default domain (ai.onnx)"));
        OnnxModels.inspect(withOpset(m, "", 25).toByteArray());
    }

    /** The limits are ONNX Runtime's own: it loads the highest versions we accept and refuses the next ones. */
    @Test
    void limitsMatchOnnxRuntime() throws Exception {
        ModelProto m = mlp();
        long[] ai = OnnxModels.OPSETS.get("ai.onnx");
        long[] ml = OnnxModels.OPSETS.get("ai.onnx.ml");
        assertTrue(ortLoads(m.toBuilder().setIrVersion(OnnxModels.MAX_IR_VERSION).build()));
        assertFalse(ortLoads(m.toBuilder().setIrVersion(OnnxModels.MAX_IR_VERSION + 1).build()));
        assertTrue(ortLoads(withOpset(m, "", ai[1])));
        assertFalse(ortLoads(withOpset(m, "", ai[1] + 1)));
        assertTrue(ortLoads(m.toBuilder().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(ml[1])).build()));
        assertFalse(ortLoads(m.toBuilder().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(ml[1] + 1)).build()));
    }

    @Test
    void needsTensorInputsAndOutputs() {
        ModelProto noInputs = ProtoModels.model(GraphProto.newBuilder()
                .addInitializer(TensorProto.newBuilder().setName("c").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(1).addFloatData(1))
                .addInput(ProtoModels.tensor("c", TensorProto.DataType.FLOAT_VALUE, 1))
                .addNode(ProtoModels.node("Identity", "y", "c"))
                .addOutput(ProtoModels.tensor("y", TensorProto.DataType.FLOAT_VALUE, 1)));
        assertEquals("the model has no inputs (besides its initializers)", refused(noInputs.toByteArray()));

        ValueInfoProto sequence = ValueInfoProto.newBuilder().setName("s").setType(TypeProto.newBuilder().setSequenceType(
                TypeProto.Sequence.newBuilder().setElemType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))))).build();
        ModelProto seqIn = ProtoModels.model(GraphProto.newBuilder().addInput(sequence)
                .addNode(ProtoModels.node("SequenceLength", "n", "s"))
                .addOutput(ProtoModels.tensor("n", TensorProto.DataType.INT64_VALUE)));
        assertEquals("input 's' is a sequence<tensor<float32>>; only tensor inputs can be fed", refused(seqIn.toByteArray()));

        ModelProto noOutputs = ProtoModels.model(GraphProto.newBuilder()
                .addInput(ProtoModels.tensor("x", TensorProto.DataType.FLOAT_VALUE, 2)));
        assertEquals("the model has no outputs", refused(noOutputs.toByteArray()));
    }

    @Test
    void onnxRuntimeRefusalIsPassedOnWithoutItsSourceLocation() {
        String m = refused(ProtoModels.unknownOp().toByteArray());
        assertTrue(m.startsWith("ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion() + " cannot load the model: "), m);
        assertTrue(m.contains("NoSuchOp"), m);
        assertFalse(m.contains("onnxruntime_src"), m);
        assertFalse(m.contains("Error code"), m);
    }

    @Test
    void classLabelsFromMetadata() throws Exception {
        ModelProto m = mlp().toBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("classes").setValue("[\"setosa\", \"versicolor\", \"virginica\"]")).build();
        assertEquals(List.of("setosa", "versicolor", "virginica"), OnnxModels.inspect(m.toByteArray()).classLabels());
        ModelProto csv = mlp().toBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("labels").setValue("a, b,c")).build();
        assertEquals(List.of("a", "b", "c"), ModelSignature.of(csv).classLabels());
    }

    @Test
    void twoInputModelSignature() {
        ModelSignature s = OnnxModels.inspect(ProtoModels.twoInputs().toByteArray());
        assertEquals(List.of("ids", "scale"), s.inputs().stream().map(ModelSignature.TensorSpec::name).toList());
        assertEquals("int64", s.input("ids").elementType());
        assertEquals(List.of("y", "positive"), s.outputs().stream().map(ModelSignature.TensorSpec::name).toList());
        assertEquals("bool", s.outputs().get(1).elementType());
        assertEquals("test 1", s.producer());
    }

    static ModelProto withOpset(ModelProto m, String domain, long version) {
        ModelProto.Builder b = m.toBuilder().clearOpsetImport();
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            b.addOpsetImport(o.getDomain().equals(domain) ? o.toBuilder().setVersion(version).build() : o);
        }
        return b.build();
    }

    static boolean ortLoads(ModelProto m) {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = OrtEnvironment.getEnvironment().createSession(m.toByteArray(), o)) {
            return s.getNumInputs() > 0;
        } catch (OrtException e) {
            return false;
        }
    }
}
