package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.netwright.engine.NormOps;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.backend.UnaryOp;
import dev.netwright.engine.nn.Activation;
import dev.netwright.graph.layer.ActivationLayer;
import dev.netwright.graph.layer.AddLayer;
import dev.netwright.graph.layer.AlphaDropoutLayer;
import dev.netwright.graph.layer.AvgPool1DLayer;
import dev.netwright.graph.layer.AvgPool2DLayer;
import dev.netwright.graph.layer.BatchNormLayer;
import dev.netwright.graph.layer.ConcatLayer;
import dev.netwright.graph.layer.Conv1DLayer;
import dev.netwright.graph.layer.Conv2DLayer;
import dev.netwright.graph.layer.ConvTranspose2DLayer;
import dev.netwright.graph.layer.DenseLayer;
import dev.netwright.graph.layer.DropoutLayer;
import dev.netwright.graph.layer.EmbeddingLayer;
import dev.netwright.graph.layer.FlattenLayer;
import dev.netwright.graph.layer.GRULayer;
import dev.netwright.graph.layer.GaussianNoiseLayer;
import dev.netwright.graph.layer.GlobalAvgPool2DLayer;
import dev.netwright.graph.layer.GlobalMaxPool2DLayer;
import dev.netwright.graph.layer.InputLayer;
import dev.netwright.graph.layer.LSTMLayer;
import dev.netwright.graph.layer.LayerNormLayer;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.MaxPool1DLayer;
import dev.netwright.graph.layer.MaxPool2DLayer;
import dev.netwright.graph.layer.MultiplyLayer;
import dev.netwright.graph.layer.OutputLayer;
import dev.netwright.graph.layer.PReLULayer;
import dev.netwright.graph.layer.PerceptronLayer;
import dev.netwright.graph.layer.ReshapeLayer;
import dev.netwright.graph.layer.SimpleRNNLayer;
import dev.netwright.graph.layer.WeightNormDenseLayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.netwright.onnx.OnnxGraph.attr;

