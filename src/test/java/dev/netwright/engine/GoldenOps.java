package dev.netwright.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Activation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How each golden {@code op} maps onto the engine: forward from the case's inputs and parameters.
 * Gradients are then checked by the generic runner through autograd.
 */
final class GoldenOps {
    /** Computes the op's output from a case; may register extra checks (e.g. running statistics). */
    interface Op {
        Tensor forward(Map<String, Tensor> in, Map<String, Tensor> params, JsonNode attrs, JsonNode caseJson);
    }

    static final Map<String, Op> OPS = new HashMap<>();

    /** Problems found by a handler's own checks (running statistics); the runner clears and collects them around forward. */
    static final List<String> EXTRA_PROBLEMS = new ArrayList<>();

    private static void act(String name, Activation.Kind kind) {
        OPS.put(name, (in, p, a, c) -> {
            float alpha = a.has("alpha") ? (float) a.get("alpha").asDouble()
                    : a.has("beta") ? (float) a.get("beta").asDouble() : Activation.defaultAlpha(kind);
            Tensor x = in.get("x");
            if (kind == Activation.Kind.SOFTMAX || kind == Activation.Kind.LOG_SOFTMAX) {
                int axis = a.path("axis").asInt(-1);
                return kind == Activation.Kind.SOFTMAX ? x.softmax(axis) : x.logSoftmax(axis);
            }
            // identity must still be a graph node so its gradient can be checked
            return kind == Activation.Kind.IDENTITY ? x.identity() : Activation.apply(kind, alpha, x);
        });
    }

    private static void loss(String name, Loss loss, String predName) {
        OPS.put(name, (in, p, a, c) -> {
            Tensor pred = in.get(predName);
            Tensor target = in.get("target");
            if (loss == Loss.HUBER) return Loss.huber(pred, target, (float) a.path("delta").asDouble(1.0));
            return loss.compute(pred, target);
        });
    }

