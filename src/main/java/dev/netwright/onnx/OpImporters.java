package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.netwright.engine.Shape;
import dev.netwright.engine.backend.UnaryOp;
import dev.netwright.engine.nn.Activation;
import dev.netwright.graph.layer.Padding;
import dev.netwright.onnx.ImportGraph.Built;
import dev.netwright.onnx.ImportGraph.Const;
import dev.netwright.onnx.ImportGraph.Failed;
import dev.netwright.onnx.ImportGraph.GlobalPool;
import dev.netwright.onnx.ImportGraph.Ids;
import dev.netwright.onnx.ImportGraph.MatMul;
import dev.netwright.onnx.ImportGraph.Node;
import dev.netwright.onnx.ImportGraph.Recurrent;
import dev.netwright.onnx.ImportGraph.Refused;
import dev.netwright.onnx.ImportGraph.Rnn;
import dev.netwright.onnx.ImportGraph.Stage;
import dev.netwright.onnx.ImportGraph.TimeMajor;
import dev.netwright.onnx.ImportGraph.Unusable;
import dev.netwright.onnx.ImportGraph.Val;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.netwright.onnx.ImportGraph.intList;
import static dev.netwright.onnx.OnnxTensors.f;
import static dev.netwright.onnx.OnnxTensors.i;
import static dev.netwright.onnx.OnnxTensors.ints;
import static dev.netwright.onnx.OnnxTensors.s;
import static dev.netwright.onnx.OnnxTensors.toInts;

/**
 * One importer per ONNX op, named after it: the inverse of {@link LayerEmitters}. Each turns a node into what its
 * outputs become ({@link Val}): a Netwright node, or a pending value a later node completes (MatMul + Add → Dense,
 * GlobalAveragePool + Flatten → GlobalAvgPool2D, LSTM + Squeeze/Transpose/Gather → LSTM with or without
 * return_sequences). What has no Netwright form is {@link Refused} with the reason. The op table is
 * {@link #MAPPING} (documented in docs/graph-format.md).
 */
final class OpImporters {
    private OpImporters() {
    }

    /** ONNX op → what it becomes in the editor, for the docs. */
    static final Map<String, String> MAPPING = mapping();

