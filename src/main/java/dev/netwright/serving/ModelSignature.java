package dev.netwright.serving;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a caller needs to know to call an ONNX model, read from its {@code ModelProto}: the graph's inputs (without
 * initializers) and outputs with element type and shape, the opsets it imports, who produced it and, when the model
 * says, its class labels.
 *
 * @param inputs      the inputs a prediction must feed, in graph order
 * @param outputs     the outputs, in graph order
 * @param opset       the default-domain ({@code ai.onnx}) opset; 0 when the model imports none
 * @param opsets      every imported opset by domain ({@code ai.onnx} for the default domain)
 * @param irVersion   the ONNX IR version
 * @param producer    producer name and version, e.g. {@code pytorch 1.13.0}; null when the model does not say
 * @param graphName   the graph's name
 * @param classLabels class names in output order when the model states them (metadata {@code classes},
 *                    {@code class_labels} or {@code labels}; ai.onnx.ml classifiers' {@code classlabels_*}); else null
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs, long opset, Map<String, Long> opsets,
                             long irVersion, String producer, String graphName, List<String> classLabels) {
    public static final String DEFAULT_DOMAIN = "ai.onnx";
    private static final com.fasterxml.jackson.databind.ObjectMapper LABELS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final List<String> LABEL_KEYS = List.of("classes", "class_labels", "labels", "netwright.classes");

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        opsets = Map.copyOf(opsets);
        classLabels = classLabels == null ? null : List.copyOf(classLabels);
    }

    /**
     * One input or output.
     *
     * @param name        its name in the graph
     * @param elementType {@code float32}, {@code int64}, ... for tensors; for other values a description such as
     *                    {@code sequence<map<int64, float32>>}
     * @param shape       one entry per dimension, -1 where the size is not fixed; null when the rank is unknown (or the
     *                    value is not a tensor)
     * @param dimNames    per dimension the symbolic name ({@code batch}) of a dynamic dimension, else null; null with
     *                    {@code shape}
     */
    public record TensorSpec(String name, String elementType, List<Long> shape, List<String> dimNames) {
        public TensorSpec {
            shape = shape == null ? null : List.copyOf(shape);
            dimNames = dimNames == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(dimNames));
        }

        /** Whether this is a tensor (rather than a sequence, map, ...). */
        public boolean tensor() {
            return !elementType.contains("<");
        }

        /** The shape as users read it: {@code [batch, 1, 28, 28]}; {@code ?} for an unnamed dynamic dimension. */
        public String describeShape() {
            if (shape == null) return "any shape";
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < shape.size(); i++) {
                long d = shape.get(i);
                String n = dimNames.get(i);
                parts.add(d >= 0 ? Long.toString(d) : n == null || n.isEmpty() ? "?" : n);
            }
            return "[" + String.join(", ", parts) + "]";
        }
    }

    /** The element types {@link ModelSignature.TensorSpec#elementType()} names, by ONNX {@code TensorProto.DataType}. */
    private static final String[] ELEMENT_TYPES = {"undefined", "float32", "uint8", "int8", "uint16", "int16", "int32",
            "int64", "string", "bool", "float16", "float64", "uint32", "uint64", "complex64", "complex128", "bfloat16",
            "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz", "uint4", "int4", "float4e2m1", "float8e8m0"};

    /** The signature of a parsed model. Reads only; {@link OnnxModels#inspect} checks that the model can be served. */
    public static ModelSignature of(ModelProto model) {
        GraphProto g = model.getGraph();
        Set<String> initializers = new HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        g.getSparseInitializerList().forEach(t -> initializers.add(t.getValues().getName()));
        List<TensorSpec> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!initializers.contains(v.getName())) inputs.add(spec(v));
        }
        List<TensorSpec> outputs = g.getOutputList().stream().map(ModelSignature::spec).toList();
        Map<String, Long> opsets = new LinkedHashMap<>();
        for (OperatorSetIdProto o : model.getOpsetImportList()) opsets.put(domain(o.getDomain()), o.getVersion());
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        return new ModelSignature(inputs, outputs, opsets.getOrDefault(DEFAULT_DOMAIN, 0L), opsets, model.getIrVersion(),
                producer.isEmpty() ? null : producer, g.getName(), classLabels(model));
    }

    /** The input named {@code name}, or null. */
    public TensorSpec input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Checks a prediction's inputs against this signature: every input present and no other, tensors only, the rank,
     * every fixed dimension, the same size for a symbolic dimension wherever it appears, and as many values as the
     * shape has. Messages name what is expected and what came, e.g.
     * {@code input 'input' expects shape [batch, 1, 28, 28], got [2, 784]}.
     *
     * @throws IllegalArgumentException when an input does not fit
     */
    public void checkInputs(Map<String, InputTensor> given) {
        List<String> expected = inputs.stream().map(TensorSpec::name).toList();
        for (String name : given.keySet()) {
            if (input(name) == null) {
                throw new IllegalArgumentException("unknown input '" + name + "'; the model's inputs are " + quoted(expected));
            }
        }
        List<String> missing = expected.stream().filter(n -> !given.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing input" + (missing.size() > 1 ? "s " : " ") + quoted(missing)
                    + "; the model's inputs are " + quoted(expected));
        }
        Map<String, Long> symbols = new HashMap<>();
        Map<String, String> symbolSource = new HashMap<>();
        for (TensorSpec spec : inputs) {
            InputTensor x = given.get(spec.name());
            long[] shape = x.shape();
            if (!spec.tensor()) {
                throw new IllegalArgumentException("input '" + spec.name() + "' is a " + spec.elementType() + ", not a tensor; it cannot be fed from JSON");
            }
            if (spec.shape() != null) {
                boolean fits = shape.length == spec.shape().size();
                for (int i = 0; fits && i < shape.length; i++) {
                    long want = spec.shape().get(i);
                    if (want >= 0 && want != shape[i]) fits = false;
                }
                if (!fits) {
                    throw new IllegalArgumentException("input '" + spec.name() + "' expects shape " + spec.describeShape()
                            + ", got " + Arrays.toString(shape));
                }
                for (int i = 0; i < shape.length; i++) {
                    String symbol = spec.dimNames().get(i);
                    if (spec.shape().get(i) >= 0 || symbol == null || symbol.isEmpty()) continue;
                    Long seen = symbols.putIfAbsent(symbol, shape[i]);
                    if (seen == null) {
                        symbolSource.put(symbol, spec.name());
                    } else if (seen != shape[i]) {
                        throw new IllegalArgumentException("dimension '" + symbol + "' is " + seen + " in input '" + symbolSource.get(symbol)
                                + "' but " + shape[i] + " in input '" + spec.name() + "' " + Arrays.toString(shape));
                    }
                }
            }
            long n = 1;
            for (long d : shape) n *= d;
            if (n != x.data().length) {
                throw new IllegalArgumentException("input '" + spec.name() + "' has shape " + Arrays.toString(shape) + ", which holds "
                        + n + " values; got " + x.data().length);
            }
        }
    }

    private static TensorSpec spec(ValueInfoProto v) {
        TypeProto t = v.getType();
        if (t.getValueCase() != TypeProto.ValueCase.TENSOR_TYPE) return new TensorSpec(v.getName(), describe(t), null, null);
        TypeProto.Tensor tensor = t.getTensorType();
        if (!tensor.hasShape()) return new TensorSpec(v.getName(), elementType(tensor.getElemType()), null, null);
        List<Long> shape = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (TensorShapeProto.Dimension d : tensor.getShape().getDimList()) {
            boolean fixed = d.hasDimValue() && d.getDimValue() >= 0;
            shape.add(fixed ? d.getDimValue() : -1L);
            names.add(!fixed && d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : null);
        }
        return new TensorSpec(v.getName(), elementType(tensor.getElemType()), shape, names);
    }

    /** A readable name for a non-tensor type: {@code sequence<map<int64, float32>>}. */
    static String describe(TypeProto t) {
        return switch (t.getValueCase()) {
            case TENSOR_TYPE -> "tensor<" + elementType(t.getTensorType().getElemType()) + ">";
            case SEQUENCE_TYPE -> "sequence<" + describe(t.getSequenceType().getElemType()) + ">";
            case MAP_TYPE -> "map<" + elementType(t.getMapType().getKeyType()) + ", " + describe(t.getMapType().getValueType()) + ">";
            case OPTIONAL_TYPE -> "optional<" + describe(t.getOptionalType().getElemType()) + ">";
            case SPARSE_TENSOR_TYPE -> "sparse_tensor<" + elementType(t.getSparseTensorType().getElemType()) + ">";
            case OPAQUE_TYPE -> "opaque<" + t.getOpaqueType().getDomain() + "." + t.getOpaqueType().getName() + ">";
            case VALUE_NOT_SET -> "<no type>";
        };
    }

    static String elementType(int code) {
        return code >= 0 && code < ELEMENT_TYPES.length ? ELEMENT_TYPES[code] : "type#" + code;
    }

    static String domain(String domain) {
        return domain.isEmpty() ? DEFAULT_DOMAIN : domain;
    }

    /** Class labels from metadata ({@code classes}: a JSON array or comma-separated) or an ai.onnx.ml classifier node. */
    private static List<String> classLabels(ModelProto model) {
        for (String key : LABEL_KEYS) {
            for (StringStringEntryProto e : model.getMetadataPropsList()) {
                if (e.getKey().equals(key) && !e.getValue().isBlank()) return parseLabels(e.getValue());
            }
        }
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (!n.getDomain().equals("ai.onnx.ml")) continue;
            for (AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals("classlabels_strings") && a.getStringsCount() > 0) {
                    return a.getStringsList().stream().map(b -> b.toStringUtf8()).toList();
                }
                if (a.getName().equals("classlabels_int64s") && a.getIntsCount() > 0) {
                    return a.getIntsList().stream().map(String::valueOf).toList();
                }
            }
        }
        return null;
    }

    /** {@code ["cat", "dog"]} or {@code cat, dog}. */
    static List<String> parseLabels(String value) {
        String v = value.trim();
        if (v.startsWith("[")) {
            try { // a JSON array, as Netwright's export writes it (names may hold commas and quotes)
                return List.of(LABELS_JSON.readValue(v, String[].class));
            } catch (java.io.IOException | RuntimeException e) {
                // not strict JSON: split it below
            }
        }
        if (v.startsWith("[") && v.endsWith("]")) v = v.substring(1, v.length() - 1);
        List<String> labels = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            String s = part.trim();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
            labels.add(s);
        }
        return labels;
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").toList().toString();
    }
}
