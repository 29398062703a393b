package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.netwright.engine.Tensor;
import dev.netwright.data.Normalization;
import dev.netwright.engine.Shape;
import dev.netwright.graph.Network;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Network} with its current weights as an ONNX model for inference.
 * <ul>
 *   <li>IR version {@value #IR_VERSION}, default-domain opset {@value #OPSET}, producer {@value #PRODUCER};</li>
 *   <li>one input {@value #INPUT_NAME} float32 [N, ...inputShape] and one output {@value #OUTPUT_NAME}
 *       float32 [N, ...outputShape], N being the symbolic batch dimension {@value #BATCH_DIM};</li>
 *   <li>parameters and buffers become float32 initializers with little-endian {@code raw_data}, named like
 *       {@link Network#parameters()} ({@code dense1.weight}, {@code dense1.bias}, {@code bn1.running_mean}); weights
 *       the ONNX op wants in another form are computed at export under new names ({@code wn.weight} = g·v/‖v‖,
 *       {@code lstm.W} with ONNX's gate order);</li>
 *   <li>node names are the canvas's node ids (see {@code LayerScope}); inference mode, so Dropout emits nothing.</li>
 * </ul>
 */
public final class OnnxExporter {
    /** ONNX IR version 8 (ONNX 1.10–1.12), the one released with opset 17. */
    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;
    public static final String PRODUCER = "netwright";
    public static final String INPUT_NAME = "input";
    public static final String OUTPUT_NAME = "output";
    public static final String BATCH_DIM = "N";

    private OnnxExporter() {
    }

    /** The serialized {@code ModelProto}; {@code modelName} becomes the graph name. */
    public static byte[] export(Network net, String modelName) {
        return toModelProto(net, modelName, null).toByteArray();
    }

    /**
     * As {@link #export(Network, String)}, with the input scaling the network was trained with built in front of it
     * ({@code input · scale + shift}, per value), so the model takes raw samples; {@code normalization} may be null.
     */
    public static byte[] export(Network net, String modelName, Normalization normalization) {
        return toModelProto(net, modelName, normalization).toByteArray();
    }

    public static ModelProto toModelProto(Network net, String modelName) {
        return toModelProto(net, modelName, null);
    }

    public static ModelProto toModelProto(Network net, String modelName, Normalization normalization) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(net.parameters());
        tensors.putAll(net.buffers());
        OnnxGraph g = new OnnxGraph(tensors);
        g.uniqueValue(INPUT_NAME);
        g.uniqueValue(OUTPUT_NAME);
        tensors.keySet().forEach(g::uniqueValue);

        Map<String, String> valueOf = new HashMap<>();
        valueOf.put(net.inputId(), normalization == null ? INPUT_NAME : preprocess(g, net.inputShape(), normalization));
        for (Network.Step step : net.steps()) {
            boolean isOutput = step.nodeId().equals(net.outputId());
            String valueName = isOutput ? OUTPUT_NAME : g.uniqueValue(step.nodeId());
            List<String> inputs = step.inputs().stream().map(valueOf::get).toList();
            LayerScope scope = g.layer(step.nodeId(), step.inputShapes());
            String result = scope.finish(LayerEmitters.emit(step.layer(), scope, inputs), valueName);
            if (isOutput && !result.equals(OUTPUT_NAME)) {
                throw new IllegalStateException("The Output layer " + step.nodeId() + " emitted no node writing '" + OUTPUT_NAME + "'");
            }
            if (!isOutput && result.equals(valueName)) g.valueInfo(valueName, step.outputShape());
            valueOf.put(step.nodeId(), result);
        }

        String name = modelName == null || modelName.isBlank() ? net.spec().name() : modelName;
        GraphProto graph = g.proto()
                .setName(name == null || name.isBlank() ? PRODUCER : name)
                .addInput(OnnxGraph.batchedFloat(INPUT_NAME, net.inputShape()))
                .addOutput(OnnxGraph.batchedFloat(OUTPUT_NAME, net.outputShape()))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(PRODUCER)
                .setProducerVersion(producerVersion())
                .setDomain("dev.netwright")
                .setModelVersion(1)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("netwright.loss").setValue(net.loss().id()))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("netwright.preprocessing")
                        .setValue(normalization == null ? "none" : normalization.scaling().name().toLowerCase(java.util.Locale.ROOT)))
                .setGraph(graph)
                .build();
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

    private static String producerVersion() {
        String v = OnnxExporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
