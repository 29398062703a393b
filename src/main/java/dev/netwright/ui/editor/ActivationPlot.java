package dev.netwright.ui.editor;

import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.nn.Activation;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.ActivationLayer;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.LayerType;
import dev.netwright.graph.layer.PReLULayer;

import java.util.Locale;
import java.util.Optional;

/**
 * A small plot of an activation f and its derivative f′, sampled from the engine itself: f is the engine's
 * {@link Activation#apply} on {@value #POINTS} points of [-4, 4], f′ the gradient autograd computes for them, so
 * the picture is exactly what training uses (including the engine's choice at the kinks, e.g. ReLU′(0) = 0).
 * Softmax and LogSoftmax are not element-wise: they are drawn for the first of two inputs (x, 0), where softmax
 * is the logistic sigmoid.
 */
final class ActivationPlot {
    static final int POINTS = 101;
    static final double FROM = -4, TO = 4;
    private static final int WIDTH = 240, HEIGHT = 120, PAD = 6;
    private static final double CLIP = 5;

    private ActivationPlot() {
    }

    /** f and f′ at {@code x}. */
    record Curve(String name, double[] x, double[] f, double[] df) {
    }

    /**
     * The curve of a node's activation: an activation layer, PReLU (its initial slope), or the {@code activation}
     * parameter of a Dense, Conv, ... layer unless it is the identity; empty for other layers or invalid parameters.
     */
    static Optional<Curve> of(NodeSpec node, LayerType type) {
        if (type == null) return Optional.empty();
        LayerSpec spec;
        try {
            spec = type.parse(node.params());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return switch (spec) {
            case ActivationLayer a -> Optional.of(sample(type.type(), a.kind(), a.alpha()));
            case PReLULayer p -> Optional.of(sample("PReLU (initial slope " + p.slope() + ")", Activation.Kind.LEAKY_RELU, p.slope()));
            default -> {
                Object act = node.params().get("activation");
                if (act == null || type.params().stream().noneMatch(p -> p.name().equals("activation"))) yield Optional.empty();
                Activation.Kind kind;
                try {
                    kind = Activation.Kind.parse(String.valueOf(act));
                } catch (IllegalArgumentException e) {
                    yield Optional.empty();
                }
                yield kind == Activation.Kind.IDENTITY ? Optional.empty()
                        : Optional.of(sample(kind.id(), kind, Activation.defaultAlpha(kind)));
            }
        };
    }

    /** Samples f and f′ of {@code kind} (alpha: leaky slope, ELU alpha or softplus beta) on {@value #POINTS} points. */
    static Curve sample(String name, Activation.Kind kind, float alpha) {
        double[] xs = new double[POINTS];
        float[] in = new float[POINTS * 2]; // rows (x, 0): the second column only matters to softmax
        for (int i = 0; i < POINTS; i++) {
            xs[i] = FROM + (TO - FROM) * i / (POINTS - 1);
            in[2 * i] = (float) xs[i];
        }
        Tensor x = Tensor.parameter(Shape.of(POINTS, 2), in);
        Tensor first = Activation.apply(kind, alpha, x).narrow(1, 0, 1);
        first.sum().backward();
        float[] f = first.toArray();
        float[] grad = x.grad().toArray();
        double[] fs = new double[POINTS], dfs = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            fs[i] = f[i];
            dfs[i] = grad[2 * i];
        }
        return new Curve(name, xs, fs, dfs);
    }

    /** The curve as an inline SVG: axes, f solid, f′ dashed, values clipped to ±{@value #CLIP}. */
    static String svg(Curve c) {
        double lo = -1, hi = 1;
        for (int i = 0; i < c.x().length; i++) {
            lo = Math.min(lo, Math.min(c.f()[i], c.df()[i]));
            hi = Math.max(hi, Math.max(c.f()[i], c.df()[i]));
        }
        lo = Math.max(lo, -CLIP);
        hi = Math.min(hi, CLIP);
        double ylo = lo, yhi = hi;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"nw-activation-plot\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\"><title>").append(escape(c.name())).append(": f (solid) and f′ (dashed) on [-4, 4]</title>");
        s.append("<line class=\"nw-plot-axis\" x1=\"").append(fmt(px(0))).append("\" y1=\"").append(PAD).append("\" x2=\"")
                .append(fmt(px(0))).append("\" y2=\"").append(HEIGHT - PAD).append("\"/>");
        s.append("<line class=\"nw-plot-axis\" x1=\"").append(PAD).append("\" y1=\"").append(fmt(py(0, ylo, yhi))).append("\" x2=\"")
                .append(WIDTH - PAD).append("\" y2=\"").append(fmt(py(0, ylo, yhi))).append("\"/>");
        s.append("<path class=\"nw-plot-f\" d=\"").append(path(c.x(), c.f(), ylo, yhi)).append("\"/>");
        s.append("<path class=\"nw-plot-df\" d=\"").append(path(c.x(), c.df(), ylo, yhi)).append("\"/>");
        s.append("<text x=\"").append(PAD + 2).append("\" y=\"").append(PAD + 10).append("\" class=\"nw-plot-label\">")
                .append(fmt(yhi)).append("</text>");
        s.append("<text x=\"").append(PAD + 2).append("\" y=\"").append(HEIGHT - PAD - 2).append("\" class=\"nw-plot-label\">")
                .append(fmt(ylo)).append("</text>");
        s.append("</svg>");
        return s.toString();
    }

    private static String path(double[] xs, double[] ys, double lo, double hi) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            double y = Math.max(lo, Math.min(hi, ys[i]));
            d.append(i == 0 ? 'M' : 'L').append(fmt(px(xs[i]))).append(' ').append(fmt(py(y, lo, hi)));
        }
        return d.toString();
    }

    private static double px(double x) {
        return PAD + (x - FROM) / (TO - FROM) * (WIDTH - 2 * PAD);
    }

    private static double py(double y, double lo, double hi) {
        return HEIGHT - PAD - (y - lo) / (hi - lo) * (HEIGHT - 2 * PAD);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
