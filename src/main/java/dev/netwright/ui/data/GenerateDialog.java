package dev.netwright.ui.data;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.data.GeneratorCatalog;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.ui.Formats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Generates a procedural data set (moons, spirals, blobs, sequences, ...) into the project: a generator, one field
 * per parameter with its default and range, a name and a split. Problems are shown in the dialog.
 */
class GenerateDialog extends Dialog {
    private final DatasetService datasets;
    private final long projectId;
    private final Consumer<DatasetView> onGenerated;

    private final Select<GeneratorCatalog.GeneratorDef> generator = new Select<>();
    private final FormLayout params = new FormLayout();
    /** The field of each parameter of the chosen generator, by parameter name. */
    private final Map<String, ParamField> fields = new LinkedHashMap<>();
    private final TextField name = new TextField("Name");
    private final SplitChooser split = new SplitChooser(true);
    private final Div error = new Div();

    /** A parameter's field: whole numbers in an IntegerField, others in a NumberField. */
    private record ParamField(GeneratorCatalog.ParamDef def, IntegerField whole, NumberField real) {
        Double value() {
            if (whole != null) return whole.getValue() == null ? null : whole.getValue().doubleValue();
            return real.getValue();
        }

        boolean invalid() {
            return whole != null ? whole.isInvalid() : real.isInvalid();
        }
    }

    /** @param onGenerated called with the new data set (the dialog has closed) */
    GenerateDialog(DatasetService datasets, long projectId, Consumer<DatasetView> onGenerated) {
        this.datasets = datasets;
        this.projectId = projectId;
        this.onGenerated = onGenerated;
        setHeaderTitle("Generate a data set");
        addClassName("nw-data-dialog");
        setWidth("560px");

        generator.setLabel("Generator");
        generator.setItems(GeneratorCatalog.all());
        generator.setItemLabelGenerator(GeneratorCatalog.GeneratorDef::name);
        generator.setWidthFull();
        generator.addValueChangeListener(e -> choose(e.getValue(), e.getOldValue()));
        params.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2));
        name.setMaxLength(200);
        name.setWidthFull();
        error.addClassName("nw-form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        add(generator, params, name, split, error);

        Button cancel = new Button("Cancel", e -> close());
        Button generate = new Button("Generate", e -> generate());
        generate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(cancel, generate);
        GeneratorCatalog.all().stream().findFirst().ifPresent(generator::setValue);
    }

    private void choose(GeneratorCatalog.GeneratorDef def, GeneratorCatalog.GeneratorDef previous) {
        error.setVisible(false);
        params.removeAll();
        fields.clear();
        if (def == null) return;
        generator.setHelperText(def.description() + " (" + DataTexts.task(def.task()) + ")");
        for (GeneratorCatalog.ParamDef p : def.params()) {
            ParamField f = field(p);
            fields.put(p.name(), f);
            params.add(f.whole() != null ? f.whole() : f.real());
        }
        // keep a name the user typed; follow the generator otherwise
        if (name.getValue().isBlank() || previous != null && name.getValue().equals(previous.name())) name.setValue(def.name());
    }

    private static ParamField field(GeneratorCatalog.ParamDef p) {
        String range = "from " + Formats.setting(p.min()) + " to " + Formats.setting(p.max());
        if (p.integer()) {
            IntegerField f = new IntegerField(p.label());
            f.setValue((int) p.defaultValue());
            f.setMin((int) p.min());
            f.setMax((int) Math.min(Integer.MAX_VALUE, p.max()));
            f.setHelperText(range);
            f.setStepButtonsVisible(p.max() - p.min() <= 20);
            return new ParamField(p, f, null);
        }
        NumberField f = new NumberField(p.label());
        f.setValue(p.defaultValue());
        f.setMin(p.min());
        f.setMax(p.max());
        f.setHelperText(range);
        return new ParamField(p, null, f);
    }

    private void generate() {
        GeneratorCatalog.GeneratorDef def = generator.getValue();
        if (def == null) return;
        try {
            Map<String, Double> values = new LinkedHashMap<>();
            for (ParamField f : fields.values()) {
                if (f.invalid() || f.value() == null) {
                    throw new IllegalArgumentException(f.def().label() + " must be a " + (f.def().integer() ? "whole " : "")
                            + "number from " + Formats.setting(f.def().min()) + " to " + Formats.setting(f.def().max()));
                }
                values.put(f.def().name(), f.value());
            }
            DatasetView view = datasets.generate(projectId, def.id(), values, name.getValue(), split.value().orElse(null));
            close();
            onGenerated.accept(view);
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
        }
    }
}
