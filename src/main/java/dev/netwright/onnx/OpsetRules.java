package dev.netwright.onnx;

import java.util.Map;

import static java.util.Map.entry;

/**
 * Which default-domain opset each ONNX op needs in the form the emitters write it, and the IR version released with
 * each opset. The table is checked on every export ({@link OnnxExporter}): a layer whose op needs a later opset than
 * the one asked for is refused ({@link UnsupportedOpsetException}), and an op missing from the table is a bug
 * ({@code OnnxExportOptionsTest} runs every emitter against it).
 * <p>"The form they write" matters where ONNX changed an op's signature: {@code Squeeze} takes its axes as an input
 * from opset 13 (an attribute before), so it counts from 13. An emitter that must write another form at a later opset
 * would branch on the opset; none has to for 13 to 21 today.
 */
final class OpsetRules {
    /** op → the first opset with the form the emitters write. */
    private static final Map<String, Integer> SINCE = Map.ofEntries(
            entry("Add", 7), entry("Mul", 7), entry("Div", 7),
            entry("AveragePool", 7), // count_include_pad
            entry("BatchNormalization", 9), // per-channel statistics without the 'spatial' attribute
            entry("Cast", 6), entry("Concat", 4), entry("Constant", 1),
            entry("Conv", 1), entry("ConvTranspose", 1),
            entry("Elu", 6), entry("Flatten", 1), entry("Gather", 1),
            entry("Gemm", 11), // bias (C) optional, for Dense without bias
            entry("GlobalAveragePool", 1), entry("GlobalMaxPool", 1),
            entry("GreaterOrEqual", 12),
            entry("GRU", 7), entry("LSTM", 7), entry("RNN", 7),
            entry("Identity", 1),
            entry("LayerNormalization", 17),
            entry("LeakyRelu", 6),
            entry("LogSoftmax", 13), entry("Softmax", 13), // one axis, not 'flatten to 2-D from axis'
            entry("MaxPool", 1),
            entry("PRelu", 7), entry("Relu", 6), entry("Reshape", 5), entry("Selu", 6), entry("Sigmoid", 6),
            entry("Softplus", 1), entry("Softsign", 1), entry("Tanh", 6), entry("Transpose", 1),
            entry("Squeeze", 13), // axes as an input
            // not written by any emitter yet; the forms a new one would write
            entry("Unsqueeze", 13), entry("Split", 13), entry("ReduceSum", 13), // axes / split sizes as an input
            entry("ReduceMean", 18), entry("ReduceMax", 18), // axes as an input
            entry("GroupNormalization", 21)); // per-channel scale and bias (18 had per-group ones)

    private OpsetRules() {
    }

    /**
     * The first opset in which {@code op} exists as the emitters write it.
     *
     * @throws IllegalStateException for an op the table does not know: add it when adding an emitter
     */
    static int since(String op) {
        Integer v = SINCE.get(op);
        if (v == null) throw new IllegalStateException("OpsetRules has no entry for the ONNX op '" + op + "'; add its first opset");
        return v;
    }

    /** The IR version released with {@code opset} (ONNX 1.8: IR 7, opsets 13–14; 1.10: IR 8, 15–18; 1.14: IR 9, 19–20; 1.16: IR 10, 21). */
    static long irVersion(int opset) {
        if (opset <= 14) return 7;
        if (opset <= 18) return 8;
        if (opset <= 20) return 9;
        return 10;
    }
}
