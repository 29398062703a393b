package dev.netwright.graph.layer;

import dev.netwright.engine.Shape;
import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Init;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every layer type the canvas offers, with its parameters, defaults and the lines {@code docs/layers.md} shows.
 * The palette groups them by category in this order.
 */
public final class LayerCatalog {
    private static final List<String> ACTIVATIONS = Arrays.stream(Activation.Kind.values()).map(Activation.Kind::id).toList();
    private static final List<String> INITS = Arrays.stream(Init.values()).map(i -> i.name().toLowerCase(Locale.ROOT)).toList();
    private static final List<String> LOSSES = Arrays.stream(Loss.values()).map(Loss::id).toList();
    /** Padding as the inspector offers it; any integer >= 0 is accepted too. */
    private static final List<String> PADDINGS = List.of("valid", "same", "1", "2", "3");
    private static final List<String> ONE = List.of("in");

    private static final Map<String, LayerType> TYPES = new LinkedHashMap<>();

    private LayerCatalog() {
    }

    public static Optional<LayerType> find(String type) {
        return Optional.ofNullable(type == null ? null : TYPES.get(type));
    }

    public static List<LayerType> all() {
        return List.copyOf(TYPES.values());
    }

    // ***** registration helpers *****

    private static void add(LayerType t) {
        TYPES.put(t.type(), t);
    }

    /** A single-input type. */
    private static void add(String type, String category, String description, LayerType.Doc doc, List<ParamDef> params,
                            Function<Params, LayerSpec> parser) {
        add(new LayerType(type, category, description, ONE, params, parser, doc, null));
    }

    /** A merge type whose "inputs" parameter (2..8) sets its ports "in0", "in1", .... */
    private static void merge(String type, String description, LayerType.Doc doc, List<ParamDef> extra, Function<Params, LayerSpec> parser) {
        List<ParamDef> params = new java.util.ArrayList<>();
        params.add(ParamDef.integer("inputs", 2, "number of input ports in0, in1, ... (2 to " + LayerType.MAX_PORTS + ")"));
        params.addAll(extra);
        add(new LayerType(type, "Merge", description, LayerType.ports(2), List.copyOf(params), parser, doc, "inputs"));
    }

    private static LayerType.Doc doc(String formula, String shapeRule, String parameterRule, Shape... exampleInputs) {
        return new LayerType.Doc(formula, shapeRule, parameterRule, List.of(exampleInputs));
    }

    private static ParamDef activationParam() {
        return ParamDef.choice("activation", "identity", ACTIVATIONS, "applied after the affine map");
    }

    private static ParamDef initParam() {
        return ParamDef.choice("init", "glorot_uniform", INITS, "weight initializer (biases start at 0)");
    }

    private static ParamDef biasParam() {
        return ParamDef.bool("bias", true, "add a learned bias");
    }

    private static void activation(String type, Activation.Kind kind, String formula) {
        List<ParamDef> params = switch (kind) {
            case LEAKY_RELU -> List.of(ParamDef.number("alpha", 0.01, "slope for x < 0"));
            case ELU -> List.of(ParamDef.number("alpha", 1.0, "saturation value for x → -∞"));
            case SOFTPLUS -> List.of(ParamDef.number("beta", 1.0, "sharpness: log(1 + exp(beta x)) / beta"));
            default -> List.of();
        };
        String shape = kind == Activation.Kind.SOFTMAX || kind == Activation.Kind.LOG_SOFTMAX ? "unchanged (over the last axis)" : "unchanged";
        add(type, "Activations", formula, doc(formula, shape, "0", Shape.of(4)), params, p -> new ActivationLayer(kind,
                kind == Activation.Kind.LEAKY_RELU || kind == Activation.Kind.ELU ? (float) p.number("alpha", 0, 1e6)
                        : kind == Activation.Kind.SOFTPLUS ? (float) p.number("beta", 1e-6, 1e6) : 0f));
    }

