package dev.netwright.ui.runs;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.serving.ServingException;
import dev.netwright.serving.ServingService;
import dev.netwright.ui.Formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** "Try it": one input row typed as comma-separated numbers, run through the trained model with ONNX Runtime. */
class TryItForm extends Div {
    private final ServingService serving;
    private final long modelId;
    private final Dataset dataset;
    private final boolean logits;
    private final TextField input = new TextField("Input");
    private final Div result = new Div();

    /**
     * @param dataset the data set the model was trained on (for the expected width and class names), or null
     * @param logits  true when a binary model outputs logits (loss bce_with_logits) rather than probabilities
     */
    TryItForm(ServingService serving, long modelId, Dataset dataset, boolean logits) {
        this.serving = serving;
        this.modelId = modelId;
        this.dataset = dataset;
        this.logits = logits;
        addClassName("nw-try-it");

        int width = dataset == null ? 0 : dataset.featureSize();
        input.setPlaceholder(width == 2 ? "e.g. 0, 1" : "comma-separated numbers");
        input.setHelperText(width > 0 ? width + " comma-separated values, like one row of " + dataset.name() : null);
        input.setErrorMessage(width > 0 ? "Enter " + width + " numbers separated by commas" : "Enter numbers separated by commas");
        input.setClearButtonVisible(true);
        Button predict = new Button("Predict", e -> predict());
        predict.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        predict.addClickShortcut(Key.ENTER).listenOn(input);
        Div row = new Div(input, predict);
        row.addClassName("nw-try-row");

        Div examples = new Div();
        examples.addClassName("nw-try-examples");
        if (dataset != null && dataset.size() > 0) {
            examples.add(new Span("Samples:"));
            for (int i = 0; i < Math.min(4, dataset.size()); i++) {
                String text = sample(i);
                Button b = new Button(text, e -> {
                    input.setValue(text);
                    predict();
                });
                b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST, ButtonVariant.LUMO_TERTIARY);
                examples.add(b);
            }
        }
        result.addClassName("nw-try-result");
        result.getElement().setAttribute("aria-live", "polite");
        add(new H3("Try it"), row, examples, result);
    }

    private String sample(int i) {
        int f = dataset.featureSize();
        List<String> values = new ArrayList<>();
        for (int k = 0; k < f; k++) values.add(Formats.number((double) dataset.features()[i * f + k]));
        return String.join(", ", values);
    }

    private void predict() {
        result.removeAll();
        Optional<float[]> row = parse(input.getValue());
        int width = dataset == null ? 0 : dataset.featureSize();
        if (row.isEmpty() || (width > 0 && row.get().length != width)) {
            input.setInvalid(true);
            return;
        }
        input.setInvalid(false);
        try {
            Optional<float[][]> out = serving.predict(modelId, new float[][]{row.get()});
            if (out.isEmpty()) {
                show("The trained model is no longer stored.", true);
                return;
            }
            show(describe(out.get()[0]), false);
        } catch (IllegalArgumentException | ServingException e) {
            show(e.getMessage(), true);
        }
    }

    private String describe(float[] y) {
        String values = y.length == 1 ? Formats.number((double) y[0])
                : "[" + java.util.stream.IntStream.range(0, y.length).mapToObj(i -> Formats.number((double) y[i])).collect(Collectors.joining(", ")) + "]";
        if (dataset == null) return "Output: " + values;
        if (dataset.task() == Task.BINARY && y.length == 1) {
            double p = logits ? 1 / (1 + Math.exp(-y[0])) : y[0];
            int cls = p > 0.5 ? 1 : 0;
            return "Output: " + values + " → class " + className(cls) + String.format(Locale.ROOT, " (p = %.3f)", p);
        }
        if (dataset.task() == Task.MULTICLASS && y.length > 1) {
            int best = 0;
            for (int k = 1; k < y.length; k++) if (y[k] > y[best]) best = k;
            return "Output: " + values + " → class " + className(best);
        }
        return "Output: " + values;
    }

    private String className(int i) {
        return i < dataset.classNames().size() ? dataset.classNames().get(i) : String.valueOf(i);
    }

    private void show(String text, boolean error) {
        Span s = new Span(text);
        s.addClassName(error ? "nw-try-error" : "nw-try-output");
        result.add(s);
    }

    /** "0, 1" or "0 1" → {0, 1}; empty when anything is not a number. */
    static Optional<float[]> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String[] parts = text.trim().replace("[", "").replace("]", "").split("[,;\\s]+");
        float[] out = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) out[i] = Float.parseFloat(parts[i]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }
}
