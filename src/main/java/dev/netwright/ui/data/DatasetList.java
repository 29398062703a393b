package dev.netwright.ui.data;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.netwright.data.Task;
import dev.netwright.datasets.DatasetView;
import dev.netwright.ui.Formats;

import java.util.List;
import java.util.function.Consumer;

/**
 * The data sets a project can train on: its own (uploaded or generated) and, below, the built-in ones. One of
 * them is selected at a time; selecting reports the data set.
 */
class DatasetList extends Div {
    private final Grid<DatasetView> own = grid("No data sets yet: upload files or generate one.");
    private final Grid<DatasetView> builtin = grid("");
    private final Consumer<DatasetView> onSelect;
    private boolean selecting;

    DatasetList(Consumer<DatasetView> onSelect) {
        this.onSelect = onSelect;
        addClassName("nw-data-list");
        own.addClassName("nw-data-own");
        builtin.addClassName("nw-data-builtin");
        H3 ownTitle = new H3("This project");
        H3 builtinTitle = new H3("Built-in");
        add(ownTitle, own, builtinTitle, builtin);
        own.asSingleSelect().addValueChangeListener(e -> selected(e.getValue(), builtin));
        builtin.asSingleSelect().addValueChangeListener(e -> selected(e.getValue(), own));
    }

    void setItems(List<DatasetView> projectSets, List<DatasetView> builtins) {
        own.setItems(projectSets);
        builtin.setItems(builtins);
    }

    /** Selects the data set with this id (without reporting it); false when it is not listed. */
    boolean select(String id) {
        selecting = true;
        try {
            for (Grid<DatasetView> g : List.of(own, builtin)) {
                var match = g.getListDataView().getItems().filter(d -> d.id().equals(id)).findFirst();
                if (match.isPresent()) {
                    (g == own ? builtin : own).deselectAll();
                    g.select(match.get());
                    return true;
                }
            }
            return false;
        } finally {
            selecting = false;
        }
    }

    /** The first data set of the project, else the first built-in one. */
    DatasetView first() {
        return own.getListDataView().getItems().findFirst().orElseGet(() -> builtin.getListDataView().getItems().findFirst().orElse(null));
    }

    private void selected(DatasetView d, Grid<DatasetView> other) {
        if (d == null || selecting) return;
        selecting = true;
        try {
            other.deselectAll();
        } finally {
            selecting = false;
        }
        onSelect.accept(d);
    }

    private static Grid<DatasetView> grid(String empty) {
        Grid<DatasetView> g = new Grid<>();
        g.setItems(List.of());
        g.addColumn(new ComponentRenderer<>(DatasetList::nameCell)).setHeader("Data set").setFlexGrow(3);
        g.addColumn(d -> Formats.count(d.size())).setHeader("Samples").setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        g.addColumn(d -> DataTexts.splitSizes(d.split())).setHeader("Train / val / test").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true).setFlexGrow(0);
        g.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        g.setAllRowsVisible(true);
        g.setEmptyStateText(empty);
        return g;
    }

    private static Div nameCell(DatasetView d) {
        Span name = new Span(d.name());
        name.addClassName("nw-cell-title");
        String classes = d.task() == Task.REGRESSION ? "" : " · " + d.classes().size() + " classes";
        Span about = new Span(d.kind() + " · " + DataTexts.taskShort(d.task()) + classes);
        about.addClassName("nw-cell-secondary");
        return new Div(name, about);
    }
}
