package dev.netwright.onnx;

import dev.netwright.data.Normalization;

import java.util.List;

/**
 * How {@link OnnxExporter} writes a network. {@link #defaults()} is the export a finished run gets: opset
 * {@value #DEFAULT_OPSET}, input scaling folded into the graph.
 *
 * @param graphName         the ONNX graph's name; null or blank: the design's name
 * @param normalization     the input scaling the network was trained with; null: none
 * @param opset             the default-domain (ai.onnx) opset, {@value #MIN_OPSET} to {@value #MAX_OPSET}; a layer whose op
 *                          needs a later one is refused ({@link UnsupportedOpsetException})
 * @param foldPreprocessing true: the scaling is {@code Mul} + {@code Add} nodes in front of the network, so the model
 *                          takes raw samples; false: left out (the model takes scaled samples), its constants are only
 *                          in the metadata ({@code netwright.preprocessing.constants})
 * @param modelVersionId    the design's model version, written to the metadata; may be null
 * @param runId             the run that trained the weights, written to the metadata; may be null
 * @param classLabels       class names in output order (metadata {@code netwright.classes}); empty: none
 */
public record ExportOptions(String graphName, Normalization normalization, int opset, boolean foldPreprocessing,
                           Long modelVersionId, Long runId, List<String> classLabels) {
    public static final int MIN_OPSET = 13;
    public static final int MAX_OPSET = 21;
    public static final int DEFAULT_OPSET = 17;

    public ExportOptions {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("opset must be in " + MIN_OPSET + ".." + MAX_OPSET + ". Received: opset=" + opset);
        }
        classLabels = classLabels == null ? List.of() : List.copyOf(classLabels);
    }

    /** Opset {@value #DEFAULT_OPSET}, no scaling, scaling folded when there is one, no ids, no labels. */
    public static ExportOptions defaults() {
        return new ExportOptions(null, null, DEFAULT_OPSET, true, null, null, List.of());
    }

    public ExportOptions withGraphName(String name) {
        return new ExportOptions(name, normalization, opset, foldPreprocessing, modelVersionId, runId, classLabels);
    }

    public ExportOptions withNormalization(Normalization n) {
        return new ExportOptions(graphName, n, opset, foldPreprocessing, modelVersionId, runId, classLabels);
    }

    public ExportOptions withOpset(int o) {
        return new ExportOptions(graphName, normalization, o, foldPreprocessing, modelVersionId, runId, classLabels);
    }

    public ExportOptions withFoldPreprocessing(boolean fold) {
        return new ExportOptions(graphName, normalization, opset, fold, modelVersionId, runId, classLabels);
    }

    /** The model version and run the weights come from (either may be null). */
    public ExportOptions withIds(Long versionId, Long run) {
        return new ExportOptions(graphName, normalization, opset, foldPreprocessing, versionId, run, classLabels);
    }

    public ExportOptions withClassLabels(List<String> labels) {
        return new ExportOptions(graphName, normalization, opset, foldPreprocessing, modelVersionId, runId, labels);
    }

    /** True when the scaling is written as nodes of the graph. */
    boolean foldsScaling() {
        return foldPreprocessing && normalization != null;
    }
}
