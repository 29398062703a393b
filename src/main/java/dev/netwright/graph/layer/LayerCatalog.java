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

/** Every layer type the canvas offers, with its parameters and defaults. */
public final class LayerCatalog {
    private static final List<String> ACTIVATIONS = Arrays.stream(Activation.Kind.values()).map(Activation.Kind::id).toList();
    private static final List<String> INITS = Arrays.stream(Init.values()).map(i -> i.name().toLowerCase(Locale.ROOT)).toList();
    private static final List<String> LOSSES = Arrays.stream(Loss.values()).map(Loss::id).toList();
    private static final List<String> ONE = List.of("in");

    private static final Map<String, LayerType> TYPES = new LinkedHashMap<>();

    private static void add(LayerType t) {
        TYPES.put(t.type(), t);
    }

    private static void activation(String type, Activation.Kind kind, String description) {
        List<ParamDef> params = switch (kind) {
            case LEAKY_RELU -> List.of(ParamDef.number("alpha", 0.01, "slope for x < 0"));
            case ELU -> List.of(ParamDef.number("alpha", 1.0, "saturation value for x → -∞"));
            case SOFTPLUS -> List.of(ParamDef.number("beta", 1.0, "sharpness: log(1 + exp(beta x)) / beta"));
            default -> List.of();
        };
        add(new LayerType(type, "Activations", description, ONE, params, p -> new ActivationLayer(kind,
                kind == Activation.Kind.LEAKY_RELU || kind == Activation.Kind.ELU ? (float) p.number("alpha", 0, 1e6)
                        : kind == Activation.Kind.SOFTPLUS ? (float) p.number("beta", 1e-6, 1e6) : 0f)));
    }

    static {
        add(new LayerType("Input", "Core", "The input of one sample, e.g. [2] or [1, 28, 28]", List.of(),
                List.of(ParamDef.intList("shape", List.of(2), "per-sample shape, without the batch dimension")),
                p -> new InputLayer(Shape.of(p.intList("shape", 1)))));
        add(new LayerType("Dense", "Core", "Fully connected: a = f(x W^T + b)", ONE,
                List.of(ParamDef.integer("units", 8, "number of output units"),
                        ParamDef.bool("bias", true, "add a learned bias"),
                        ParamDef.choice("activation", "identity", ACTIVATIONS, "applied after the affine map"),
                        ParamDef.choice("init", "glorot_uniform", INITS, "weight initializer (biases start at 0)")),
                p -> new DenseLayer(p.integer("units", 1), p.bool("bias"), Activation.Kind.parse(p.choice("activation")),
                        Init.parse(p.choice("init")))));
        add(new LayerType("Dropout", "Regularization", "Drops each unit with probability 'rate' while training (inverted dropout)", ONE,
                List.of(ParamDef.number("rate", 0.5, "probability of DROPPING a unit (0 ≤ rate < 1)")),
                p -> new DropoutLayer((float) p.number("rate", 0, 0.999))));
        add(new LayerType("Flatten", "Core", "Flattens each sample to a vector", ONE, List.of(), p -> new FlattenLayer()));
        activation("Identity", Activation.Kind.IDENTITY, "f(x) = x");
        activation("Sigmoid", Activation.Kind.SIGMOID, "σ(x) = 1 / (1 + e^-x)");
        activation("Tanh", Activation.Kind.TANH, "tanh(x)");
        activation("ReLU", Activation.Kind.RELU, "max(0, x)");
        activation("LeakyReLU", Activation.Kind.LEAKY_RELU, "x if x > 0 else alpha x");
        activation("ELU", Activation.Kind.ELU, "x if x > 0 else alpha (e^x - 1)");
        activation("SELU", Activation.Kind.SELU, "λ (x if x > 0 else α (e^x - 1)), λ≈1.0507, α≈1.6733");
        activation("Softplus", Activation.Kind.SOFTPLUS, "log(1 + e^(beta x)) / beta");
        activation("Softsign", Activation.Kind.SOFTSIGN, "x / (1 + |x|)");
        activation("Softmax", Activation.Kind.SOFTMAX, "e^x_i / Σ_j e^x_j over the last axis");
        activation("LogSoftmax", Activation.Kind.LOG_SOFTMAX, "log softmax over the last axis");
        add(new LayerType("Output", "Core", "The network's output and the loss it is trained with", ONE,
                List.of(ParamDef.choice("loss", "mse", LOSSES, "training objective")),
                p -> new OutputLayer(Loss.parse(p.choice("loss")))));
    }

    private LayerCatalog() {
    }

    public static Optional<LayerType> find(String type) {
        return Optional.ofNullable(type == null ? null : TYPES.get(type));
    }

    public static List<LayerType> all() {
        return List.copyOf(TYPES.values());
    }
}
