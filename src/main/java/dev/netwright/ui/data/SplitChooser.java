package dev.netwright.ui.data;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import dev.netwright.data.SplitSpec;
import dev.netwright.datasets.Imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fields for a train/validation/test split: a preset (70/30, 60/20/20, 98/1/1) or custom percentages, stratified or
 * not, and the seed of the shuffle. Optionally offers "Default" (let the service choose for the data set's size).
 */
class SplitChooser extends Div {
    static final String DEFAULT = "default";
    static final String CUSTOM = "custom";
    static final List<String> PRESETS = List.of("70/30", "60/20/20", "98/1/1");

    private final Select<String> preset = new Select<>();
    private final NumberField train = percentField("Train");
    private final NumberField validation = percentField("Validation");
    private final NumberField test = percentField("Test");
    private final Div custom = new Div(train, validation, test);
    private final Checkbox stratified = new Checkbox("Stratified", true);
    private final IntegerField seed = new IntegerField("Seed");
    private final Div options;

    SplitChooser(boolean withDefault) {
        addClassName("nw-split-chooser");
        List<String> items = new ArrayList<>();
        if (withDefault) items.add(DEFAULT);
        items.addAll(PRESETS);
        items.add(CUSTOM);
        preset.setLabel("Split");
        preset.setItems(items);
        preset.setItemLabelGenerator(SplitChooser::presetLabel);
        preset.setValue(items.getFirst());
        preset.addValueChangeListener(e -> showFields());

        custom.addClassName("nw-split-custom");
        stratified.setTooltipText("Keep the class proportions the same in every part (classification)");
        seed.setValue(1);
        seed.setMin(0);
        seed.setWidth("7em");
        seed.setTooltipText("The same seed gives the same parts");
        options = new Div(stratified, seed);
        options.addClassName("nw-split-options");
        add(preset, custom, options);
        showFields();
    }

    static String presetLabel(String value) {
        return switch (value) {
            case DEFAULT -> "Default (70/30; all for training below 20)";
            case "70/30" -> "70 / 30 (train / validation)";
            case "60/20/20" -> "60 / 20 / 20 (train / validation / test)";
            case "98/1/1" -> "98 / 1 / 1 (large data sets)";
            case CUSTOM -> "Custom…";
            default -> value;
        };
    }

    /** The split chosen; empty for "Default". */
    Optional<SplitSpec> value() {
        String text = text();
        return text == null ? Optional.empty() : Optional.of(Imports.parseSplit(text, stratified.getValue(), seedValue()));
    }

    /** The split as import options ({@code split}, {@code stratified}, {@code seed}); empty for "Default". */
    Map<String, String> asOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        String text = text();
        if (text == null) return out;
        Imports.parseSplit(text, true, 1); // fail here, with the message, rather than after the upload is parsed
        out.put("split", text);
        out.put("stratified", String.valueOf(stratified.getValue()));
        out.put("seed", String.valueOf(seedValue()));
        return out;
    }

    /** Shows a split: its preset when it is one, else the custom percentages. */
    void setValue(SplitSpec spec) {
        if (spec == null) return;
        String percent = DataTexts.splitPercent(spec);
        if (PRESETS.contains(percent)) {
            preset.setValue(percent);
        } else {
            preset.setValue(CUSTOM);
            train.setValue(round(spec.train() * 100));
            validation.setValue(round(spec.validation() * 100));
            test.setValue(round(spec.test() * 100));
        }
        stratified.setValue(spec.stratified());
        seed.setValue((int) Math.min(Integer.MAX_VALUE, Math.max(0, spec.seed())));
    }

    @Override
    public void setEnabled(boolean enabled) {
        preset.setEnabled(enabled);
        train.setEnabled(enabled);
        validation.setEnabled(enabled);
        test.setEnabled(enabled);
        stratified.setEnabled(enabled);
        seed.setEnabled(enabled);
    }

    private String text() {
        String p = preset.getValue();
        if (p == null || p.equals(DEFAULT)) return null;
        if (!p.equals(CUSTOM)) return p;
        if (train.getValue() == null) throw new IllegalArgumentException("Give the train percentage of the custom split");
        return String.format(Locale.ROOT, "%s/%s/%s", number(train), number(validation), number(test));
    }

    private long seedValue() {
        return seed.getValue() == null ? 1 : seed.getValue();
    }

    private void showFields() {
        String p = preset.getValue();
        custom.setVisible(CUSTOM.equals(p));
        options.setVisible(!DEFAULT.equals(p));
        if (CUSTOM.equals(p) && train.getValue() == null) {
            train.setValue(80.0);
            validation.setValue(10.0);
            test.setValue(10.0);
        }
    }

    private static NumberField percentField(String label) {
        NumberField f = new NumberField(label);
        f.setMin(0);
        f.setMax(100);
        f.setSuffixComponent(new Span("%"));
        f.setWidth("7em");
        return f;
    }

    private static String number(NumberField f) {
        double v = f.getValue() == null ? 0 : f.getValue();
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