    static {
        OPS.put("linear", (in, p, a, c) -> Tensor.linear(in.get("x"), p.get("weight"), p.get("bias")));
        act("identity", Activation.Kind.IDENTITY);
        act("sigmoid", Activation.Kind.SIGMOID);
        act("tanh", Activation.Kind.TANH);
        act("relu", Activation.Kind.RELU);
        act("leaky_relu", Activation.Kind.LEAKY_RELU);
        act("elu", Activation.Kind.ELU);
        act("selu", Activation.Kind.SELU);
        act("softplus", Activation.Kind.SOFTPLUS);
        act("softsign", Activation.Kind.SOFTSIGN);
        act("softmax", Activation.Kind.SOFTMAX);
        act("log_softmax", Activation.Kind.LOG_SOFTMAX);
        loss("mse_loss", Loss.MSE, "pred");
        loss("l1_loss", Loss.MAE, "pred");
        loss("huber_loss", Loss.HUBER, "pred");
        loss("binary_cross_entropy", Loss.BINARY_CROSS_ENTROPY, "probs");
        loss("bce_with_logits", Loss.BCE_WITH_LOGITS, "logits");
        loss("cross_entropy", Loss.CROSS_ENTROPY, "logits");
        loss("nll_loss", Loss.NLL, "log_probs");
        loss("multi_margin_loss", Loss.MULTI_MARGIN, "scores");

        OPS.put("conv1d", (in, p, a, c) -> ConvOps.conv1d(in.get("x"), p.get("weight"), p.get("bias"),
                ints(a, "stride", 1, 1)[0], ints(a, "padding", 1, 0)[0], ints(a, "dilation", 1, 1)[0], a.path("groups").asInt(1)));
        OPS.put("conv2d", (in, p, a, c) -> ConvOps.conv2d(in.get("x"), p.get("weight"), p.get("bias"),
                ints(a, "stride", 2, 1), ints(a, "padding", 2, 0), ints(a, "dilation", 2, 1), a.path("groups").asInt(1)));
        OPS.put("conv_transpose2d", (in, p, a, c) -> ConvOps.convTranspose2d(in.get("x"), p.get("weight"), p.get("bias"),
                ints(a, "stride", 2, 1), ints(a, "padding", 2, 0), ints(a, "output_padding", 2, 0), ints(a, "dilation", 2, 1),
                a.path("groups").asInt(1)));
        OPS.put("max_pool1d", (in, p, attrs, c) -> {
            JsonNode a = poolAttrs(attrs);
            int k = ints(a, "kernel", 1, 1)[0];
            return PoolOps.maxPool1d(in.get("x"), k, ints(a, "stride", 1, k)[0], ints(a, "padding", 1, 0)[0], ints(a, "dilation", 1, 1)[0]);
        });
        OPS.put("max_pool2d", (in, p, attrs, c) -> {
            JsonNode a = poolAttrs(attrs);
            int[] k = ints(a, "kernel", 2, 1);
            return PoolOps.maxPool2d(in.get("x"), k, ints(a, "stride", 2, k), ints(a, "padding", 2, 0), ints(a, "dilation", 2, 1));
        });
        OPS.put("avg_pool1d", (in, p, attrs, c) -> {
            JsonNode a = poolAttrs(attrs);
            int k = ints(a, "kernel", 1, 1)[0];
            return PoolOps.avgPool1d(in.get("x"), k, ints(a, "stride", 1, k)[0], ints(a, "padding", 1, 0)[0],
                    a.path("count_include_pad").asBoolean(true));
        });
        OPS.put("avg_pool2d", (in, p, attrs, c) -> {
            JsonNode a = poolAttrs(attrs);
            int[] k = ints(a, "kernel", 2, 1);
            return PoolOps.avgPool2d(in.get("x"), k, ints(a, "stride", 2, k), ints(a, "padding", 2, 0),
                    a.path("count_include_pad").asBoolean(true));
        });
        OPS.put("global_avg_pool2d", (in, p, a, c) -> PoolOps.globalAvgPool2d(in.get("x")));
        OPS.put("global_max_pool2d", (in, p, a, c) -> PoolOps.globalMaxPool2d(in.get("x")));
        OPS.put("batch_norm", GoldenOps::batchNorm);
        OPS.put("layer_norm", (in, p, a, c) -> {
            Tensor x = in.get("x");
            int[] ns = a.has("normalized_shape") ? ints(a, "normalized_shape", a.get("normalized_shape").size(), 1) : new int[]{x.shape().dim(-1)};
            return NormOps.layerNorm(x, Shape.of(ns), p.get("weight"), p.get("bias"), (float) a.path("eps").asDouble(1e-5));
        });
        OPS.put("weight_norm_linear", (in, p, a, c) -> Tensor.linear(in.get("x"), NormOps.weightNorm(p.get("v"), p.get("g")), p.get("bias")));
        OPS.put("embedding", (in, p, a, c) -> MovementOps.embedding(p.get("weight"), in.get("indices")));
        OPS.put("rnn_tanh", (in, p, a, c) -> seqOut(a, RecurrentOps.rnnTanh(seqIn(a, in.get("x")), in.get("h0"),
                p.get("weight_ih"), p.get("weight_hh"), p.get("bias_ih"), p.get("bias_hh"))));
        OPS.put("lstm", (in, p, a, c) -> seqOut(a, RecurrentOps.lstm(seqIn(a, in.get("x")), in.get("h0"), in.get("c0"),
                p.get("weight_ih"), p.get("weight_hh"), p.get("bias_ih"), p.get("bias_hh"))));
        OPS.put("gru", (in, p, a, c) -> seqOut(a, RecurrentOps.gru(seqIn(a, in.get("x")), in.get("h0"),
                p.get("weight_ih"), p.get("weight_hh"), p.get("bias_ih"), p.get("bias_hh"))));
    }

    /**
     * An int attribute as {@code n} values: a number is repeated, a list of one value is repeated, a list of n is
     * taken as is; {@code dflt} when absent.
     */
    static int[] ints(JsonNode attrs, String key, int n, int dflt) {
        int[] fallback = new int[n];
        java.util.Arrays.fill(fallback, dflt);
        return ints(attrs, key, n, fallback);
    }

