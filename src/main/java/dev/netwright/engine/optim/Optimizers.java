package dev.netwright.engine.optim;

import dev.netwright.engine.Tensor;
import dev.netwright.engine.backend.OptimizerKernel;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds optimizers by name with PyTorch's default hyper-parameters; {@code options} overrides them
 * (keys: momentum, nesterov, weight_decay, beta1, beta2, eps, alpha, rho, eta_minus, eta_plus, step_min, step_max;
 * quickprop: max_growth (1.75, Fahlman's); delta_bar_delta: kappa (0.01·lr), phi (0.1), theta (0.7)).
 */
public final class Optimizers {
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adam", "adamw", "adagrad", "rmsprop", "adadelta", "rprop",
            "quickprop", "delta_bar_delta");

    /** Each optimizer's settings with their defaults, in the order a form shows them (delta_bar_delta's kappa: 0.01·lr). */
    public static final Map<String, Map<String, Double>> DEFAULTS = defaults();

    /** Each optimizer's setting names. */
    public static final Map<String, List<String>> OPTIONS = DEFAULTS.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
            Map.Entry::getKey, e -> List.copyOf(e.getValue().keySet())));

    private Optimizers() {
    }

    private static Map<String, Map<String, Double>> defaults() {
        Map<String, Map<String, Double>> d = new java.util.LinkedHashMap<>();
        d.put("sgd", ordered("momentum", 0.0, "nesterov", 0.0, "weight_decay", 0.0));
        d.put("momentum", ordered("momentum", 0.9, "weight_decay", 0.0));
        d.put("nesterov", ordered("momentum", 0.9, "weight_decay", 0.0));
        d.put("adam", ordered("beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0));
        d.put("adamw", ordered("beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.01));
        d.put("adagrad", ordered("eps", 1e-10, "weight_decay", 0.0));
        d.put("rmsprop", ordered("alpha", 0.99, "eps", 1e-8, "momentum", 0.0, "weight_decay", 0.0));
        d.put("adadelta", ordered("rho", 0.9, "eps", 1e-6, "weight_decay", 0.0));
        d.put("rprop", ordered("eta_minus", 0.5, "eta_plus", 1.2, "step_min", 1e-6, "step_max", 50.0));
        d.put("quickprop", ordered("max_growth", 1.75));
        d.put("delta_bar_delta", ordered("kappa", null, "phi", 0.1, "theta", 0.7));
        return java.util.Collections.unmodifiableMap(d);
    }

    private static Map<String, Double> ordered(Object... kv) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Double) kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    public static Optimizer create(String name, List<Tensor> params, double lr, Map<String, ? extends Number> options) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        float wd = f(options, "weight_decay", 0);
        return switch (n) {
            case "sgd", "momentum", "nesterov" -> {
                float mom = f(options, "momentum", n.equals("sgd") ? 0 : 0.9f);
                boolean nesterov = n.equals("nesterov") || f(options, "nesterov", 0) != 0;
                yield new Optimizer(params, lr, r -> new OptimizerKernel.Sgd((float) r, mom, nesterov, wd));
            }
            case "adam", "adamw" -> {
                float b1 = f(options, "beta1", 0.9f), b2 = f(options, "beta2", 0.999f), eps = f(options, "eps", 1e-8f);
                float decay = n.equals("adamw") ? f(options, "weight_decay", 0.01f) : wd;
                yield new Optimizer(params, lr, r -> new OptimizerKernel.Adam((float) r, b1, b2, eps, decay, n.equals("adamw")));
            }
            case "adagrad" -> {
                float eps = f(options, "eps", 1e-10f);
                yield new Optimizer(params, lr, r -> new OptimizerKernel.Adagrad((float) r, eps, wd));
            }
            case "rmsprop" -> {
                float alpha = f(options, "alpha", 0.99f), eps = f(options, "eps", 1e-8f), mom = f(options, "momentum", 0);
                yield new Optimizer(params, lr, r -> new OptimizerKernel.RmsProp((float) r, alpha, eps, mom, wd));
            }
            case "adadelta" -> {
                float rho = f(options, "rho", 0.9f), eps = f(options, "eps", 1e-6f);
                yield new Optimizer(params, lr, r -> new OptimizerKernel.Adadelta((float) r, rho, eps, wd));
            }
            case "rprop" -> {
                float em = f(options, "eta_minus", 0.5f), ep = f(options, "eta_plus", 1.2f);
                float smin = f(options, "step_min", 1e-6f), smax = f(options, "step_max", 50f);
                yield new Optimizer(params, lr, r -> new OptimizerKernel.Rprop((float) r, em, ep, smin, smax));
            }
            case "quickprop" -> {
                float growth = f(options, "max_growth", 1.75f);
                yield new Optimizer(params, lr, r -> new OptimizerKernel.Quickprop((float) r, growth));
            }
            case "delta_bar_delta" -> {
                float kappa = f(options, "kappa", (float) (0.01 * lr)), phi = f(options, "phi", 0.1f), theta = f(options, "theta", 0.7f);
                yield new Optimizer(params, lr, r -> new OptimizerKernel.DeltaBarDelta((float) r, kappa, phi, theta));
            }
            default -> throw new IllegalArgumentException("Unknown optimizer '" + name + "'. Known: " + String.join(", ", NAMES));
        };
    }

    private static float f(Map<String, ? extends Number> o, String key, float dflt) {
        Number v = o == null ? null : o.get(key);
        return v == null ? dflt : v.floatValue();
    }
}
