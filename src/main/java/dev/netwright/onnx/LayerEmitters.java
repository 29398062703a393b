package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.netwright.engine.backend.UnaryOp;
import dev.netwright.engine.nn.Activation;
import dev.netwright.graph.layer.ActivationLayer;
import dev.netwright.graph.layer.DenseLayer;
import dev.netwright.graph.layer.DropoutLayer;
import dev.netwright.graph.layer.FlattenLayer;
import dev.netwright.graph.layer.InputLayer;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.OutputLayer;

import java.util.ArrayList;
import java.util.List;

import static dev.netwright.onnx.OnnxGraph.attr;

/**
 * One emitter per layer type, named after the ONNX op it writes. The switches over {@link LayerSpec} and
 * {@link Activation.Kind} have no default branch: a new layer type or activation without an emitter does
 * not compile. This file is the single layer → ONNX op table; {@link OnnxMapping} reads it for the docs.
 */
final class LayerEmitters {
    private LayerEmitters() {
    }

    /**
     * Emits {@code layer}'s nodes reading the values {@code inputs}; returns the value holding its result
     * (the input itself for a layer that emits nothing).
     */
    static String emit(LayerSpec layer, LayerScope s, List<String> inputs) {
        return switch (layer) {
            case InputLayer _ -> throw new IllegalArgumentException("Input emits no node: it becomes the graph input '"
                    + OnnxExporter.INPUT_NAME + "'");
            case DenseLayer d -> dense(d, s, single(inputs));
            case ActivationLayer a -> activation(a.kind(), a.alpha(), s, single(inputs));
            case DropoutLayer _ -> single(inputs); // identity at inference: no node
            case FlattenLayer _ -> flatten(s, single(inputs));
            case OutputLayer _ -> identity(s, single(inputs));
        };
    }

    /** Dense: Gemm(x, W, b; transB=1) since W is [out, in], then its activation unless identity. */
    static String dense(DenseLayer d, LayerScope s, String x) {
        List<String> in = new ArrayList<>(List.of(x, s.parameter("weight")));
        if (d.bias()) in.add(s.parameter("bias"));
        String y = gemm(s, in);
        if (d.activation() == Activation.Kind.IDENTITY) return y;
        // DenseLayer applies its activation with the default alpha (leaky slope 0.01, ELU alpha 1, softplus beta 1)
        return activation(d.activation(), Activation.defaultAlpha(d.activation()), s, y);
    }

    /**
     * The activation table. {@code alpha} is the LeakyReLU slope, the ELU alpha or the Softplus beta, as in
     * {@link Activation}; other kinds ignore it.
     */
    static String activation(Activation.Kind kind, float alpha, LayerScope s, String x) {
        return switch (kind) {
            case IDENTITY -> identity(s, x);
            case SIGMOID -> s.op("Sigmoid", x);
            case TANH -> s.op("Tanh", x);
            case RELU -> s.op("Relu", x);
            case LEAKY_RELU -> s.op("LeakyRelu", x, attr("alpha", alpha));
            case ELU -> s.op("Elu", x, attr("alpha", alpha));
            case SELU -> s.op("Selu", x, attr("alpha", (float) UnaryOp.SELU_ALPHA), attr("gamma", (float) UnaryOp.SELU_LAMBDA));
            case SOFTPLUS -> softplus(s, x, alpha);
            case SOFTSIGN -> s.op("Softsign", x);
            case SOFTMAX -> s.op("Softmax", x, attr("axis", -1L));
            case LOG_SOFTMAX -> s.op("LogSoftmax", x, attr("axis", -1L));
            case STEP -> step(s, x);
        };
    }

    static String gemm(LayerScope s, List<String> inputs) {
        return s.op("Gemm", inputs, attr("transB", 1L));
    }

    static String flatten(LayerScope s, String x) {
        return s.op("Flatten", x, attr("axis", 1L));
    }

    static String identity(LayerScope s, String x) {
        return s.op("Identity", x);
    }

    /** ONNX Softplus has no beta: log(1 + exp(beta x)) / beta = Softplus(x * beta) / beta. */
    static String softplus(LayerScope s, String x, float beta) {
        if (beta == 1f) return s.op("Softplus", x);
        String b = s.constant("beta", beta);
        String y = s.op("Softplus", s.op("Mul", List.of(x, b)));
        return s.op("Div", List.of(y, b));
    }

    /** Heaviside step, 1 where x >= 0 (as the engine): Cast(GreaterOrEqual(x, 0), to=FLOAT). */
    static String step(LayerScope s, String x) {
        String ge = s.op("GreaterOrEqual", List.of(x, s.constant("zero", 0f)));
        return s.op("Cast", ge, attr("to", (long) TensorProto.DataType.FLOAT_VALUE));
    }

    private static String single(List<String> inputs) {
        if (inputs.size() != 1) throw new IllegalArgumentException("Expected 1 input value, got " + inputs);
        return inputs.getFirst();
    }
}
