package dev.netwright.serving;

import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.InvalidProtocolBufferException;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that bytes are an ONNX model this server can serve, and reads its {@link ModelSignature}. The checks, in
 * order, each failing with an {@link InvalidModelException} that says what is wrong:
 * <ol>
 *   <li>the bytes parse as an ONNX {@code ModelProto} with an IR version and a graph ("not an ONNX model: ...");</li>
 *   <li>the IR version is one ONNX Runtime reads ({@value #MIN_IR_VERSION} to {@value #MAX_IR_VERSION});</li>
 *   <li>every imported opset is one ONNX Runtime implements ({@link #OPSETS}; a domain of the model's own functions
 *       is fine), and the default domain is imported;</li>
 *   <li>at least one input (initializers aside) and one output, the inputs all tensors, at least one output a tensor;</li>
 *   <li>ONNX Runtime creates a session from it (its message is passed on).</li>
 * </ol>
 * The limits are those of ONNX Runtime 1.24 (its own checks refuse IR version 14, ai.onnx opset 26 and ai.onnx.ml
 * opset 6; {@code OnnxModelsTest} keeps them in step when ONNX Runtime is upgraded).
 */
public final class OnnxModels {
    public static final long MIN_IR_VERSION = 3;
    public static final long MAX_IR_VERSION = 13;
    /** Opset versions ONNX Runtime implements, {@code {lowest, highest}} by domain. */
    public static final Map<String, long[]> OPSETS = orderedOpsets();

    /** Leading bytes of files people upload by mistake, and what they are. */
    private static final Map<String, String> MAGIC = Map.of(
            "89504e47", "a PNG image", "ffd8ff", "a JPEG image", "47494638", "a GIF image",
            "504b0304", "a zip archive (a PyTorch .pt/.pth checkpoint is one: export it with torch.onnx.export)",
            "1f8b", "a gzip file", "25504446", "a PDF document", "894844460d0a1a0a", "an HDF5 file (a Keras .h5 model?)");
    /** ONNX Runtime's source location in front of its messages: {@code /onnxruntime_src/...cc:181 onnxruntime::Model::Model(...) }. */
    private static final Pattern ORT_LOCATION = Pattern.compile("^/\\S+\\.(?:cc|h|cpp):\\d+ .*?\\) (?=\\S)");
    private static final Pattern ORT_CODE = Pattern.compile("^Error code - \\w+ - message: ");

    private OnnxModels() {
    }

    private static Map<String, long[]> orderedOpsets() {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put(ModelSignature.DEFAULT_DOMAIN, new long[]{7, 25});
        m.put("ai.onnx.ml", new long[]{1, 5});
        m.put("com.microsoft", new long[]{1, 1});
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Runs every check (see the class comment) and returns the model's signature. */
    public static ModelSignature inspect(byte[] bytes) {
        ModelProto model = parse(bytes);
        ModelSignature signature = check(model);
        checkLoads(bytes);
        return signature;
    }

    /** Parses the bytes; refuses what is not a ModelProto with an IR version and a graph. */
    public static ModelProto parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw new InvalidModelException("not an ONNX model: the file is empty");
        String known = sniff(bytes);
        if (known != null) throw new InvalidModelException("not an ONNX model: the file is " + known);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidModelException("not an ONNX model: " + e.getMessage(), e);
        }
        if (!model.hasIrVersion() || model.getIrVersion() == 0) {
            throw new InvalidModelException("not an ONNX model: it has no IR version (ir_version)");
        }
        if (!model.hasGraph()) throw new InvalidModelException("not an ONNX model: it has no graph");
        return model;
    }

    /** The checks on the parsed model (IR version, opsets, inputs and outputs); returns its signature. */
    public static ModelSignature check(ModelProto model) {
        long ir = model.getIrVersion();
        if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
            throw new InvalidModelException("IR version " + ir + " is not supported: ONNX Runtime " + ortVersion()
                    + " reads IR versions " + MIN_IR_VERSION + " to " + MAX_IR_VERSION);
        }
        Set<String> functionDomains = new HashSet<>();
        for (FunctionProto f : model.getFunctionsList()) functionDomains.add(ModelSignature.domain(f.getDomain()));
        boolean hasDefault = false;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            String domain = ModelSignature.domain(o.getDomain());
            hasDefault |= domain.equals(ModelSignature.DEFAULT_DOMAIN);
            long[] range = OPSETS.get(domain);
            if (range == null) {
                if (functionDomains.contains(domain)) continue;
                throw new InvalidModelException("opset domain '" + domain + "' (version " + o.getVersion() + ") is not supported: ONNX Runtime "
                        + ortVersion() + " implements " + describeOpsets());
            }
            if (o.getVersion() < range[0] || o.getVersion() > range[1]) {
                throw new InvalidModelException("opset " + domain + " " + o.getVersion() + " is not supported: ONNX Runtime " + ortVersion()
                        + " implements " + domain + " opsets " + range[0] + " to " + range[1]);
            }
        }
        if (!hasDefault) {
            throw new InvalidModelException("the model imports no opset of the default domain (ai.onnx); its imports are "
                    + model.getOpsetImportList().stream().map(o -> ModelSignature.domain(o.getDomain()) + " " + o.getVersion()).toList());
        }
        ModelSignature s = ModelSignature.of(model);
        if (s.inputs().isEmpty()) throw new InvalidModelException("the model has no inputs (besides its initializers)");
        if (s.outputs().isEmpty()) throw new InvalidModelException("the model has no outputs");
        for (ModelSignature.TensorSpec in : s.inputs()) {
            if (!in.tensor()) {
                throw new InvalidModelException("input '" + in.name() + "' is a " + in.elementType() + "; only tensor inputs can be fed");
            }
            if (in.elementType().equals("undefined")) throw new InvalidModelException("input '" + in.name() + "' has no element type");
        }
        if (s.outputs().stream().noneMatch(ModelSignature.TensorSpec::tensor)) {
            throw new InvalidModelException("the model has no tensor output; its outputs are "
                    + s.outputs().stream().map(o -> o.name() + ": " + o.elementType()).toList());
        }
        return s;
    }

    /** Creates (and closes) an ONNX Runtime session; refuses the model with ONNX Runtime's message if that fails. */
    public static void checkLoads(byte[] bytes) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession ignored = env.createSession(bytes, options)) {
            // loaded: nothing else to check
        } catch (OrtException e) {
            throw new InvalidModelException("ONNX Runtime " + ortVersion() + " cannot load the model: " + ortMessage(e), e);
        }
    }

    /** ONNX Runtime's message without the error-code prefix and its C++ source location. */
    static String ortMessage(OrtException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        m = ORT_CODE.matcher(m).replaceFirst("");
        return ORT_LOCATION.matcher(m).replaceFirst("");
    }

    private static String describeOpsets() {
        List<String> parts = OPSETS.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + (e.getValue()[1] > e.getValue()[0] ? " to " + e.getValue()[1] : "")).toList();
        return String.join(", ", parts);
    }

    private static String sniff(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) hex.append(String.format("%02x", bytes[i]));
        for (var e : MAGIC.entrySet()) {
            if (hex.toString().startsWith(e.getKey())) return e.getValue();
        }
        return null;
    }

    private static String ortVersion() {
        try {
            return OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
