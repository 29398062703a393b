package dev.netwright.ui.models;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.netwright.serving.ClassScores;
import dev.netwright.serving.TensorValue;
import dev.netwright.ui.Formats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A prediction's outputs: every output tensor's values (four significant digits), and for the first output of one
 * sample the class probabilities as bars when the model names its classes or the output already is a distribution
 * (a softmax); other outputs of several values name their largest.
 */
final class OutputPanel extends Div {
    /** Values shown per output; the rest are counted. */
    private static final int MAX_VALUES = 100;

    OutputPanel() {
        addClassName("nw-model-outputs");
        getElement().setAttribute("aria-live", "polite");
    }

    void clear() {
        removeAll();
    }

    void showError(String message) {
        removeAll();
        Span s = new Span(message);
        s.addClassName("nw-try-error");
        add(s);
    }

    void show(Map<String, TensorValue> outputs, List<String> classLabels) {
        removeAll();
        boolean first = true;
        for (Map.Entry<String, TensorValue> e : outputs.entrySet()) {
            Div block = new Div();
            block.addClassName("nw-model-output");
            block.getElement().setAttribute("data-output", e.getKey());
            Span title = new Span(e.getKey() + " " + Arrays.toString(e.getValue().shape()));
            title.addClassName("nw-output-title");
            block.add(title);
            List<String> texts = texts(e.getValue().data());
            Div values = new Div();
            values.addClassName("nw-output-values");
            for (int i = 0; i < Math.min(MAX_VALUES, texts.size()); i++) {
                Span v = new Span(texts.get(i));
                v.addClassName("nw-output-value");
                values.add(v);
            }
            if (texts.size() > MAX_VALUES) values.add(new Span("… " + Formats.count(texts.size() - MAX_VALUES) + " more"));
            block.add(values);
            float[] row = first ? oneSample(e.getValue()) : null;
            if (row != null) block.add(classes(row, classLabels));
            add(block);
            first = false;
        }
    }

    /** Bars for the class probabilities, or a line naming the largest value; empty for a single value. */
    private static Div classes(float[] row, List<String> labels) {
        Div out = new Div();
        boolean named = labels != null && labels.size() == (row.length == 1 ? 2 : row.length);
        if (!named && !ClassScores.isDistribution(row)) {
            if (row.length > 1) {
                int best = 0;
                for (int i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
                Span s = new Span("Largest output: index " + best + " (" + Formats.number((double) row[best]) + ")");
                s.addClassName("nw-output-best");
                out.add(s);
            }
            return out;
        }
        double[] p = ClassScores.probabilities(row);
        int best = ClassScores.argmax(p);
        out.addClassName("nw-class-bars");
        out.getElement().setAttribute("role", "list");
        out.getElement().setAttribute("aria-label", "Class probabilities");
        for (int k = 0; k < p.length; k++) {
            String label = named ? labels.get(k) : "class " + k;
            Div bar = new Div();
            bar.addClassName("nw-class-bar-fill");
            bar.getStyle().set("width", String.format(Locale.ROOT, "%.1f%%", 100 * p[k]));
            Div track = new Div(bar);
            track.addClassName("nw-class-bar-track");
            Span name = new Span(label);
            name.addClassName("nw-class-name");
            Span pct = new Span(Formats.percent(p[k]));
            pct.addClassName("nw-class-p");
            Div line = new Div(name, track, pct);
            line.addClassName("nw-class-bar");
            line.getElement().setAttribute("role", "listitem");
            if (k == best) line.addClassName("nw-class-best");
            out.add(line);
        }
        return out;
    }

    /** The values of a float output for one sample (batch of one), else null. */
    private static float[] oneSample(TensorValue v) {
        if (v.shape().length == 0 || v.shape()[0] != 1) return null;
        return switch (v.data()) {
            case float[] f when f.length > 0 -> f;
            case double[] d when d.length > 0 -> {
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
                yield f;
            }
            default -> null;
        };
    }

    private static List<String> texts(Object data) {
        List<String> out = new ArrayList<>();
        switch (data) {
            case float[] a -> {
                for (float v : a) out.add(Formats.number((double) v));
            }
            case double[] a -> {
                for (double v : a) out.add(Formats.number(v));
            }
            case long[] a -> {
                for (long v : a) out.add(Long.toString(v));
            }
            case int[] a -> {
                for (int v : a) out.add(Integer.toString(v));
            }
            case boolean[] a -> {
                for (boolean v : a) out.add(Boolean.toString(v));
            }
            case String[] a -> out.addAll(Arrays.asList(a));
            default -> out.add(String.valueOf(data));
        }
        return out;
    }
}
