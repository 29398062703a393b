package dev.netwright.ui.data;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.netwright.data.io.ColumnInfo;
import dev.netwright.datasets.DatasetView;
import dev.netwright.datasets.FeatureStat;
import dev.netwright.ui.Formats;

/**
 * What the features look like: minimum, maximum, mean and standard deviation of each feature (each channel of an
 * image), and for tables the columns of the file as the import read them.
 */
class FeaturePanel extends Div {

    FeaturePanel(DatasetView d) {
        addClassName("nw-feature-panel");
        if (!d.columns().isEmpty()) {
            add(new H4("Columns of the file"), columns(d));
        }
        add(new H4(d.featureShape().size() == 3 ? "Channels" : "Features"));
        if (d.featureStats().isEmpty()) {
            Paragraph none = new Paragraph("Too many features to list one by one.");
            none.addClassName("nw-helper");
            add(none);
        } else {
            add(stats(d));
        }
    }

    private static Grid<FeatureStat> stats(DatasetView d) {
        Grid<FeatureStat> g = new Grid<>();
        g.addColumn(FeatureStat::name).setHeader("Name").setFlexGrow(2);
        g.addColumn(s -> Formats.number(s.min())).setHeader("Min").setTextAlign(ColumnTextAlign.END);
        g.addColumn(s -> Formats.number(s.max())).setHeader("Max").setTextAlign(ColumnTextAlign.END);
        g.addColumn(s -> Formats.number(s.mean())).setHeader("Mean").setTextAlign(ColumnTextAlign.END);
        g.addColumn(s -> Formats.number(s.std())).setHeader("Std").setTextAlign(ColumnTextAlign.END);
        style(g);
        g.setItems(d.featureStats());
        g.addClassName("nw-feature-stats");
        if (d.featureStats().size() > 12) {
            g.setAllRowsVisible(false);
            g.setHeight("360px");
        }
        return g;
    }

    private static Grid<ColumnInfo> columns(DatasetView d) {
        Grid<ColumnInfo> g = new Grid<>();
        g.addColumn(ColumnInfo::name).setHeader("Column").setFlexGrow(2);
        g.addColumn(ColumnInfo::kind).setHeader("Kind");
        g.addColumn(new ComponentRenderer<>(c -> {
            Span s = new Span(c.target() ? "target" : "");
            if (c.target()) s.getElement().getThemeList().add("badge success small");
            return s;
        })).setHeader("Role").setAutoWidth(true).setFlexGrow(0);
        g.addColumn(c -> Formats.count(c.missing())).setHeader("Missing").setTextAlign(ColumnTextAlign.END);
        g.addColumn(new ComponentRenderer<>(c -> {
            Span s = new Span(c.categorical() ? Formats.count(c.vocabulary().size()) : "–");
            if (c.categorical()) s.getElement().setAttribute("title", String.join(", ", c.vocabulary().subList(0, Math.min(50, c.vocabulary().size()))));
            return s;
        })).setHeader("Values").setTextAlign(ColumnTextAlign.END);
        style(g);
        g.setItems(d.columns());
        g.addClassName("nw-feature-columns");
        return g;
    }

    private static void style(Grid<?> g) {
        g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        g.setAllRowsVisible(true);
    }
}
