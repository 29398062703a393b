package dev.netwright.ui.data;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one import format, as {@code datasets.Imports} reads them: for CSV the target columns, task,
 * missing values, delimiter, header and categorical columns; for image zips the size and colour; for IDX the class
 * names. Only the chosen format's fields are shown.
 */
class ImportOptionsForm extends Div {
    private final TextField target = new TextField("Target column(s)");
    private final Select<String> task = select("Task", List.of("auto", "binary", "multiclass", "regression"), "auto");
    private final Select<String> missing = select("Missing values", List.of("error", "impute", "drop"), "error");
    private final Select<String> delimiter = select("Delimiter", List.of("auto", ",", ";", "tab", "|"), "auto");
    private final Select<String> header = select("Header row", List.of("auto", "true", "false"), "auto");
    private final TextField categorical = new TextField("Categorical columns");
    private final IntegerField width = sizeField("Width");
    private final IntegerField height = sizeField("Height");
    private final Select<String> color = select("Colour", List.of("grayscale", "rgb"), "grayscale");
    private final TextField classNames = new TextField("Class names");

    private final FormLayout csv = new FormLayout(target, task, missing, delimiter, header, categorical);
    private final FormLayout images = new FormLayout(width, height, color);
    private final FormLayout idx = new FormLayout(classNames);

    ImportOptionsForm() {
        addClassName("nw-import-options");
        target.setPlaceholder("the last column");
        target.setHelperText("Comma separated; several numeric targets make a regression");
        task.setItemLabelGenerator(t -> t.equals("auto") ? "Detect" : t);
        missing.setItemLabelGenerator(m -> switch (m) {
            case "error" -> "Stop with an error";
            case "impute" -> "Fill in (mean / most frequent)";
            default -> "Drop those rows";
        });
        missing.setHelperText("Empty cells, NA, NaN, null or ?");
        delimiter.setItemLabelGenerator(d -> switch (d) {
            case "auto" -> "Detect";
            case "tab" -> "Tab";
            default -> "'" + d + "'";
        });
        header.setItemLabelGenerator(h -> switch (h) {
            case "auto" -> "Detect";
            case "true" -> "Yes";
            default -> "No";
        });
        categorical.setPlaceholder("detected");
        categorical.setHelperText("Columns of numbers to treat as categories (one-hot)");
        csv.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("420px", 2));
        csv.setColspan(target, 2);
        csv.setColspan(categorical, 2);
        color.setItemLabelGenerator(c -> c.equals("rgb") ? "RGB" : "Grayscale");
        images.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 3));
        classNames.setPlaceholder("0, 1, 2, …");
        classNames.setHelperText("Optional, comma separated, one per label (e.g. T-shirt, Trouser, …)");
        classNames.setWidthFull();
        add(csv, images, idx);
        show(UploadFiles.Format.CSV);
    }

    void show(UploadFiles.Format format) {
        csv.setVisible(format == UploadFiles.Format.CSV);
        images.setVisible(format == UploadFiles.Format.IMAGES);
        idx.setVisible(format == UploadFiles.Format.IDX);
    }

    /** The options of {@code format}; fields left at "detect" or empty are left out. */
    Map<String, String> options(UploadFiles.Format format) {
        Map<String, String> o = new LinkedHashMap<>();
        switch (format) {
            case CSV -> {
                putText(o, "target", target.getValue());
                putChoice(o, "task", task.getValue());
                o.put("missing", missing.getValue());
                putChoice(o, "delimiter", delimiter.getValue());
                putChoice(o, "header", header.getValue());
                putText(o, "categorical", categorical.getValue());
            }
            case IMAGES -> {
                if (width.isInvalid() || height.isInvalid()) throw new IllegalArgumentException("Width and height must be 1 to 512 pixels");
                if (width.getValue() != null) o.put("width", String.valueOf(width.getValue()));
                if (height.getValue() != null) o.put("height", String.valueOf(height.getValue()));
                o.put("color", color.getValue());
            }
            case IDX -> putText(o, "classNames", classNames.getValue());
        }
        return o;
    }

    private static void putText(Map<String, String> o, String key, String value) {
        if (value != null && !value.isBlank()) o.put(key, value.trim());
    }

    private static void putChoice(Map<String, String> o, String key, String value) {
        if (value != null && !value.equals("auto")) o.put(key, value);
    }

    private static Select<String> select(String label, List<String> items, String value) {
        Select<String> s = new Select<>();
        s.setLabel(label);
        s.setItems(items);
        s.setValue(value);
        return s;
    }

    private static IntegerField sizeField(String label) {
        IntegerField f = new IntegerField(label);
        f.setValue(28);
        f.setMin(1);
        f.setMax(512);
        f.setSuffixComponent(new Span("px"));
        return f;
    }
}
