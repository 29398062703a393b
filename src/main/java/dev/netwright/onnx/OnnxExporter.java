package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.netwright.engine.Tensor;
import dev.netwright.data.Normalization;
import dev.netwright.engine.Shape;
import dev.netwright.graph.Network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Network} with its current weights as an ONNX model for inference.
 * <ul>
 *   <li>default-domain opset {@link ExportOptions#opset()} ({@value #OPSET} unless chosen, 13 to 21; a layer whose op
 *       needs a later opset is refused, see {@link OpsetRules}), the IR version released with it (IR {@value #IR_VERSION}
 *       for opset 17), producer {@value #PRODUCER} with the Netwright version;</li>
 *   <li>one input {@value #INPUT_NAME} float32 [N, ...inputShape] and one output {@value #OUTPUT_NAME}
 *       float32 [N, ...outputShape], N being the symbolic batch dimension {@value #BATCH_DIM};</li>
 *   <li>parameters and buffers become float32 initializers with little-endian {@code raw_data}, named like
 *       {@link Network#parameters()} ({@code dense1.weight}, {@code dense1.bias}, {@code bn1.running_mean}); weights
 *       the ONNX op wants in another form are computed at export under new names ({@code wn.weight} = g·v/‖v‖,
 *       {@code lstm.W} with ONNX's gate order);</li>
 *   <li>node names are the canvas's node ids (see {@code LayerScope}); inference mode, so Dropout emits nothing;</li>
 *   <li>the input scaling in front of the network ({@code Mul} + {@code Add}) unless
 *       {@link ExportOptions#foldPreprocessing()} is false;</li>
 *   <li>{@code metadata_props}: {@value #META_VERSION}, {@value #META_GRAPH}, {@value #META_MODEL_VERSION_ID} and
 *       {@value #META_RUN_ID} (when known), {@value #META_CLASSES} (a JSON array, when the data set names its classes),
 *       {@value #META_LOSS}, {@value #META_PREPROCESSING} (the scaling's name or {@code none}) and, with a scaling,
 *       {@value #META_PREPROCESSING_CONSTANTS} (JSON: scaling, featureSize, groups, blockSize, offset, scale and the
 *       formula) and {@value #META_PREPROCESSING_FOLDED}.</li>
 * </ul>
 */
public final class OnnxExporter {
    /** ONNX IR version 8 (ONNX 1.10–1.13), the one released with opset 17. */
    public static final long IR_VERSION = 8;
    public static final long OPSET = ExportOptions.DEFAULT_OPSET;
    public static final String PRODUCER = "netwright";
    public static final String INPUT_NAME = "input";
    public static final String OUTPUT_NAME = "output";
    public static final String BATCH_DIM = "N";

    public static final String META_VERSION = "netwright.version";
    public static final String META_GRAPH = "netwright.graph";
    public static final String META_MODEL_VERSION_ID = "netwright.model_version_id";
    public static final String META_RUN_ID = "netwright.run_id";
    /** Read back by the model registry's signature ({@code classLabels}). */
    public static final String META_CLASSES = "netwright.classes";
    public static final String META_LOSS = "netwright.loss";
    public static final String META_PREPROCESSING = "netwright.preprocessing";
    public static final String META_PREPROCESSING_CONSTANTS = "netwright.preprocessing.constants";
    public static final String META_PREPROCESSING_FOLDED = "netwright.preprocessing.folded";

    private OnnxExporter() {
    }

    /** The serialized {@code ModelProto}; {@code modelName} becomes the graph name. */
    public static byte[] export(Network net, String modelName) {
        return export(net, ExportOptions.defaults().withGraphName(modelName));
    }

    /**
     * As {@link #export(Network, String)}, with the input scaling the network was trained with built in front of it
     * ({@code input · scale + shift}, per value), so the model takes raw samples; {@code normalization} may be null.
     */
    public static byte[] export(Network net, String modelName, Normalization normalization) {
        return export(net, ExportOptions.defaults().withGraphName(modelName).withNormalization(normalization));
    }

    /**
     * The serialized {@code ModelProto} written with {@code options}.
     *
     * @throws UnsupportedOpsetException when a layer's op does not exist at {@code options.opset()}
     */
    public static byte[] export(Network net, ExportOptions options) {
        return toModelProto(net, options).toByteArray();
    }

    public static ModelProto toModelProto(Network net, String modelName) {
        return toModelProto(net, ExportOptions.defaults().withGraphName(modelName));
    }

    public static ModelProto toModelProto(Network net, String modelName, Normalization normalization) {
        return toModelProto(net, ExportOptions.defaults().withGraphName(modelName).withNormalization(normalization));
    }

    public static ModelProto toModelProto(Network net, ExportOptions options) {
        Normalization normalization = options.normalization();
        Map<String, Tensor> tensors = new LinkedHashMap<>(net.parameters());
        tensors.putAll(net.buffers());
        OnnxGraph g = new OnnxGraph(tensors);
        g.uniqueValue(INPUT_NAME);
        g.uniqueValue(OUTPUT_NAME);
        tensors.keySet().forEach(g::uniqueValue);

        Map<String, String> valueOf = new HashMap<>();
        valueOf.put(net.inputId(), options.foldsScaling() ? preprocess(g, net.inputShape(), normalization) : INPUT_NAME);
        List<UnsupportedOpsetException.Violation> violations = new ArrayList<>();
        for (Network.Step step : net.steps()) {
            boolean isOutput = step.nodeId().equals(net.outputId());
            String valueName = isOutput ? OUTPUT_NAME : g.uniqueValue(step.nodeId());
            List<String> inputs = step.inputs().stream().map(valueOf::get).toList();
            LayerScope scope = g.layer(step.nodeId(), step.inputShapes());
            int firstNode = g.proto().getNodeCount();
            String result = scope.finish(LayerEmitters.emit(step.layer(), scope, inputs), valueName);
            if (isOutput && !result.equals(OUTPUT_NAME)) {
                throw new IllegalStateException("The Output layer " + step.nodeId() + " emitted no node writing '" + OUTPUT_NAME + "'");
            }
            checkOpset(net, step.nodeId(), g, firstNode, options.opset(), violations);
            if (!isOutput && result.equals(valueName)) g.valueInfo(valueName, step.outputShape());
            valueOf.put(step.nodeId(), result);
        }
        if (!violations.isEmpty()) throw new UnsupportedOpsetException(options.opset(), violations);

        String name = options.graphName() == null || options.graphName().isBlank() ? net.spec().name() : options.graphName();
        name = name == null || name.isBlank() ? PRODUCER : name;
        GraphProto graph = g.proto()
                .setName(name)
                .addInput(OnnxGraph.batchedFloat(INPUT_NAME, net.inputShape()))
                .addOutput(OnnxGraph.batchedFloat(OUTPUT_NAME, net.outputShape()))
                .build();
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(OpsetRules.irVersion(options.opset()))
                .setProducerName(PRODUCER)
                .setProducerVersion(netwrightVersion())
                .setDomain("dev.netwright")
                .setModelVersion(options.modelVersionId() == null ? 1 : options.modelVersionId())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_VERSION, netwrightVersion());
        meta.put(META_GRAPH, name);
        if (options.modelVersionId() != null) meta.put(META_MODEL_VERSION_ID, options.modelVersionId().toString());
        if (options.runId() != null) meta.put(META_RUN_ID, options.runId().toString());
        if (!options.classLabels().isEmpty()) meta.put(META_CLASSES, Json.strings(options.classLabels()));
        meta.put(META_LOSS, net.loss().id());
        meta.put(META_PREPROCESSING, normalization == null ? "none" : normalization.scaling().name().toLowerCase(Locale.ROOT));
        if (normalization != null) {
            meta.put(META_PREPROCESSING_CONSTANTS, Json.normalization(normalization));
            meta.put(META_PREPROCESSING_FOLDED, Boolean.toString(options.foldPreprocessing()));
        }
        meta.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.setGraph(graph).build();
    }

    /** Adds a violation for every node of layer {@code nodeId} (from index {@code firstNode} on) whose op needs a later opset. */
    private static void checkOpset(Network net, String nodeId, OnnxGraph g, int firstNode, int opset,
                                   List<UnsupportedOpsetException.Violation> violations) {
        String type = net.spec().node(nodeId).map(n -> n.type()).orElse("?");
        for (int i = firstNode; i < g.proto().getNodeCount(); i++) {
            String op = g.proto().getNode(i).getOpType();
            int since = OpsetRules.since(op);
            if (since > opset && violations.stream().noneMatch(v -> v.nodeId().equals(nodeId) && v.op().equals(op))) {
                violations.add(new UnsupportedOpsetException.Violation(nodeId, type, op, since));
            }
        }
    }

    /**
     * Nodes computing {@code x · scale + shift} with per-value constants equal to the normalization's
     * {@code (x − offset) · scale}; the constants are read off the normalization by applying it to a sample of zeros
     * (giving {@code shift = −offset · scale}) and one of ones (giving {@code scale + shift}).
     */
    private static String preprocess(OnnxGraph g, Shape sample, Normalization normalization) {
        int f = sample.size();
        float[] probe = new float[2 * f];
        java.util.Arrays.fill(probe, f, 2 * f, 1f);
        normalization.apply(probe, 2);
        float[] shift = java.util.Arrays.copyOf(probe, f);
        float[] scale = new float[f];
        for (int i = 0; i < f; i++) scale[i] = probe[f + i] - shift[i];
        String scaleName = g.uniqueValue("preprocess.scale");
        String shiftName = g.uniqueValue("preprocess.shift");
        g.proto().addInitializer(OnnxGraph.floatTensor(scaleName, sample, scale));
        g.proto().addInitializer(OnnxGraph.floatTensor(shiftName, sample, shift));
        LayerScope scope = g.layer("preprocess", List.of(sample));
        String scaled = scope.op("Mul", List.of(INPUT_NAME, scaleName));
        String result = scope.op("Add", List.of(scaled, shiftName));
        return scope.finish(result, g.uniqueValue("preprocessed"));
    }

    /**
     * The Netwright version, from {@code netwright-version.properties} (Maven fills in the pom's version when it copies
     * the resources); {@code dev} when the file is missing or unfiltered.
     */
    public static String netwrightVersion() {
        return Version.VALUE;
    }

    private static final class Version {
        static final String VALUE = read();

        private static String read() {
            try (java.io.InputStream in = OnnxExporter.class.getResourceAsStream("/netwright-version.properties")) {
                if (in == null) return "dev";
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                String v = p.getProperty("version", "").strip();
                return v.isEmpty() || v.startsWith("${") ? "dev" : v;
            } catch (java.io.IOException e) {
                return "dev";
            }
        }
    }
}