/**
 * One emitter per layer type, named after the ONNX op it writes. The switches over {@link LayerSpec} and
 * {@link Activation.Kind} have no default branch: a new layer type or activation without an emitter does
 * not compile. This file is the single layer → ONNX op table; {@link OnnxMapping} reads it for the docs.
 * Values are batched [N, ...per-sample shape], so per-sample axes shift by one.
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
            case PerceptronLayer p -> dense(p.asDense(), s, single(inputs));
            case ActivationLayer a -> activation(a.kind(), a.alpha(), s, single(inputs));
            case PReLULayer p -> prelu(p, s, single(inputs));
            case FlattenLayer _ -> flatten(s, single(inputs));
            case ReshapeLayer r -> reshape(r, s, single(inputs));
            case OutputLayer _ -> identity(s, single(inputs));
            case Conv1DLayer c -> conv1d(c, s, single(inputs));
            case Conv2DLayer c -> conv2d(c, s, single(inputs));
            case ConvTranspose2DLayer c -> convTranspose(c, s, single(inputs));
            case MaxPool1DLayer p -> maxPool(s, single(inputs), new int[]{p.kernel()}, new int[]{p.stride()}, new int[]{p.padding()});
            case MaxPool2DLayer p -> maxPool(s, single(inputs), p.kernel(), p.stride(), p.padding());
            case AvgPool1DLayer p -> averagePool(s, single(inputs), new int[]{p.kernel()}, new int[]{p.stride()}, new int[]{p.padding()});
            case AvgPool2DLayer p -> averagePool(s, single(inputs), p.kernel(), p.stride(), p.padding());
            case GlobalAvgPool2DLayer _ -> flatten(s, s.op("GlobalAveragePool", single(inputs)));
            case GlobalMaxPool2DLayer _ -> flatten(s, s.op("GlobalMaxPool", single(inputs)));
            case BatchNormLayer b -> batchNormalization(b, s, single(inputs));
            case LayerNormLayer l -> layerNormalization(l, s, single(inputs));
            case WeightNormDenseLayer w -> weightNormDense(w, s, single(inputs));
            // identity at inference: no node
            case DropoutLayer _, AlphaDropoutLayer _, GaussianNoiseLayer _ -> single(inputs);
            case EmbeddingLayer _ -> gather(s, single(inputs));
            case SimpleRNNLayer r -> recurrent("RNN", new int[]{0}, r.units(), r.returnSequences(), s, single(inputs));
            // PyTorch stacks the LSTM gates i, f, g, o and ONNX i, o, f, c
            case LSTMLayer l -> recurrent("LSTM", new int[]{0, 3, 1, 2}, l.units(), l.returnSequences(), s, single(inputs));
            // PyTorch stacks the GRU gates r, z, n and ONNX z, r, h
            case GRULayer g -> recurrent("GRU", new int[]{1, 0, 2}, g.units(), g.returnSequences(), s, single(inputs));
            case ConcatLayer c -> s.op("Concat", inputs, attr("axis", (long) c.batchAxis()));
            case AddLayer _ -> chain("Add", s, inputs);
            case MultiplyLayer _ -> chain("Mul", s, inputs);
        };
    }

    /** Dense: Gemm(x, W, b; transB=1) since W is [out, in], then its activation unless identity. */
    static String dense(DenseLayer d, LayerScope s, String x) {
        List<String> in = new ArrayList<>(List.of(x, s.parameter("weight")));
        if (d.bias()) in.add(s.parameter("bias"));
        return withActivation(d.activation(), s, gemm(s, in));
    }

    /** Weight-normalized Dense: W = g · v / ‖v‖ computed at export as the initializer {@code <node>.weight}, then Gemm. */
    static String weightNormDense(WeightNormDenseLayer d, LayerScope s, String x) {
        String w = s.derived("weight", () -> NormOps.weightNorm(s.value("weight_v"), s.value("weight_g")));
        List<String> in = new ArrayList<>(List.of(x, w));
        if (d.bias()) in.add(s.parameter("bias"));
        return withActivation(d.activation(), s, gemm(s, in));
    }

    /** A layer's built-in activation, applied with its default alpha (leaky slope 0.01, ELU alpha 1, softplus beta 1). */
    static String withActivation(Activation.Kind kind, LayerScope s, String y) {
        if (kind == Activation.Kind.IDENTITY) return y;
        return activation(kind, Activation.defaultAlpha(kind), s, y);
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

    /** Reshape to [0, ...shape]: 0 copies the batch dimension, the layer's -1 (if any) is inferred by ONNX too. */
    static String reshape(ReshapeLayer r, LayerScope s, String x) {
        long[] shape = new long[r.shape().length + 1];
        for (int i = 0; i < r.shape().length; i++) shape[i + 1] = r.shape()[i];
        return s.op("Reshape", List.of(x, s.ints("shape", shape)));
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

    /** PRelu: per-channel slopes [C] become [C, 1, ...] so they broadcast over the sample's trailing axes. */
    static String prelu(PReLULayer p, LayerScope s, String x) {
        Shape in = s.inputShape(0);
        String slope = s.parameter("weight");
        if (p.perChannel() && in.rank() > 1 && in.dim(0) > 1) {
            int[] d = new int[in.rank()];
            Arrays.fill(d, 1);
            d[0] = in.dim(0);
            slope = s.derived("slope", () -> s.value("weight").reshape(d));
        }
        return s.op("PRelu", List.of(x, slope));
    }

    // ***** convolution and pooling *****

    private static List<String> convInputs(LayerScope s, String x, boolean bias) {
        List<String> in = new ArrayList<>(List.of(x, s.parameter("weight")));
        if (bias) in.add(s.parameter("bias"));
        return in;
    }

    static String conv1d(Conv1DLayer c, LayerScope s, String x) {
        String y = s.op("Conv", convInputs(s, x, c.bias()), attr("kernel_shape", new int[]{c.kernel()}), attr("strides", new int[]{c.stride()}),
                attr("pads", c.pads(s.inputShape(0))), attr("dilations", new int[]{c.dilation()}), attr("group", (long) c.groups()));
        return withActivation(c.activation(), s, y);
    }

    /** Conv with explicit pads {top, left, bottom, right} (asymmetric for an even "same" window). */
    static String conv2d(Conv2DLayer c, LayerScope s, String x) {
        String y = s.op("Conv", convInputs(s, x, c.bias()), attr("kernel_shape", c.kernel()), attr("strides", c.stride()),
                attr("pads", c.pads(s.inputShape(0))), attr("dilations", c.dilation()), attr("group", (long) c.groups()));
        return withActivation(c.activation(), s, y);
    }

    static String convTranspose(ConvTranspose2DLayer c, LayerScope s, String x) {
        int[] p = c.padding();
        String y = s.op("ConvTranspose", convInputs(s, x, c.bias()), attr("kernel_shape", c.kernel()), attr("strides", c.stride()),
                attr("pads", new int[]{p[0], p[1], p[0], p[1]}), attr("output_padding", c.outputPadding()));
        return withActivation(c.activation(), s, y);
    }

    static String maxPool(LayerScope s, String x, int[] kernel, int[] stride, int[] padding) {
        return s.op("MaxPool", x, attr("kernel_shape", kernel), attr("strides", stride), attr("pads", symmetric(padding)));
    }

    /** AveragePool counting the padded zeros in the divisor, as the engine (and PyTorch) do. */
    static String averagePool(LayerScope s, String x, int[] kernel, int[] stride, int[] padding) {
        return s.op("AveragePool", x, attr("kernel_shape", kernel), attr("strides", stride), attr("pads", symmetric(padding)),
                attr("count_include_pad", 1L));
    }

    private static int[] symmetric(int[] p) {
        int[] pads = Arrays.copyOf(p, 2 * p.length);
        System.arraycopy(p, 0, pads, p.length, p.length);
        return pads;
    }

    // ***** normalization *****

    /** The inference form: the running statistics are initializers ({@code <node>.running_mean}, {@code .running_var}). */
    static String batchNormalization(BatchNormLayer b, LayerScope s, String x) {
        return s.op("BatchNormalization", List.of(x, s.parameter("weight"), s.parameter("bias"), s.parameter("running_mean"),
                s.parameter("running_var")), attr("epsilon", b.eps()));
    }

    /** LayerNormalization (opset 17) over the last {@code axes} axes. */
    static String layerNormalization(LayerNormLayer l, LayerScope s, String x) {
        return s.op("LayerNormalization", List.of(x, s.parameter("weight"), s.parameter("bias")),
                attr("axis", (long) -l.axes()), attr("epsilon", l.eps()));
    }

    // ***** embedding and recurrent *****

    /** The network's input is float: Cast the ids to int64, then Gather rows of the weight. */
    static String gather(LayerScope s, String x) {
        String ids = s.op("Cast", x, attr("to", (long) TensorProto.DataType.INT64_VALUE));
        return s.op("Gather", List.of(s.parameter("weight"), ids), attr("axis", 0L));
    }

    /**
     * RNN, LSTM or GRU (forward, zero initial state) on the batch-first sample: Transpose [N, T, F] → [T, N, F], the op
     * with W [1, G·H, F], R [1, G·H, H], B [1, 2·G·H] rebuilt from PyTorch's weights with the gate blocks in
     * ONNX's order ({@code order[k]} = the PyTorch block of ONNX gate k), then either every step
     * Y [T, 1, N, H] → Squeeze → Transpose → [N, T, H], or the last state Y_h [1, N, H] → Squeeze → [N, H].
     * The GRU uses linear_before_reset=1: r multiplies (W_hn h + b_hn), PyTorch's formulation.
     */
    static String recurrent(String op, int[] order, int hidden, boolean returnSequences, LayerScope s, String x) {
        String seqFirst = s.op("Transpose", x, attr("perm", new int[]{1, 0, 2}));
        String w = s.derived("W", () -> gates(s.value("weight_ih"), hidden, order).reshape(1, order.length * hidden, -1));
        String r = s.derived("R", () -> gates(s.value("weight_hh"), hidden, order).reshape(1, order.length * hidden, hidden));
        String b = s.derived("B", () -> Tensor.concat(0, List.of(gates(s.value("bias_ih"), hidden, order),
                gates(s.value("bias_hh"), hidden, order))).reshape(1, 2 * order.length * hidden));
        List<String> in = List.of(seqFirst, w, r, b);
        var hiddenSize = attr("hidden_size", (long) hidden);
        List<String> outs = returnSequences ? List.of("Y") : Arrays.asList(null, "Y_h");
        List<String> ys = op.equals("GRU") ? s.ops(op, in, outs, hiddenSize, attr("linear_before_reset", 1L)) : s.ops(op, in, outs, hiddenSize);
        if (!returnSequences) return s.op("Squeeze", List.of(ys.get(1), s.ints("axes", 0)));
        String y = s.op("Squeeze", List.of(ys.getFirst(), s.ints("axes", 1)));
        return s.op("Transpose", y, attr("perm", new int[]{1, 0, 2}));
    }

    /** The gate blocks of {@code t} (stacked along axis 0, {@code hidden} rows each) in the order {@code order}. */
    private static Tensor gates(Tensor t, int hidden, int[] order) {
        List<Tensor> blocks = new ArrayList<>();
        for (int k : order) blocks.add(t.narrow(0, k * hidden, hidden));
        return blocks.size() == 1 ? blocks.getFirst() : Tensor.concat(0, blocks);
    }

    // ***** merge *****

    /** A binary op folded over the inputs: op(op(in0, in1), in2) ... */
    static String chain(String op, LayerScope s, List<String> inputs) {
        if (inputs.size() < 2) throw new IllegalArgumentException(op + " needs at least 2 input values, got " + inputs);
        String y = s.op(op, List.of(inputs.get(0), inputs.get(1)));
        for (int i = 2; i < inputs.size(); i++) y = s.op(op, List.of(y, inputs.get(i)));
        return y;
    }

    private static String single(List<String> inputs) {
        if (inputs.size() != 1) throw new IllegalArgumentException("Expected 1 input value, got " + inputs);
        return inputs.getFirst();
    }
}
