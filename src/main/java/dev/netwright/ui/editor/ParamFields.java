package dev.netwright.ui.editor;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.netwright.graph.layer.ParamDef;
import dev.netwright.ui.Formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One input field per {@link ParamDef}: INT and FLOAT number fields, BOOL a checkbox, CHOICE a select,
 * INT_LIST a text field such as "1, 28, 28". The field shows a node's value and reports the user's new value,
 * already converted to what {@code NodeSpec.params} holds (Integer, Double, Boolean, String, List of Integer).
 */
final class ParamFields {
    /** Wording that reads better than the catalog's one-line description. */
    private static final Map<String, String[]> WORDING = Map.of(
            "Dropout.rate", new String[]{"Drop rate", "Probability of dropping each unit while training (0 ≤ rate < 1); not the keep probability"},
            "Dense.init", new String[]{"Weight initializer", "How the weights start; biases start at 0"},
            "Dense.bias", new String[]{"Bias", null},
            "Input.shape", new String[]{"Shape", "Per-sample shape without the batch dimension, e.g. 2 or 1, 28, 28"});

    private ParamFields() {
    }

    /** A bound field: set values from the node with {@link #show}; user edits arrive at the listener. */
    static final class Binding {
        final ParamDef def;
        final Component field;
        /** What the field says when its text is not a value of the parameter's kind. */
        private final String formatError;
        private boolean updating;
        private Consumer<Object> listener = v -> { };

        private Binding(ParamDef def, Component field, String formatError) {
            this.def = def;
            this.field = field;
            this.formatError = formatError;
        }

        void onChange(Consumer<Object> listener) {
            this.listener = listener;
        }

        /** Marks the field invalid with {@code message} (a BAD_PARAM problem of the node names this parameter). */
        void markInvalid(String message) {
            if (field instanceof HasValidation v) {
                v.setErrorMessage(message);
                v.setInvalid(true);
            }
        }

        private void clearInvalid() {
            if (field instanceof HasValidation v) {
                v.setInvalid(false);
                v.setErrorMessage(formatError);
            }
        }

        /** Shows {@code value} (the node's, or the default) without reporting it as an edit. */
        @SuppressWarnings("unchecked")
        void show(Object value) {
            updating = true;
            try {
                HasValue<?, Object> f = (HasValue<?, Object>) field;
                Object shown = toField(def, value);
                if (!Objects.equals(f.getValue(), shown)) f.setValue(shown);
                clearInvalid();
            } finally {
                updating = false;
            }
        }

        private void edited(Object fieldValue) {
            if (updating) return;
            Optional<Object> value = fromField(def, fieldValue);
            if (value.isEmpty()) {
                markInvalid(formatError);
                return;
            }
            clearInvalid();
            listener.accept(value.get());
        }
    }

    static Binding create(String layerType, ParamDef def) {
        String[] words = WORDING.getOrDefault(layerType + "." + def.name(), new String[]{null, null});
        String label = words[0] != null ? words[0] : humanize(def.name());
        String helper = withDefault(words[1] != null ? words[1] : capitalize(def.description()), def);
        Binding[] self = new Binding[1];
        Component field = switch (def.kind()) {
            case INT -> {
                IntegerField f = new IntegerField(label);
                f.setManualValidation(true); // the binding says what is wrong (Vaadin's own check would clear it on blur)
                f.setStepButtonsVisible(true);
                f.setValueChangeMode(ValueChangeMode.LAZY);
                f.setErrorMessage("Enter a whole number (the layer keeps its value until then)");
                f.setHelperText(helper);
                f.addValueChangeListener(e -> self[0].edited(e.getValue()));
                yield f;
            }
            case FLOAT -> {
                NumberField f = new NumberField(label);
                f.setManualValidation(true);
                f.setValueChangeMode(ValueChangeMode.LAZY);
                f.setErrorMessage("Enter a number (the layer keeps its value until then)");
                f.setHelperText(helper);
                f.addValueChangeListener(e -> self[0].edited(e.getValue()));
                yield f;
            }
            case BOOL -> {
                Checkbox f = new Checkbox(label);
                f.setHelperText(helper);
                f.addValueChangeListener(e -> self[0].edited(e.getValue()));
                yield f;
            }
            case CHOICE -> {
                Select<String> f = new Select<>();
                f.setLabel(label);
                f.setItems(def.choices());
                f.setHelperText(helper);
                f.addValueChangeListener(e -> self[0].edited(e.getValue()));
                yield f;
            }
            case INT_LIST -> {
                TextField f = new TextField(label);
                f.setManualValidation(true);
                f.setValueChangeMode(ValueChangeMode.LAZY);
                f.setPlaceholder("e.g. 1, 28, 28");
                f.setErrorMessage("Enter whole numbers separated by commas, e.g. 1, 28, 28");
                f.setHelperText(helper);
                f.addValueChangeListener(e -> self[0].edited(e.getValue()));
                yield f;
            }
        };
        if (field instanceof HasSize s) s.setWidthFull();
        field.getElement().setAttribute("data-param", def.name());
        self[0] = new Binding(def, field, field instanceof HasValidation v ? v.getErrorMessage() : null);
        return self[0];
    }

    /** The node's parameter value as the field holds it; null when it does not fit the field. */
    static Object toField(ParamDef def, Object value) {
        if (value == null) return def.kind() == ParamDef.Kind.BOOL ? Boolean.FALSE : def.kind() == ParamDef.Kind.INT_LIST ? "" : null;
        return switch (def.kind()) {
            case INT -> value instanceof Number n ? Integer.valueOf(n.intValue()) : parseInt(String.valueOf(value)).orElse(null);
            case FLOAT -> value instanceof Number n ? Double.valueOf(n.doubleValue()) : parseDouble(String.valueOf(value)).orElse(null);
            case BOOL -> value instanceof Boolean b ? b : Boolean.valueOf("true".equalsIgnoreCase(String.valueOf(value)));
            case CHOICE -> {
                String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
                yield def.choices().contains(s) ? s : null;
            }
            case INT_LIST -> value instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.joining(", ")) : String.valueOf(value);
        };
    }

    /** The field's value as the node stores it; empty when the input is not valid for the parameter. */
    static Optional<Object> fromField(ParamDef def, Object value) {
        if (value == null) return Optional.empty();
        return switch (def.kind()) {
            case INT, FLOAT, BOOL -> Optional.of(value);
            case CHOICE -> def.choices().contains(value) ? Optional.of(value) : Optional.empty();
            case INT_LIST -> parseIntList(String.valueOf(value)).map(l -> (Object) l);
        };
    }

    /** "1, 28, 28", "1x28x28", "[2]" → the integers; empty for anything else (or nothing). */
    static Optional<List<Integer>> parseIntList(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.replace("[", "").replace("]", "").trim().split("[,x×\\s]+")) {
            if (part.isBlank()) continue;
            Optional<Integer> i = parseInt(part);
            if (i.isEmpty()) return Optional.empty();
            out.add(i.get());
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> parseDouble(String s) {
        try {
            return Optional.of(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The help text with the default value: "Number of output units (default 8)". */
    static String withDefault(String helper, ParamDef def) {
        if (def.defaultValue() == null || def.kind() == ParamDef.Kind.BOOL) return helper;
        Object shown = toField(def, def.defaultValue());
        if (shown == null || shown.toString().isEmpty()) return helper;
        String text = shown instanceof Double d ? Formats.setting(d) : shown.toString();
        return (helper == null || helper.isEmpty() ? "" : helper + " ") + "(default " + text + ")";
    }

    static String humanize(String name) {
        return capitalize(name.replace('_', ' '));
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