    static int[] ints(JsonNode attrs, String key, int n, int[] dflt) {
        JsonNode v = attrs.has(key) || !key.equals("kernel") ? attrs.get(key) : attrs.get("kernel_size");
        if (v == null || v.isNull() || (v.isArray() && v.isEmpty())) return dflt.clone();   // PyTorch: stride=None means kernel
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            JsonNode e = v.isArray() ? v.get(v.size() == 1 ? 0 : i) : v;
            if (e == null) throw new IllegalArgumentException("attribute " + key + "=" + v + " does not have " + n + " values");
            r[i] = e.asInt();
        }
        return r;
    }

    /** Pooling attributes the engine does not implement fail loudly rather than giving other sizes. */
    private static JsonNode poolAttrs(JsonNode a) {
        if (a.path("ceil_mode").asBoolean(false)) throw new IllegalArgumentException("ceil_mode=true is not supported");
        return a;
    }

    /** batch_first layouts are turned into the engine's seq-first [T, N, I] and back. */
    private static boolean batchFirst(JsonNode a) {
        return a.path("batch_first").asBoolean(false) || "batch_first".equals(a.path("layout").asText());
    }

    private static Tensor seqIn(JsonNode a, Tensor x) {
        return batchFirst(a) ? x.transpose(0, 1) : x;
    }

    private static Tensor seqOut(JsonNode a, Tensor y) {
        return batchFirst(a) ? y.transpose(0, 1) : y;
    }

    /**
     * Batch norm, then the running statistics compared with {@code running_*_after}. Some generated training cases
     * carry "after" values equal to "before" (the in-place update was not captured); for those the statistics are
     * checked against PyTorch's rule computed here in float64 instead, and a note is printed.
     */
    private static Tensor batchNorm(Map<String, Tensor> in, Map<String, Tensor> p, JsonNode a, JsonNode c) {
        Tensor rm = c.has("running_mean_before") ? GoldenCases.tensor(c.get("running_mean_before")) : null;
        Tensor rv = c.has("running_var_before") ? GoldenCases.tensor(c.get("running_var_before")) : null;
        double rtol = c.path("tolerance").path("rtol").asDouble(1e-4), atol = c.path("tolerance").path("atol").asDouble(1e-5);
        boolean training = a.path("training").asBoolean(true);
        double momentum = a.path("momentum").asDouble(0.1);
        float[] rm0 = rm == null ? null : rm.toArray(), rv0 = rv == null ? null : rv.toArray();
        Tensor y = NormOps.batchNorm(in.get("x"), rm, rv, p.get("weight"), p.get("bias"), training,
                (float) momentum, (float) a.path("eps").asDouble(1e-5));
        if (rm == null || !c.has("running_mean_after")) return y;
        JsonNode meanAfter = c.get("running_mean_after"), varAfter = c.get("running_var_after");
        boolean unrecorded = training && meanAfter.equals(c.get("running_mean_before")) && varAfter.equals(c.get("running_var_before"));
        if (unrecorded) {
            System.out.println("Note: " + c.path("name").asText() + " has running_*_after equal to running_*_before in training; "
                    + "running statistics checked against PyTorch's update rule instead");
            double[][] expected = runningUpdate(in.get("x"), rm0, rv0, momentum);
            meanAfter = GoldenCases.JSON.valueToTree(Map.of("shape", List.of(rm0.length), "data", expected[0]));
            varAfter = GoldenCases.JSON.valueToTree(Map.of("shape", List.of(rv0.length), "data", expected[1]));
        }
        EXTRA_PROBLEMS.addAll(GoldenCases.compare("running_mean", rm.toArray(), rm.shape(), meanAfter, rtol, atol));
        EXTRA_PROBLEMS.addAll(GoldenCases.compare("running_var", rv.toArray(), rv.shape(), varAfter, rtol, atol));
        return y;
    }

    /** PyTorch's update in float64: r = (1 - m) r + m s, with the batch mean and the UNBIASED batch variance per channel. */
    private static double[][] runningUpdate(Tensor x, float[] mean0, float[] var0, double m) {
        Shape s = x.shape();
        int n = s.dim(0), ch = s.dim(1), inner = s.inner(1), k = n * inner;
        float[] v = x.toArray();
        double[][] r = new double[2][ch];
        for (int c = 0; c < ch; c++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < inner; j++) sum += v[(i * ch + c) * inner + j];
            double mu = sum / k;
            for (int i = 0; i < n; i++) for (int j = 0; j < inner; j++) sq += Math.pow(v[(i * ch + c) * inner + j] - mu, 2);
            r[0][c] = (1 - m) * mean0[c] + m * mu;
            r[1][c] = (1 - m) * var0[c] + m * sq / (k - 1);
        }
        return r;
    }
}