    static {
        // ***** Core *****
        add(new LayerType("Input", "Core", "The input of one sample, e.g. [2] or [1, 28, 28]", List.of(),
                List.of(ParamDef.intList("shape", List.of(2), "per-sample shape, without the batch dimension")),
                p -> new InputLayer(Shape.of(p.intList("shape", 1))),
                doc("a = x", "→ shape", "0"), null));
        add("Dense", "Core", "Fully connected: a = f(x W^T + b)",
                doc("a = f(x Wᵀ + b)", "[in] → [units]", "in·units (+ units with bias)", Shape.of(120)),
                List.of(ParamDef.integer("units", 8, "number of output units"), biasParam(), activationParam(), initParam()),
                p -> new DenseLayer(p.integer("units", 1), p.bool("bias"), Activation.Kind.parse(p.choice("activation")),
                        Init.parse(p.choice("init"))));
        add("Perceptron", "Core", "Threshold units: step(x W^T + b) in {0, 1}; the step has zero gradient, so "
                        + "gradient descent does not train it: choose the optimizer \"Perceptron rule\" (Rosenblatt's rule)",
                doc("a = step(x Wᵀ + b), step(s) = 1 if s ≥ 0 else 0", "[in] → [units]", "in·units (+ units with bias)", Shape.of(2)),
                List.of(ParamDef.integer("units", 1, "number of threshold units"),
                        ParamDef.bool("bias", true, "add a learned threshold (off: the seed's sign(wᵀx) form)")),
                p -> new PerceptronLayer(p.integer("units", 1), p.bool("bias")));
        add("Flatten", "Core", "Flattens each sample to a vector",
                doc("a = x as a vector (row-major)", "[d1, d2, ...] → [d1·d2·...]", "0", Shape.of(16, 5, 5)),
                List.of(), p -> new FlattenLayer());
        add("Reshape", "Core", "Gives each sample a new shape with the same values; one -1 is inferred",
                doc("a = x with a new shape (row-major)", "[d1, ...] → shape, same number of values; one -1 inferred", "0",
                        Shape.of(1, 28, 28)),
                List.of(ParamDef.intList("shape", List.of(-1), "target per-sample shape, e.g. 1, 28, 28; one entry may be -1")),
                p -> new ReshapeLayer(p.intList("shape", -1)));
        add("Embedding", "Core", "Looks up a learned vector for each integer id: [T] ids → [T, dim]",
                doc("a[t] = W[x[t]], x[t] ∈ {0, ..., vocabulary-1}", "[T] → [T, dim]", "vocabulary·dim", Shape.of(10)),
                List.of(ParamDef.integer("vocabulary", 100, "number of distinct ids (ids are 0 .. vocabulary-1)"),
                        ParamDef.integer("dim", 16, "length of each vector")),
                p -> new EmbeddingLayer(p.integer("vocabulary", 1), p.integer("dim", 1)));
        add(new LayerType("Output", "Core", "The network's output and the loss it is trained with", ONE,
                List.of(ParamDef.choice("loss", "mse", LOSSES, "training objective")),
                p -> new OutputLayer(Loss.parse(p.choice("loss"))),
                doc("ŷ = x; trained with the loss", "unchanged (class losses need [classes ≥ 2])", "0", Shape.of(10)), null));

        // ***** Convolution *****
        add("Conv1D", "Convolution", "1-D convolution over [channels, length]",
                doc("y[o] = f(b[o] + Σ_c w[o, c] ⋆ x[c])", "[C, L] → [filters, ⌊(L + 2p - d(k-1) - 1)/s⌋ + 1]; same: ⌈L/s⌉",
                        "filters·(C/groups)·k (+ filters)", Shape.of(4, 32)),
                List.of(ParamDef.integer("filters", 8, "number of output channels"),
                        ParamDef.integer("kernel", 3, "window length k"),
                        ParamDef.integer("stride", 1, "step s between windows"),
                        ParamDef.choice("padding", "valid", PADDINGS, "zeros at each end: valid (none), same (output length ⌈L/s⌉) or a number"),
                        ParamDef.integer("dilation", 1, "spacing d between kernel taps"),
                        ParamDef.integer("groups", 1, "channel groups (input and output channels must divide by it)"),
                        biasParam(), activationParam(), initParam()),
                p -> new Conv1DLayer(p.integer("filters", 1), p.integer("kernel", 1), p.integer("stride", 1), p.padding("padding"),
                        p.integer("dilation", 1), p.integer("groups", 1), p.bool("bias"), Activation.Kind.parse(p.choice("activation")),
                        Init.parse(p.choice("init"))));
        add("Conv2D", "Convolution", "2-D convolution over [channels, height, width]",
                doc("y[o] = f(b[o] + Σ_c w[o, c] ⋆ x[c])",
                        "[C, H, W] → [filters, ⌊(H + 2p - d(kh-1) - 1)/s⌋ + 1, ...]; same: ⌈H/s⌉",
                        "filters·(C/groups)·kh·kw (+ filters)", Shape.of(1, 32, 32)),
                List.of(ParamDef.integer("filters", 8, "number of output channels (feature maps)"),
                        ParamDef.intList("kernel", List.of(3, 3), "window: k or kh, kw"),
                        ParamDef.intList("stride", List.of(1, 1), "step: s or sh, sw"),
                        ParamDef.choice("padding", "valid", PADDINGS, "zeros on each border: valid (none), same (output ⌈H/s⌉ × ⌈W/s⌉) or a number"),
                        ParamDef.intList("dilation", List.of(1, 1), "spacing between kernel taps: d or dh, dw"),
                        ParamDef.integer("groups", 1, "channel groups (input and output channels must divide by it)"),
                        biasParam(), activationParam(), initParam()),
                p -> new Conv2DLayer(p.integer("filters", 1), p.sizes("kernel", 2, 1), p.sizes("stride", 2, 1), p.padding("padding"),
                        p.sizes("dilation", 2, 1), p.integer("groups", 1), p.bool("bias"), Activation.Kind.parse(p.choice("activation")),
                        Init.parse(p.choice("init"))));
        add("ConvTranspose2D", "Convolution", "Transposed 2-D convolution (\"deconvolution\"): upsamples [channels, height, width]",
                doc("y = f(b + Σ_c x[c] * w[c]), each input value scattering its kernel, stride apart",
                        "[C, H, W] → [filters, (H-1)s - 2p + kh + output_padding, ...]", "C·filters·kh·kw (+ filters)", Shape.of(8, 7, 7)),
                List.of(ParamDef.integer("filters", 8, "number of output channels"),
                        ParamDef.intList("kernel", List.of(2, 2), "window: k or kh, kw"),
                        ParamDef.intList("stride", List.of(2, 2), "upsampling step: s or sh, sw"),
                        ParamDef.intList("padding", List.of(0, 0), "rows/columns removed from each border: p or ph, pw"),
                        ParamDef.intList("output_padding", List.of(0, 0), "extra rows/columns at the bottom/right, each < its stride"),
                        biasParam(), activationParam(), initParam()),
                p -> new ConvTranspose2DLayer(p.integer("filters", 1), p.sizes("kernel", 2, 1), p.sizes("stride", 2, 1),
                        p.sizes("padding", 2, 0), p.sizes("output_padding", 2, 0), p.bool("bias"),
                        Activation.Kind.parse(p.choice("activation")), Init.parse(p.choice("init"))));

        // ***** Pooling *****
        List<ParamDef> pool1d = List.of(ParamDef.integer("kernel", 2, "window length"), ParamDef.integer("stride", 2, "step between windows"),
                ParamDef.integer("padding", 0, "padding at each end (at most kernel/2)"));
        List<ParamDef> pool2d = List.of(ParamDef.intList("kernel", List.of(2, 2), "window: k or kh, kw"),
                ParamDef.intList("stride", List.of(2, 2), "step: s or sh, sw"),
                ParamDef.intList("padding", List.of(0, 0), "padding on each border: p or ph, pw (at most half the window)"));
        add("MaxPool1D", "Pooling", "Maximum over each window of [channels, length]",
                doc("y[c, i] = max of x[c] over window i", "[C, L] → [C, ⌊(L + 2p - k)/s⌋ + 1]", "0", Shape.of(4, 32)), pool1d,
                p -> new MaxPool1DLayer(p.integer("kernel", 1), p.integer("stride", 1), p.integer("padding", 0)));
        add("MaxPool2D", "Pooling", "Maximum over each window of [channels, height, width]",
                doc("y[c, i, j] = max of x[c] over window (i, j)", "[C, H, W] → [C, ⌊(H + 2p - kh)/s⌋ + 1, ...]", "0", Shape.of(6, 28, 28)),
                pool2d, p -> new MaxPool2DLayer(p.sizes("kernel", 2, 1), p.sizes("stride", 2, 1), p.sizes("padding", 2, 0)));
        add("AvgPool1D", "Pooling", "Mean over each window of [channels, length]",
                doc("y[c, i] = mean of x[c] over window i (padding counts)", "[C, L] → [C, ⌊(L + 2p - k)/s⌋ + 1]", "0", Shape.of(4, 32)),
                pool1d, p -> new AvgPool1DLayer(p.integer("kernel", 1), p.integer("stride", 1), p.integer("padding", 0)));
        add("AvgPool2D", "Pooling", "Mean over each window of [channels, height, width]",
                doc("y[c, i, j] = mean of x[c] over window (i, j) (padding counts)", "[C, H, W] → [C, ⌊(H + 2p - kh)/s⌋ + 1, ...]", "0",
                        Shape.of(6, 28, 28)),
                pool2d, p -> new AvgPool2DLayer(p.sizes("kernel", 2, 1), p.sizes("stride", 2, 1), p.sizes("padding", 2, 0)));
        add("GlobalAvgPool2D", "Pooling", "Mean of each feature map: [channels, height, width] → [channels]",
                doc("y[c] = mean of x[c]", "[C, H, W] → [C]", "0", Shape.of(16, 5, 5)), List.of(), p -> new GlobalAvgPool2DLayer());
        add("GlobalMaxPool2D", "Pooling", "Maximum of each feature map: [channels, height, width] → [channels]",
                doc("y[c] = max of x[c]", "[C, H, W] → [C]", "0", Shape.of(16, 5, 5)), List.of(), p -> new GlobalMaxPool2DLayer());

        // ***** Normalization *****
        add("BatchNorm", "Normalization", "Normalizes each channel with batch statistics (running averages at inference)",
                doc("y = γ (x - μ_B) / √(σ²_B + eps) + β per channel; inference uses running μ, σ²",
                        "unchanged; [C], [C, L] or [C, H, W], channels first", "2C (+ 2C running statistics, not trained)", Shape.of(6, 28, 28)),
                List.of(ParamDef.number("momentum", 0.1, "weight of the new batch in the running statistics (PyTorch's convention)"),
                        ParamDef.number("eps", 1e-5, "added to the variance")),
                p -> new BatchNormLayer((float) p.number("momentum", 0, 1), (float) p.number("eps", 1e-12, 1)));
        add("LayerNorm", "Normalization", "Normalizes each sample over its last axes (same in training and inference)",
                doc("y = γ (x - μ) / √(σ² + eps) + β, μ and σ² of one sample's last axes", "unchanged", "2·(product of the normalized dims)",
                        Shape.of(10, 16)),
                List.of(ParamDef.integer("axes", 1, "how many trailing axes to normalize over (1 = the last)"),
                        ParamDef.number("eps", 1e-5, "added to the variance")),
                p -> new LayerNormLayer(p.integer("axes", 1), (float) p.number("eps", 1e-12, 1)));
        add("WeightNormDense", "Normalization", "Dense with weight normalization: W = g · v / ‖v‖ per unit",
                doc("a = f(x Wᵀ + b), W = g · v / ‖v‖ per output row", "[in] → [units]", "in·units + units (+ units with bias)", Shape.of(120)),
                List.of(ParamDef.integer("units", 8, "number of output units"), biasParam(), activationParam(), initParam()),
                p -> new WeightNormDenseLayer(p.integer("units", 1), p.bool("bias"), Activation.Kind.parse(p.choice("activation")),
                        Init.parse(p.choice("init"))));

        // ***** Regularization *****
        add("Dropout", "Regularization", "Drops each unit with probability 'rate' while training (inverted dropout)",
                doc("training: a = x ⊙ d / (1 - rate), d_i ~ Bernoulli(1 - rate); inference: a = x", "unchanged", "0", Shape.of(84)),
                List.of(ParamDef.number("rate", 0.5, "probability of DROPPING a unit (0 ≤ rate < 1)")),
                p -> new DropoutLayer((float) p.number("rate", 0, 0.999)));
        add("AlphaDropout", "Regularization", "Dropout for SELU networks: keeps mean 0 and variance 1",
                doc("training: a = α(x ⊙ d + α'(1 - d)) + β, α' = -λα of SELU; inference: a = x", "unchanged", "0", Shape.of(84)),
                List.of(ParamDef.number("rate", 0.05, "probability of dropping a unit (the seed recommends 0.05 or 0.1)")),
                p -> new AlphaDropoutLayer((float) p.number("rate", 0, 0.999)));
        add("GaussianNoise", "Regularization", "Adds N(0, stddev²) noise while training",
                doc("training: a = x + e, e ~ N(0, stddev²); inference: a = x", "unchanged", "0", Shape.of(84)),
                List.of(ParamDef.number("stddev", 0.1, "standard deviation of the noise")),
                p -> new GaussianNoiseLayer((float) p.number("stddev", 0, 1e6)));

        // ***** Recurrent *****
        List<ParamDef> rnn = List.of(ParamDef.integer("units", 16, "size of the hidden state"),
                ParamDef.bool("return_sequences", false, "output every step [T, units] instead of the last [units]"));
        add("SimpleRNN", "Recurrent", "Elman RNN over [time steps, features]",
                doc("h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), h_0 = 0", "[T, F] → [units], or [T, units] with return_sequences",
                        "units·(F + units + 2)", Shape.of(10, 8)),
                rnn, p -> new SimpleRNNLayer(p.integer("units", 1), p.bool("return_sequences")));
        add("LSTM", "Recurrent", "Long short-term memory over [time steps, features]",
                doc("c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ tanh(c_t); i, f, o = σ(·), g = tanh(·)",
                        "[T, F] → [units], or [T, units] with return_sequences", "4·units·(F + units + 2)", Shape.of(10, 8)),
                rnn, p -> new LSTMLayer(p.integer("units", 1), p.bool("return_sequences")));
        add("GRU", "Recurrent", "Gated recurrent unit over [time steps, features]",
                doc("n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}; r, z = σ(·)",
                        "[T, F] → [units], or [T, units] with return_sequences", "3·units·(F + units + 2)", Shape.of(10, 8)),
                rnn, p -> new GRULayer(p.integer("units", 1), p.bool("return_sequences")));

        // ***** Merge *****
        merge("Concat", "Joins its inputs along an axis",
                doc("y = [x0 | x1 | ...] along axis", "equal except along axis → that axis summed", "0", Shape.of(4), Shape.of(6)),
                List.of(ParamDef.integer("axis", -1, "axis of the sample to join along; negative counts from the end")),
                p -> new ConcatLayer(p.integer("axis", -16), p.integer("inputs", 2, LayerType.MAX_PORTS)));
        merge("Add", "Element-wise sum of same-shaped inputs (residual connections)",
                doc("y = x0 + x1 + ...", "[s], [s], ... → [s]", "0", Shape.of(8), Shape.of(8)), List.of(),
                p -> new AddLayer(p.integer("inputs", 2, LayerType.MAX_PORTS)));
        merge("Multiply", "Element-wise product of same-shaped inputs (gating)",
                doc("y = x0 ⊙ x1 ⊙ ...", "[s], [s], ... → [s]", "0", Shape.of(8), Shape.of(8)), List.of(),
                p -> new MultiplyLayer(p.integer("inputs", 2, LayerType.MAX_PORTS)));

        // ***** Activations *****
        activation("Identity", Activation.Kind.IDENTITY, "f(x) = x");
        activation("Sigmoid", Activation.Kind.SIGMOID, "σ(x) = 1 / (1 + e^-x)");
        activation("Tanh", Activation.Kind.TANH, "tanh(x)");
        activation("ReLU", Activation.Kind.RELU, "max(0, x)");
        activation("LeakyReLU", Activation.Kind.LEAKY_RELU, "x if x > 0 else alpha x");
        add("PReLU", "Activations", "max(0, x) + a min(0, x) with a learned slope a",
                doc("max(0, x) + a · min(0, x), a learned per channel or shared", "unchanged", "C per channel (first axis), else 1",
                        Shape.of(6, 28, 28)),
                List.of(ParamDef.bool("per_channel", true, "one slope per channel (first axis of the sample) instead of one shared"),
                        ParamDef.number("slope", 0.25, "initial slope a")),
                p -> new PReLULayer(p.bool("per_channel"), (float) p.number("slope", -1e6, 1e6)));
        activation("ELU", Activation.Kind.ELU, "x if x > 0 else alpha (e^x - 1)");
        activation("SELU", Activation.Kind.SELU, "λ (x if x > 0 else α (e^x - 1)), λ≈1.0507, α≈1.6733");
        activation("Softplus", Activation.Kind.SOFTPLUS, "log(1 + e^(beta x)) / beta");
        activation("Softsign", Activation.Kind.SOFTSIGN, "x / (1 + |x|)");
        activation("Softmax", Activation.Kind.SOFTMAX, "e^x_i / Σ_j e^x_j over the last axis");
        activation("LogSoftmax", Activation.Kind.LOG_SOFTMAX, "log softmax over the last axis");
    }
}