    private static Map<String, String> mapping() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Gemm", "Dense (transA=0; alpha, beta and transB folded into the weights)");
        m.put("MatMul + Add", "Dense (a constant [in, out] weight, then an optional constant bias)");
        m.put("Relu, Tanh, Sigmoid, LeakyRelu, Elu, Selu, Softplus, Softsign", "the activation layer, or the activation of the "
                + "Dense/Conv before it when both ops are named `<layer>/<Op>` (as Netwright exports them)");
        m.put("Softmax, LogSoftmax", "Softmax, LogSoftmax (over the last axis only)");
        m.put("PRelu", "PReLU (one slope, or one per channel)");
        m.put("Conv", "Conv1D or Conv2D (pads all equal, or 'same' = SAME_UPPER)");
        m.put("ConvTranspose", "ConvTranspose2D (group 1, symmetric pads, no output_shape)");
        m.put("MaxPool, AveragePool", "MaxPool1D/2D, AvgPool1D/2D (symmetric pads; AveragePool counting padded zeros)");
        m.put("GlobalAveragePool, GlobalMaxPool, ReduceMean/ReduceMax over H, W", "GlobalAvgPool2D, GlobalMaxPool2D (the "
                + "Flatten/Reshape/Squeeze after it is absorbed; otherwise a Reshape to [C, 1, 1] follows)");
        m.put("BatchNormalization", "BatchNorm (inference form: scale, bias, running mean and variance)");
        m.put("LayerNormalization", "LayerNorm");
        m.put("Flatten, Reshape, Squeeze, Unsqueeze", "Flatten or Reshape (the batch axis must stay first; Reshape's shape may be "
                + "computed by Shape/Gather/Unsqueeze/Concat from the input's shape)");
        m.put("Add, Sum, Mul", "Add, Multiply (equal shapes, up to 8 inputs; a chain named `<layer>/<Op>` becomes one node)");
        m.put("Concat", "Concat (not along the batch axis)");
        m.put("LSTM, GRU, RNN", "LSTM, GRU, SimpleRNN: batch-first input (Transpose [1, 0, 2] in front), forward, zero initial "
                + "state, default activations, GRU linear_before_reset=1; every step (Squeeze, Transpose) or the last one "
                + "(Y_h, or Gather/Slice of the last step)");
        m.put("Cast + Gather", "Embedding (Gather of a constant [vocabulary, dim] table by axis 0)");
        m.put("Identity, Dropout, Constant, Cast to float", "nothing (Dropout is the identity at inference; a note says so)");
        m.put("Mul/Add/Sub/Div by constants right after the input", "removed, with a note: the input scaling, which the "
                + "training form sets");
        return m;
    }

    static Val[] convert(ImportGraph g, NodeProto n) {
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw new Refused("of domain '" + n.getDomain() + "' has no Netwright layer");
        }
        return switch (n.getOpType()) {
            case "Identity" -> one(g.in(n, 0));
            case "Dropout" -> dropout(g, n);
            case "Constant" -> one(constant(n));
            case "Cast" -> one(cast(g, n));
            case "Gemm" -> one(gemm(g, n));
            case "MatMul" -> one(matMul(g, n));
            case "Add", "Sum" -> one(add(g, n, "Add"));
            case "Mul" -> one(add(g, n, "Multiply"));
            case "Sub", "Div" -> one(scaling(g, n));
            case "Relu", "Tanh", "Sigmoid", "LeakyRelu", "Elu", "Selu", "Softplus", "Softsign", "Softmax", "LogSoftmax" ->
                    one(activation(g, n));
            case "PRelu" -> one(prelu(g, n));
            case "Conv" -> one(conv(g, n));
            case "ConvTranspose" -> one(convTranspose(g, n));
            case "MaxPool", "AveragePool" -> new Val[]{pool(g, n), new Unusable("the indices of " + ImportGraph.describe(n))};
            case "GlobalAveragePool", "GlobalMaxPool" -> one(globalPool(g, n));
            case "ReduceMean", "ReduceMax" -> one(reduce(g, n));
            case "BatchNormalization" -> one(batchNormalization(g, n));
            case "LayerNormalization" -> one(layerNormalization(g, n));
            case "Flatten" -> one(flatten(g, n));
            case "Reshape" -> one(reshape(g, n));
            case "Squeeze", "Unsqueeze" -> one(squeeze(g, n));
            case "Transpose" -> one(transpose(g, n));
            case "Concat" -> one(concat(g, n));
            case "LSTM", "GRU", "RNN" -> recurrent(g, n);
            case "Gather" -> one(gather(g, n));
            case "Slice" -> one(slice(g, n));
            default -> throw new Refused("has no Netwright layer");
        };
    }

    private static Val[] one(Val v) {
        return new Val[]{v};
    }

    // ***** pass-through *****

    static Val[] dropout(ImportGraph g, NodeProto n) {
        Val x = g.in(n, 0);
        g.note("The Dropout " + ImportGraph.describe(n).replace("op 'Dropout' ", "") + " was left out: it is the identity at "
                + "inference; add a Dropout layer to train with it.");
        return new Val[]{x, new Unusable("the mask of " + ImportGraph.describe(n))};
    }

    static Const constant(NodeProto n) {
        String out = n.getOutput(0);
        for (AttributeProto a : n.getAttributeList()) {
            switch (a.getName()) {
                case "value" -> {
                    Const c = ImportGraph.constant(a.getT());
                    return new Const(out, c.dims(), c.floats(), c.longs());
                }
                case "value_float" -> {
                    return new Const(out, new long[0], new float[]{a.getF()}, null);
                }
                case "value_floats" -> {
                    float[] v = new float[a.getFloatsCount()];
                    for (int k = 0; k < v.length; k++) v[k] = a.getFloats(k);
                    return new Const(out, new long[]{v.length}, v, null);
                }
                case "value_int" -> {
                    return new Const(out, new long[0], null, new long[]{a.getI()});
                }
                case "value_ints" -> {
                    long[] v = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                    return new Const(out, new long[]{v.length}, null, v);
                }
                default -> {
                }
            }
        }
        throw new Refused("has no value the importer reads (value, value_float(s), value_int(s))");
    }

    /** Cast to an integer type marks ids for an Embedding; a cast to float changes nothing for the editor. */
    static Val cast(ImportGraph g, NodeProto n) {
        Val v = g.in(n, 0);
        long to = i(n, "to", 0);
        if (to == TensorProto.DataType.INT64_VALUE || to == TensorProto.DataType.INT32_VALUE) {
            if (v instanceof Node x) return new Ids(x);
            return v;
        }
        if (to == TensorProto.DataType.FLOAT_VALUE || to == TensorProto.DataType.DOUBLE_VALUE) {
            return v instanceof Ids ids ? ids.x() : v;
        }
        throw new Refused("to " + TensorProto.DataType.forNumber((int) to) + " has no Netwright layer");
    }

    // ***** dense *****

    /** Gemm(x, B, C): y = alpha · x · op(B) + beta · C, op(B) = Bᵀ when transB=1 (Dense's own [out, in] layout). */
    static Val gemm(ImportGraph g, NodeProto n) {
        if (i(n, "transA", 0) != 0) {
            throw new Refused("with transA=1 is not supported: a Dense layer multiplies the samples, one per row, by its weights");
        }
        Node x = g.tensor(n, 0);
        Const b = g.constant(n, 1);
        Const c = g.constant(n, 2);
        if (b.dims().length != 2) throw new Refused("needs a 2-D weight B, got " + Arrays.toString(b.dims()));
        boolean transB = i(n, "transB", 0) != 0;
        int units = (int) b.dims()[transB ? 0 : 1], in = (int) b.dims()[transB ? 1 : 0];
        float[] w = transB ? b.f().clone() : transpose(b.f(), in, units);
        scale(w, f(n, "alpha", 1f));
        float[] bias = null;
        if (c != null) {
            bias = broadcastBias(c, units);
            scale(bias, f(n, "beta", 1f));
        }
        checkIn(x, in);
        return dense(g, n, x, w, units, bias);
    }

    /** MatMul(x, W) with a constant W [in, out]: a Dense without bias unless an Add of a constant bias follows. */
    static Val matMul(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        Val w = g.in(n, 1);
        if (!(w instanceof Const c)) {
            if (w instanceof Failed) throw new ImportGraph.Propagated();
            throw new Refused("multiplies two computed values; a Dense layer needs a constant weight");
        }
        if (c.dims().length != 2) throw new Refused("with a " + c.dims().length + "-D weight has no Netwright layer (Dense takes [in, out])");
        int in = (int) c.dims()[0], units = (int) c.dims()[1];
        checkIn(x, in);
        return new MatMul(x, transpose(c.f(), in, units), units, n);
    }

    private static void checkIn(Node x, int in) {
        if (x.shape().rank() != 1) {
            throw new Refused("multiplies a value of shape " + x.shape() + " per sample; a Dense layer takes a flat vector (its "
                    + "weights act on the last axis only for rank 1)");
        }
        if (x.shape().dim(0) != in) throw new Refused("has weights for " + in + " inputs but receives " + x.shape());
    }

    static Node dense(ImportGraph g, NodeProto anchor, Node x, float[] weight, int units, float[] bias) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("units", units);
        p.put("bias", bias != null);
        p.put("activation", "identity");
        Node d = g.add(anchor, "Dense", p, List.of(x));
        g.parameter(d, "weight", weight);
        if (bias != null) g.parameter(d, "bias", bias);
        return d;
    }

    private static float[] broadcastBias(Const c, int units) {
        float[] v = c.f();
        if (v.length == units) return v.clone();
        if (v.length == 1) {
            float[] b = new float[units];
            Arrays.fill(b, v[0]);
            return b;
        }
        throw new Refused("has a bias of shape " + Arrays.toString(c.dims()) + " for " + units + " units");
    }

    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
        return t;
    }

    private static void scale(float[] v, float s) {
        if (s != 1f) for (int k = 0; k < v.length; k++) v[k] *= s;
    }

    // ***** element-wise *****

    /**
     * Add/Sum (→ Add) or Mul (→ Multiply) of computed values of one shape; a constant bias after a MatMul completes a
     * Dense; a constant applied to the network's input is its input scaling, removed with a note.
     */
    static Val add(ImportGraph g, NodeProto n, String type) {
        List<Val> in = new ArrayList<>();
        for (int k = 0; k < n.getInputCount(); k++) in.add(g.in(n, k));
        if (in.stream().anyMatch(v -> v instanceof Failed)) throw new ImportGraph.Propagated();
        if (in.size() == 2 && (in.get(0) instanceof Const || in.get(1) instanceof Const)) {
            int ci = in.get(0) instanceof Const ? 0 : 1;
            Const c = (Const) in.get(ci);
            Val other = in.get(1 - ci);
            if (type.equals("Add") && other instanceof MatMul m && g.singleUse(n.getInput(1 - ci))) {
                return g.once(m, () -> dense(g, m.anchor(), m.x(), m.weight(), m.units(), broadcastBias(c, m.units())));
            }
            if (g.isInput(other)) return inputScaling(g, n, other);
            throw new Refused("with the constant '" + c.name() + "' has no Netwright layer (only a bias after MatMul, or the "
                    + "input scaling right after the input, is recognised)");
        }
        if (in.size() < 2) return in.isEmpty() ? null : in.getFirst();
        List<Node> xs = new ArrayList<>();
        for (Val v : in) xs.add(g.materialize(v));
        for (Node x : xs) {
            if (!x.shape().equals(xs.getFirst().shape())) {
                throw new Refused("broadcasts " + xs.getFirst().shape() + " with " + x.shape() + "; the editor's " + type
                        + " needs inputs of one shape");
            }
        }
        // a chain our exporter wrote for one layer of 3+ inputs (add/Add, add/Add_1, ...) becomes that layer again
        Built first = g.built(xs.getFirst());
        String scope = ImportGraph.scope(n);
        if (first != null && first.type.equals(type) && scope != null && scope.equals(first.scope) && g.singleUse(n.getInput(0))
                && first.inputs.size() + xs.size() - 1 <= 8) {
            for (Node x : xs.subList(1, xs.size())) first.inputs.add(x.id());
            first.params.put("inputs", first.inputs.size());
            return xs.getFirst();
        }
        if (xs.size() > 8) throw new Refused("has " + xs.size() + " inputs; the editor's " + type + " takes at most 8");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("inputs", xs.size());
        return g.add(n, type, p, xs);
    }

    /** Sub or Div: only as input scaling ({@code (x - c) / s} right after the input). */
    static Val scaling(ImportGraph g, NodeProto n) {
        Val a = g.in(n, 0), b = g.in(n, 1);
        if (a instanceof Failed || b instanceof Failed) throw new ImportGraph.Propagated();
        if (g.isInput(a) && b instanceof Const) return inputScaling(g, n, a);
        throw new Refused("has no Netwright layer (recognised only as input scaling: the input minus or divided by a constant)");
    }

    private static Val inputScaling(ImportGraph g, NodeProto n, Val input) {
        g.preprocessing.add(n.getName().isEmpty() ? n.getOpType() : n.getName());
        return input;
    }

    // ***** activations *****

    static Val activation(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        Activation.Kind kind;
        float alpha = 0f;
        switch (n.getOpType()) {
            case "Relu" -> kind = Activation.Kind.RELU;
            case "Tanh" -> kind = Activation.Kind.TANH;
            case "Sigmoid" -> kind = Activation.Kind.SIGMOID;
            case "LeakyRelu" -> {
                kind = Activation.Kind.LEAKY_RELU;
                alpha = f(n, "alpha", 0.01f);
            }
            case "Elu" -> {
                kind = Activation.Kind.ELU;
                alpha = f(n, "alpha", 1f);
            }
            case "Selu" -> {
                kind = Activation.Kind.SELU;
                float a = f(n, "alpha", (float) UnaryOp.SELU_ALPHA), gamma = f(n, "gamma", (float) UnaryOp.SELU_LAMBDA);
                if (Math.abs(a - UnaryOp.SELU_ALPHA) > 1e-5 || Math.abs(gamma - UnaryOp.SELU_LAMBDA) > 1e-5) {
                    throw new Refused("with alpha=" + a + ", gamma=" + gamma + " is not supported: the editor's SELU has the fixed "
                            + "constants alpha≈1.6733, gamma≈1.0507");
                }
            }
            case "Softplus" -> {
                kind = Activation.Kind.SOFTPLUS;
                alpha = 1f;
            }
            case "Softsign" -> kind = Activation.Kind.SOFTSIGN;
            case "Softmax", "LogSoftmax" -> {
                kind = n.getOpType().equals("Softmax") ? Activation.Kind.SOFTMAX : Activation.Kind.LOG_SOFTMAX;
                int rank = x.shape().rank() + 1;
                long axis = i(n, "axis", g.opset >= 13 ? -1 : 1);
                if ((axis < 0 ? axis + rank : axis) != rank - 1) {
                    throw new Refused("over axis " + axis + " of a rank-" + rank + " value is not supported: the editor's "
                            + n.getOpType() + " works over the last axis");
                }
            }
            default -> throw new IllegalStateException(n.getOpType());
        }
        // our exporter writes a layer's built-in activation as <id>/Gemm (or Conv) then <id>/<Activation>
        Built b = g.built(x);
        String scope = ImportGraph.scope(n);
        if (b != null && Set.of("Dense", "Conv1D", "Conv2D", "ConvTranspose2D").contains(b.type) && scope != null
                && scope.equals(b.scope) && "identity".equals(b.params.get("activation")) && g.singleUse(n.getInput(0))
                && alpha == Activation.defaultAlpha(kind)) {
            b.params.put("activation", kind.id());
            return x;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        if (kind == Activation.Kind.LEAKY_RELU || kind == Activation.Kind.ELU) p.put("alpha", decimal(alpha));
        return g.add(n, activationType(kind), p, List.of(x));
    }

    static String activationType(Activation.Kind kind) {
        return switch (kind) {
            case RELU -> "ReLU";
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case LEAKY_RELU -> "LeakyReLU";
            case ELU -> "ELU";
            case SELU -> "SELU";
            case SOFTPLUS -> "Softplus";
            case SOFTSIGN -> "Softsign";
            case SOFTMAX -> "Softmax";
            case LOG_SOFTMAX -> "LogSoftmax";
            case IDENTITY -> "Identity";
            case STEP -> throw new Refused("has no stand-alone Netwright layer (step is a Dense activation)");
        };
    }

    static Val prelu(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        Const slope = g.constant(n, 1);
        boolean perChannel;
        if (slope.size() == 1) {
            perChannel = false;
        } else {
            // one slope per channel: [C] for a vector, [C, 1, ...] for maps (ONNX broadcasts from the last axis)
            long[] d = slope.dims();
            boolean channelShaped = d.length == x.shape().rank() && d[0] == x.shape().dim(0) && slope.size() == d[0];
            if (!channelShaped) {
                throw new Refused("with slopes of shape " + Arrays.toString(d) + " for " + x.shape() + " is not supported: PReLU has "
                        + "one slope or one per channel (the first axis)");
            }
            perChannel = true;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("per_channel", perChannel);
        Node y = g.add(n, "PReLU", p, List.of(x));
        g.parameter(y, "weight", slope.f().clone());
        return y;
    }

    // ***** convolution and pooling *****

    static Val conv(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        Const w = g.constant(n, 1);
        Const b = g.constant(n, 2);
        int k = w.dims().length - 2;
        if (k != 1 && k != 2) throw new Refused("with a " + k + "-D kernel has no Netwright layer (Conv1D, Conv2D)");
        if (x.shape().rank() != k + 1) throw new Refused("with a " + k + "-D kernel receives " + x.shape());
        int groups = (int) i(n, "group", 1);
        int filters = (int) w.dims()[0];
        if (w.dims()[1] * groups != x.shape().dim(0)) {
            throw new Refused("has weights for " + w.dims()[1] * groups + " input channels but receives " + x.shape());
        }
        int[] kernel = toInts(ints(n, "kernel_shape", Arrays.copyOfRange(w.dims(), 2, w.dims().length)));
        int[] stride = toInts(ints(n, "strides", ones(k)));
        int[] dilation = toInts(ints(n, "dilations", ones(k)));
        String padding = padding(n, x.shape(), kernel, stride, dilation);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("filters", filters);
        p.put("kernel", k == 1 ? kernel[0] : intList(kernel));
        p.put("stride", k == 1 ? stride[0] : intList(stride));
        p.put("padding", padding);
        p.put("dilation", k == 1 ? dilation[0] : intList(dilation));
        p.put("groups", groups);
        p.put("bias", b != null);
        p.put("activation", "identity");
        Node y = g.add(n, k == 1 ? "Conv1D" : "Conv2D", p, List.of(x));
        g.parameter(y, "weight", w.f().clone());
        if (b != null) g.parameter(y, "bias", b.f().clone());
        return y;
    }

    /** The editor's padding for a Conv: "valid", one size on every side, or "same" (SAME_UPPER, or pads that equal it). */
    private static String padding(NodeProto n, Shape in, int[] kernel, int[] stride, int[] dilation) {
        String auto = s(n, "auto_pad", "NOTSET");
        switch (auto) {
            case "VALID" -> {
                return "valid";
            }
            case "SAME_UPPER" -> {
                return "same";
            }
            case "NOTSET", "" -> {
            }
            default -> throw new Refused("with auto_pad " + auto + " is not supported: the editor's 'same' padding puts the odd "
                    + "zero at the end (SAME_UPPER)");
        }
        int k = kernel.length;
        int[] pads = toInts(ints(n, "pads", new long[2 * k]));
        if (Arrays.stream(pads).allMatch(v -> v == pads[0])) return pads[0] == 0 ? "valid" : String.valueOf(pads[0]);
        boolean same = true;
        for (int a = 0; a < k; a++) {
            int[] s = Padding.SAME.pads(in.dim(a + 1), kernel[a], stride[a], dilation[a]);
            same &= s[0] == pads[a] && s[1] == pads[a + k];
        }
        if (same) return "same";
        throw new Refused("with pads " + Arrays.toString(pads) + " is not supported: the editor pads every side alike, or 'same'");
    }

    static Val convTranspose(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        Const w = g.constant(n, 1);
        Const b = g.constant(n, 2);
        if (w.dims().length != 4) throw new Refused("with a " + (w.dims().length - 2) + "-D kernel has no Netwright layer (ConvTranspose2D)");
        if (i(n, "group", 1) != 1) throw new Refused("with group=" + i(n, "group", 1) + " is not supported (ConvTranspose2D has no groups)");
        if (Arrays.stream(ints(n, "dilations", ones(2))).anyMatch(d -> d != 1)) throw new Refused("with dilations is not supported");
        if (ints(n, "output_shape", null) != null) throw new Refused("with output_shape is not supported: give pads and output_padding");
        String auto = s(n, "auto_pad", "NOTSET");
        if (!auto.equals("NOTSET") && !auto.isEmpty() && !auto.equals("VALID")) throw new Refused("with auto_pad " + auto + " is not supported");
        int[] pads = toInts(ints(n, "pads", new long[4]));
        if (pads[0] != pads[2] || pads[1] != pads[3]) {
            throw new Refused("with pads " + Arrays.toString(pads) + " is not supported: ConvTranspose2D removes the same on both sides");
        }
        if (w.dims()[0] != x.shape().dim(0)) throw new Refused("has weights for " + w.dims()[0] + " input channels but receives " + x.shape());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("filters", (int) w.dims()[1]);
        p.put("kernel", intList(toInts(ints(n, "kernel_shape", new long[]{w.dims()[2], w.dims()[3]}))));
        p.put("stride", intList(toInts(ints(n, "strides", ones(2)))));
        p.put("padding", intList(pads[0], pads[1]));
        p.put("output_padding", intList(toInts(ints(n, "output_padding", new long[2]))));
        p.put("bias", b != null);
        p.put("activation", "identity");
        Node y = g.add(n, "ConvTranspose2D", p, List.of(x));
        g.parameter(y, "weight", w.f().clone());
        if (b != null) g.parameter(y, "bias", b.f().clone());
        return y;
    }

    static Val pool(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        boolean max = n.getOpType().equals("MaxPool");
        long[] kernelShape = ints(n, "kernel_shape", null);
        if (kernelShape == null) throw new Refused("has no kernel_shape");
        int k = kernelShape.length;
        if (k != 1 && k != 2) throw new Refused("over " + k + " axes has no Netwright layer");
        if (x.shape().rank() != k + 1) throw new Refused("over " + k + " axes receives " + x.shape());
        int[] kernel = toInts(kernelShape), stride = toInts(ints(n, "strides", ones(k))), pads = toInts(ints(n, "pads", new long[2 * k]));
        String auto = s(n, "auto_pad", "NOTSET");
        if (!auto.equals("NOTSET") && !auto.isEmpty() && !auto.equals("VALID")) throw new Refused("with auto_pad " + auto + " is not supported");
        if (auto.equals("VALID")) Arrays.fill(pads, 0);
        if (Arrays.stream(ints(n, "dilations", ones(k))).anyMatch(d -> d != 1)) throw new Refused("with dilations is not supported");
        int[] padding = Arrays.copyOf(pads, k);
        for (int a = 0; a < k; a++) {
            if (pads[a] != pads[a + k]) throw new Refused("with pads " + Arrays.toString(pads) + " is not supported: pooling pads both sides alike");
            int span = x.shape().dim(a + 1) + 2 * pads[a] - kernel[a];
            if (i(n, "ceil_mode", 0) != 0 && span % stride[a] != 0) {
                throw new Refused("with ceil_mode=1 is not supported here: it adds a partial window for this input " + x.shape());
            }
        }
        if (!max && i(n, "count_include_pad", 0) == 0 && Arrays.stream(pads).anyMatch(v -> v != 0)) {
            throw new Refused("with count_include_pad=0 and padding is not supported: the editor's AvgPool counts the padded zeros");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kernel", k == 1 ? kernel[0] : intList(kernel));
        p.put("stride", k == 1 ? stride[0] : intList(stride));
        p.put("padding", k == 1 ? padding[0] : intList(padding));
        return g.add(n, (max ? "MaxPool" : "AvgPool") + k + "D", p, List.of(x));
    }

    static Val globalPool(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        if (x.shape().rank() != 3) throw new Refused("of " + x.shape() + " has no Netwright layer (GlobalAvgPool2D/GlobalMaxPool2D take [C, H, W])");
        return new GlobalPool(x, n.getOpType().equals("GlobalMaxPool"), n);
    }

    /** ReduceMean / ReduceMax over the two spatial axes of [C, H, W]: global pooling. */
    static Val reduce(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        long[] axes = ints(n, "axes", null);
        if (axes == null && n.getInputCount() > 1 && !n.getInput(1).isEmpty()) axes = ShapeFolding.ints(g, n.getInput(1));
        Set<Long> norm = new java.util.HashSet<>();
        if (axes != null) for (long a : axes) norm.add(a < 0 ? a + 4 : a);
        if (x.shape().rank() != 3 || !norm.equals(Set.of(2L, 3L))) {
            throw new Refused("over axes " + (axes == null ? "all" : Arrays.toString(axes)) + " of " + x.shape() + " has no Netwright "
                    + "layer (only over H and W of [C, H, W]: global pooling)");
        }
        GlobalPool pool = new GlobalPool(x, n.getOpType().equals("ReduceMax"), n);
        return i(n, "keepdims", 1) != 0 ? pool : pooled(g, pool);
    }

    /** The pooling node itself: [C]. */
    static Node pooled(ImportGraph g, GlobalPool p) {
        return g.once(p, () -> g.add(p.anchor(), p.max() ? "GlobalMaxPool2D" : "GlobalAvgPool2D", new LinkedHashMap<>(), List.of(p.x())));
    }

    /** A pooled value used with its [C, 1, 1] shape: the pooling node, then a Reshape. */
    static Node globalPoolKeepDims(ImportGraph g, GlobalPool p) {
        Node flat = pooled(g, p);
        return g.once(List.of(p, "keepdims"), () -> reshapeTo(g, p.anchor(), "_keepdims", flat, Shape.of(flat.shape().dim(0), 1, 1)));
    }

    // ***** normalization *****

    static Val batchNormalization(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        if (i(n, "training_mode", 0) != 0) throw new Refused("in training mode is not supported (export the model in eval mode)");
        Const scale = g.constant(n, 1), bias = g.constant(n, 2), mean = g.constant(n, 3), var = g.constant(n, 4);
        int c = x.shape().rank() == 0 ? 0 : x.shape().dim(0);
        for (Const t : List.of(scale, bias, mean, var)) {
            if (t.size() != c) throw new Refused("has " + t.size() + " values in '" + t.name() + "' for " + c + " channels of " + x.shape());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        // ONNX's momentum weighs the running value, PyTorch's (and ours) the new batch
        float m = f(n, "momentum", 0.9f);
        p.put("momentum", Math.min(1.0, Math.max(0.0, BigDecimal.ONE.subtract(new BigDecimal(Float.toString(m))).doubleValue())));
        p.put("eps", decimal(f(n, "epsilon", 1e-5f)));
        Node y = g.add(n, "BatchNorm", p, List.of(x));
        g.parameter(y, "weight", scale.f().clone());
        g.parameter(y, "bias", bias.f().clone());
        g.buffer(y, "running_mean", mean.f().clone());
        g.buffer(y, "running_var", var.f().clone());
        return y;
    }

    static Val layerNormalization(ImportGraph g, NodeProto n) {
        Node x = g.tensor(n, 0);
        int rank = x.shape().rank() + 1;
        long axis = i(n, "axis", -1);
        int axes = (int) (rank - (axis < 0 ? axis + rank : axis));
        if (axes < 1 || axes > x.shape().rank()) throw new Refused("over axis " + axis + " of " + x.shape() + " would normalize the batch axis");
        Const scale = g.constant(n, 1), bias = g.constant(n, 2);
        int size = 1;
        for (int a = x.shape().rank() - axes; a < x.shape().rank(); a++) size *= x.shape().dim(a);
        if (scale.size() != size || (bias != null && bias.size() != size)) {
            throw new Refused("has scale/bias of " + scale.size() + " values for the " + size + " normalized ones");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("axes", axes);
        p.put("eps", decimal(f(n, "epsilon", 1e-5f)));
        Node y = g.add(n, "LayerNorm", p, List.of(x));
        g.parameter(y, "weight", scale.f().clone());
        g.parameter(y, "bias", bias == null ? new float[size] : bias.f().clone());
        return y;
    }

    // ***** shapes *****

    static Val flatten(ImportGraph g, NodeProto n) {
        Val v = g.in(n, 0);
        long axis = i(n, "axis", 1);
        if (axis != 1) throw new Refused("with axis=" + axis + " is not supported: Flatten keeps the batch axis (axis=1)");
        if (v instanceof GlobalPool p) return pooled(g, p);
        Node x = g.materialize(v);
        return reshapeTo(g, n, "", x, Shape.of(x.shape().size()));
    }

    static Val reshape(ImportGraph g, NodeProto n) {
        Val v = g.in(n, 0);
        if (v instanceof Failed) throw new ImportGraph.Propagated();
        Shape in = v instanceof GlobalPool p ? Shape.of(p.x().shape().dim(0), 1, 1) : g.materialize(v).shape();
        long[] target = ShapeFolding.ints(g, n.getInput(1));
        if (target == null) throw new Refused("computes its target shape in a way the importer cannot follow");
        boolean allowZero = i(n, "allowzero", 0) != 0;
        int[] dims = in.toArray();
        long[] t = target.clone();
        for (int a = 0; a < t.length; a++) {
            if (t[a] == 0 && !allowZero) t[a] = a == 0 ? ShapeFolding.BATCH : a - 1 < dims.length ? dims[a - 1] : 0;
        }
        if (t.length == 0 || (t[0] != ShapeFolding.BATCH && t[0] != -1)) {
            throw new Refused("to " + ShapeFolding.show(target) + " does not keep the batch axis first");
        }
        long[] rest = Arrays.copyOfRange(t, 1, t.length);
        if (t[0] == -1 && Arrays.stream(rest).anyMatch(d -> d == -1)) {
            throw new Refused("to " + ShapeFolding.show(target) + " leaves two sizes to infer");
        }
        long known = 1;
        int infer = -1;
        for (int a = 0; a < rest.length; a++) {
            if (rest[a] == -1) infer = a;
            else if (rest[a] <= 0) throw new Refused("to " + ShapeFolding.show(target) + " has a size the editor cannot use");
            else known *= rest[a];
        }
        if (infer >= 0) rest[infer] = in.size() / known;
        if (Arrays.stream(rest).reduce(1, (a, b) -> a * b) != in.size()) {
            throw new Refused("to " + ShapeFolding.show(target) + " changes the number of values per sample (" + in + ")");
        }
        Shape out = Shape.of(toInts(rest));
        if (v instanceof GlobalPool p && out.rank() == 1) return pooled(g, p);
        return reshapeTo(g, n, "", g.materialize(v), out);
    }

    /** Squeeze/Unsqueeze: a recurrent output on its way to the editor's layout, a pooled map flattened, or a Reshape. */
    static Val squeeze(ImportGraph g, NodeProto n) {
        Val v = g.in(n, 0);
        if (v instanceof Failed) throw new ImportGraph.Propagated();
        boolean squeeze = n.getOpType().equals("Squeeze");
        long[] axes = ints(n, "axes", null);
        if (axes == null && n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            axes = ShapeFolding.ints(g, n.getInput(1));
            if (axes == null) throw new Refused("computes its axes in a way the importer cannot follow");
        }
        if (v instanceof Rnn r && squeeze && axes != null && axes.length == 1) {
            long a = axes[0];
            Stage next = switch (r.stage()) {
                case Y -> a == 1 || a == -3 ? Stage.Y_SQUEEZED : null;
                case LAST_KEEP_AXIS0 -> a == 0 || a == -3 ? Stage.LAST : null;
                case LAST_KEEP_TIME -> a == 1 || a == -2 ? Stage.LAST : null;
                default -> null;
            };
            if (next != null) return new Rnn(r.layer(), next);
        }
        if (v instanceof GlobalPool p && squeeze && axes != null) {
            Set<Long> norm = new java.util.HashSet<>();
            for (long a : axes) norm.add(a < 0 ? a + 4 : a);
            if (norm.equals(Set.of(2L, 3L))) return pooled(g, p);
        }
        Node x = g.materialize(v);
        List<Integer> dims = new ArrayList<>(intList(x.shape().toArray()));
        if (squeeze) {
            int rank = dims.size() + 1;
            Set<Integer> drop = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
            if (axes == null) {
                for (int a = 0; a < dims.size(); a++) if (dims.get(a) == 1) drop.add(a + 1);
            } else {
                for (long a : axes) drop.add((int) (a < 0 ? a + rank : a));
            }
            for (int a : drop) {
                if (a == 0) throw new Refused("removes the batch axis");
                if (dims.get(a - 1) != 1) throw new Refused("of axis " + a + " of size " + dims.get(a - 1) + " is invalid");
                dims.remove(a - 1);
            }
        } else {
            if (axes == null) throw new Refused("has no axes");
            int rank = dims.size() + 1 + axes.length;
            long[] sorted = axes.clone();
            for (int k = 0; k < sorted.length; k++) if (sorted[k] < 0) sorted[k] += rank;
            Arrays.sort(sorted);
            for (long a : sorted) {
                if (a == 0) throw new Refused("puts a new axis in front of the batch axis");
                dims.add((int) a - 1, 1);
            }
        }
        if (dims.isEmpty()) throw new Refused("leaves each sample a scalar; the editor's layers need at least a vector");
        return reshapeTo(g, n, "", x, Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** {@code x} with per-sample shape {@code to}: itself, a Flatten (to a vector) or a Reshape node. */
    static Node reshapeTo(ImportGraph g, NodeProto anchor, String suffix, Node x, Shape to) {
        if (x.shape().equals(to)) return x;
        if (to.rank() == 1) return g.add(anchor, suffix, "Flatten", new LinkedHashMap<>(), List.of(x));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("shape", intList(to.toArray()));
        return g.add(anchor, suffix, "Reshape", p, List.of(x));
    }

    /** Transpose: only batch ↔ time of a sequence around a recurrent layer (the editor has no general permute). */
    static Val transpose(ImportGraph g, NodeProto n) {
        Val v = g.in(n, 0);
        if (v instanceof Failed) throw new ImportGraph.Propagated();
        long[] perm = ints(n, "perm", null);
        if (Arrays.equals(perm, new long[]{1, 0, 2})) {
            if (v instanceof TimeMajor t) return t.base();
            if (v instanceof Rnn r && r.stage() == Stage.Y_SQUEEZED) return new Rnn(r.layer(), Stage.SEQUENCE);
            Node x = g.materialize(v);
            if (x.shape().rank() == 2) return new TimeMajor(x);
        }
        throw new Refused("with perm " + (perm == null ? "reversed" : Arrays.toString(perm)) + " has no Netwright layer (only "
                + "batch and time are swapped, around recurrent layers)");
    }

    static Val concat(ImportGraph g, NodeProto n) {
        List<Node> xs = new ArrayList<>();
        for (int k = 0; k < n.getInputCount(); k++) xs.add(g.tensor(n, k));
        if (xs.size() == 1) return xs.getFirst();
        if (xs.size() > 8) throw new Refused("has " + xs.size() + " inputs; the editor's Concat takes at most 8");
        int rank = xs.getFirst().shape().rank() + 1;
        long axis = i(n, "axis", 0);
        long a = axis < 0 ? axis + rank : axis;
        if (a == 0) throw new Refused("along the batch axis has no Netwright layer");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("axis", (int) a - 1);
        p.put("inputs", xs.size());
        return g.add(n, "Concat", p, xs);
    }

    // ***** recurrent *****

    /** ONNX gate block k holds PyTorch's (and the engine's) block ORDER[k]; the inverse of {@link LayerEmitters#recurrent}. */
    private static final Map<String, int[]> GATE_ORDER = Map.of("LSTM", new int[]{0, 3, 1, 2}, "GRU", new int[]{1, 0, 2}, "RNN", new int[]{0});
    private static final Map<String, List<String>> DEFAULT_ACTIVATIONS = Map.of("LSTM", List.of("sigmoid", "tanh", "tanh"),
            "GRU", List.of("sigmoid", "tanh"), "RNN", List.of("tanh"));

    static Val[] recurrent(ImportGraph g, NodeProto n) {
        String op = n.getOpType();
        Val xv = g.in(n, 0);
        if (xv instanceof Failed) throw new ImportGraph.Propagated();
        String direction = s(n, "direction", "forward");
        if (!direction.equals("forward")) throw new Refused("with direction=" + direction + " is not supported (the editor's layers run forward)");
        if (i(n, "layout", 0) != 0) throw new Refused("with layout=1 is not supported: transpose the batch-first input with a Transpose");
        if (OnnxTensors.attr(n, "clip").isPresent()) throw new Refused("with clip is not supported");
        if (i(n, "input_forget", 0) != 0) throw new Refused("with input_forget=1 is not supported");
        List<String> acts = OnnxTensors.strings(n, "activations").stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).toList();
        if (!acts.isEmpty() && !acts.equals(DEFAULT_ACTIVATIONS.get(op))) throw new Refused("with activations " + acts + " is not supported");
        if (op.equals("GRU") && i(n, "linear_before_reset", 0) != 1) {
            throw new Refused("with linear_before_reset=0 is not supported: the editor's GRU (PyTorch's) applies the reset gate after "
                    + "the recurrent product (linear_before_reset=1)");
        }
        if (n.getInputCount() > 4 && !n.getInput(4).isEmpty()) throw new Refused("with sequence_lens is not supported");
        for (int k = 5; k <= 6 && k < n.getInputCount(); k++) {
            if (!ShapeFolding.isZeros(g, n.getInput(k))) throw new Refused("with a given initial state is not supported (the editor's layers start from zeros)");
        }
        if (n.getInputCount() > 7 && !n.getInput(7).isEmpty()) throw new Refused("with peepholes is not supported");
        if (!(xv instanceof TimeMajor tm)) {
            throw new Refused("reads a sequence that is not batch-first: the editor's recurrent layers take [N, T, F] per batch "
                    + "(PyTorch's batch_first=True, exported as Transpose [1, 0, 2] in front)");
        }
        Node x = tm.base();
        Const w = g.constant(n, 1), r = g.constant(n, 2), b = g.constant(n, 3);
        int[] order = GATE_ORDER.get(op);
        int gates = order.length;
        int hidden = (int) i(n, "hidden_size", r.dims().length == 3 ? r.dims()[2] : 0);
        int features = x.shape().dim(1);
        if (w.size() != gates * hidden * features || r.size() != gates * hidden * hidden || (b != null && b.size() != 2 * gates * hidden)) {
            throw new Refused("has weights W " + Arrays.toString(w.dims()) + ", R " + Arrays.toString(r.dims()) + " that do not fit "
                    + gates + " gates of " + hidden + " units on " + features + " features");
        }
        float[] bias = b == null ? new float[2 * gates * hidden] : b.f();
        Recurrent layer = new Recurrent(op.equals("RNN") ? "SimpleRNN" : op, hidden, x,
                gates(w.f(), 0, hidden * features, gates, order), gates(r.f(), 0, hidden * hidden, gates, order),
                gates(bias, 0, hidden, gates, order), gates(bias, gates * hidden, hidden, gates, order), n);
        Val[] out = new Val[]{new Rnn(layer, Stage.Y), new Rnn(layer, Stage.LAST_KEEP_AXIS0), null};
        if (op.equals("LSTM")) out[2] = new Unusable("the cell state Y_c of " + ImportGraph.describe(n));
        return out;
    }

    /** From {@code offset}, {@code gates} blocks of {@code block} values in ONNX's order → the engine's order. */
    private static float[] gates(float[] onnx, int offset, int block, int gates, int[] order) {
        float[] out = new float[gates * block];
        for (int k = 0; k < gates; k++) System.arraycopy(onnx, offset + k * block, out, order[k] * block, block);
        return out;
    }

    /** The editor's recurrent layer for a use of an ONNX recurrent output: every step or the last step. */
    static Node recurrentLayer(ImportGraph g, Rnn v) {
        boolean sequences = switch (v.stage()) {
            case SEQUENCE -> true;
            case LAST -> false;
            default -> throw new Refused("uses the output of " + ImportGraph.describe(v.layer().anchor()) + " in ONNX's "
                    + "time-major layout; the editor's layer gives every step [N, T, H] or the last one [N, H]");
        };
        Recurrent r = v.layer();
        return g.once(List.of(r, sequences), () -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("units", r.units());
            p.put("return_sequences", sequences);
            Node y = g.add(r.anchor(), r.type(), p, List.of(r.input()));
            g.parameter(y, "weight_ih", r.weightIh());
            g.parameter(y, "weight_hh", r.weightHh());
            g.parameter(y, "bias_ih", r.biasIh());
            g.parameter(y, "bias_hh", r.biasHh());
            return y;
        });
    }

    /** Gather: an Embedding lookup, or the last step of a recurrent output. */
    static Val gather(ImportGraph g, NodeProto n) {
        Val data = g.in(n, 0);
        if (data instanceof Failed) throw new ImportGraph.Propagated();
        long axis = i(n, "axis", 0);
        if (data instanceof Const table && axis == 0 && table.dims().length == 2) {
            Val ids = g.in(n, 1);
            if (ids instanceof Failed) throw new ImportGraph.Propagated();
            Node x = ids instanceof Ids i ? i.x() : g.isInput(ids) ? (Node) ids : null;
            if (x == null) throw new Refused("looks up a constant table by indices that do not come from the network's input");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("vocabulary", (int) table.dims()[0]);
            p.put("dim", (int) table.dims()[1]);
            Node y = g.add(n, "Embedding", p, List.of(x));
            g.parameter(y, "weight", table.f().clone());
            return y;
        }
        if (data instanceof Rnn r) {
            long[] index = ShapeFolding.ints(g, n.getInput(1));
            boolean scalar = ShapeFolding.isScalar(g, n.getInput(1));
            Stage next = lastStep(r, axis, index, scalar);
            if (next != null) return new Rnn(r.layer(), next);
        }
        throw new Refused("has no Netwright layer (Gather is imported as an Embedding lookup, or as taking a recurrent layer's last step)");
    }

    /** Slice of the last step of a recurrent output: out[:, -1:] and the like. */
    static Val slice(ImportGraph g, NodeProto n) {
        Val data = g.in(n, 0);
        if (data instanceof Failed) throw new ImportGraph.Propagated();
        if (data instanceof Rnn r && n.getInputCount() >= 3) {
            long[] starts = ShapeFolding.ints(g, n.getInput(1)), ends = ShapeFolding.ints(g, n.getInput(2));
            long[] axes = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? ShapeFolding.ints(g, n.getInput(3)) : new long[]{0};
            long[] steps = n.getInputCount() > 4 && !n.getInput(4).isEmpty() ? ShapeFolding.ints(g, n.getInput(4)) : new long[]{1};
            int t = r.layer().input().shape().dim(0);
            if (starts != null && ends != null && axes != null && steps != null && starts.length == 1 && axes.length == 1
                    && steps[0] == 1 && (starts[0] == -1 || starts[0] == t - 1) && ends[0] >= t) {
                Stage next = lastStep(r, axes[0], new long[]{-1}, false);
                if (next != null) return new Rnn(r.layer(), next);
            }
        }
        throw new Refused("has no Netwright layer (Slice is imported only as taking a recurrent layer's last step)");
    }

    /** The stage after picking the last time step along {@code axis} (keeping that axis unless {@code scalar}); null if it is not that. */
    private static Stage lastStep(Rnn r, long axis, long[] index, boolean scalar) {
        int t = r.layer().input().shape().dim(0);
        if (index == null || index.length != 1) return null;
        boolean last = index[0] == -1 || index[0] == t - 1;
        return switch (r.stage()) {
            case SEQUENCE -> last && (axis == 1 || axis == -2) ? (scalar ? Stage.LAST : Stage.LAST_KEEP_TIME) : null;
            case Y_SQUEEZED -> last && (axis == 0 || axis == -3) ? (scalar ? Stage.LAST : Stage.LAST_KEEP_AXIS0) : null;
            case LAST_KEEP_AXIS0 -> (index[0] == 0 || index[0] == -1) && (axis == 0 || axis == -3) ? (scalar ? Stage.LAST : Stage.LAST_KEEP_AXIS0) : null;
            default -> null;
        };
    }

    // ***** helpers *****

    private static long[] ones(int k) {
        long[] v = new long[k];
        Arrays.fill(v, 1);
        return v;
    }

    /** A float attribute as the short decimal it was written as (1e-5, not 9.99999974e-6). */
    static double decimal(float f) {
        return Double.parseDouble(Float.toString(f));
    }
}
