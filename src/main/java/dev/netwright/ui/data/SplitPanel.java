package dev.netwright.ui.data;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.datasets.SplitView;
import dev.netwright.ui.Formats;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A data set's default split: the sizes of train, validation and test (and the classes in each), and a form to
 * change it. Built-in data sets keep theirs; runs choose another in their settings.
 */
class SplitPanel extends Div {
    /** One row of the per-class table. */
    private record ClassRow(String name, int total, int train, int validation, int test) {
    }

    private final DatasetService datasets;
    private final DatasetView dataset;
    private final Consumer<SplitView> onChanged;
    private final Span sizes = new Span();
    private final Span description = new Span();
    private final Grid<ClassRow> classes = new Grid<>();
    private final SplitChooser chooser = new SplitChooser(false);
    private final Div error = new Div();

    SplitPanel(DatasetService datasets, DatasetView dataset, Consumer<SplitView> onChanged) {
        this.datasets = datasets;
        this.dataset = dataset;
        this.onChanged = onChanged;
        addClassName("nw-split-panel");
        sizes.addClassName("nw-split-sizes");
        description.addClassName("nw-cell-secondary");

        classes.addColumn(ClassRow::name).setHeader("Class").setFlexGrow(2);
        classes.addColumn(r -> Formats.count(r.total())).setHeader("All").setTextAlign(ColumnTextAlign.END);
        classes.addColumn(r -> Formats.count(r.train())).setHeader("Train").setTextAlign(ColumnTextAlign.END);
        classes.addColumn(r -> Formats.count(r.validation())).setHeader("Validation").setTextAlign(ColumnTextAlign.END);
        classes.addColumn(r -> Formats.count(r.test())).setHeader("Test").setTextAlign(ColumnTextAlign.END);
        classes.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        classes.setAllRowsVisible(true);
        classes.addClassName("nw-split-classes");

        chooser.setValue(dataset.split().spec());
        Button apply = new Button("Apply", e -> apply());
        Div form = new Div(chooser, apply);
        form.addClassName("nw-split-form");
        error.addClassName("nw-form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        add(new Div(sizes, description), classes, form, error);

        if (dataset.builtin()) {
            chooser.setEnabled(false);
            apply.setEnabled(false);
            Paragraph note = new Paragraph("Built-in data sets keep this split; choose another split for a run in its training settings.");
            note.addClassName("nw-helper");
            add(note);
        }
        show(dataset.split());
    }

    private void apply() {
        error.setVisible(false);
        try {
            SplitView v = datasets.setSplit(dataset.id(), chooser.value().orElseThrow());
            show(v);
            onChanged.accept(v);
            Notification.show("Split changed: " + DataTexts.splitSizes(v) + " (train / validation" + (v.test() > 0 ? " / test)" : ")"),
                    3000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
        }
    }

    private void show(SplitView v) {
        sizes.setText("Train " + Formats.count(v.train()) + " · validation " + Formats.count(v.validation())
                + " · test " + Formats.count(v.test()));
        description.setText(DataTexts.splitDescription(v));
        List<String> names = dataset.classes();
        boolean perClass = !names.isEmpty() && !v.trainClassCounts().isEmpty();
        classes.setVisible(perClass);
        if (perClass) {
            classes.setItems(IntStream.range(0, names.size()).mapToObj(c -> new ClassRow(names.get(c),
                    at(dataset.classCounts(), c), at(v.trainClassCounts(), c), at(v.validationClassCounts(), c), at(v.testClassCounts(), c))).toList());
        }
    }

    private static int at(List<Integer> counts, int i) {
        return counts != null && i < counts.size() ? counts.get(i) : 0;
    }
}
