package dev.netwright.ui.data;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import dev.netwright.datasets.DatasetPreview;
import dev.netwright.ui.Formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A look at the samples, as suits the data: the first rows as a table, images grouped by class, image pairs (input
 * and target), a scatter plot of 2-D points (coloured by class) or a few sequences as lines.
 */
class PreviewPanel extends Div {
    /** A table row; the index keeps equal rows apart (the grid tells items apart by equality). */
    private record Row(int index, List<Object> values) {
    }

    PreviewPanel(DatasetPreview p) {
        addClassName("nw-preview");
        getElement().setAttribute("data-kind", p.kind());
        switch (p.kind()) {
            case "images" -> add(images(p.images(), p.classes()));
            case "image-pairs" -> add(pairs(p.images()));
            case "sequence" -> add(sequences(p.sequences()));
            case "points" -> {
                add(scatter(p.points()));
                Details rows = new Details("First " + p.rows().size() + " rows", table(p));
                rows.addClassName("nw-preview-rows");
                add(rows);
            }
            default -> {
                add(table(p));
                if (p.header().size() > MAX_COLUMNS) {
                    Span more = new Span("The first " + MAX_COLUMNS + " of " + Formats.count(p.header().size()) + " columns.");
                    more.addClassName("nw-preview-more");
                    add(more);
                }
            }
        }
    }

    /** A wider table shows only its first columns (hundreds of auto-sized columns take the browser seconds to draw). */
    static final int MAX_COLUMNS = 24;

    private static Grid<Row> table(DatasetPreview p) {
        Grid<Row> g = new Grid<>();
        for (int i = 0; i < Math.min(p.header().size(), MAX_COLUMNS); i++) {
            int column = i;
            g.addColumn(row -> column < row.values().size() ? cell(row.values().get(column)) : "").setHeader(p.header().get(i))
                    .setAutoWidth(true).setResizable(true);
        }
        g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        g.setItems(IntStream.range(0, p.rows().size()).mapToObj(i -> new Row(i, p.rows().get(i))).toList());
        g.setAllRowsVisible(p.rows().size() <= 20);
        if (p.rows().size() > 20) g.setHeight("420px");
        g.addClassName("nw-preview-table");
        return g;
    }

    /** Numbers with up to four significant digits, labels as they are. */
    static String cell(Object v) {
        if (v instanceof Number n) return Formats.number(n.doubleValue());
        return String.valueOf(v);
    }

    /** The images grouped by class, the classes in their own order (labels that are no class name come last). */
    private static Div images(List<DatasetPreview.ImageSample> images, List<String> classes) {
        Map<String, List<DatasetPreview.ImageSample>> byClass = new LinkedHashMap<>();
        classes.forEach(c -> byClass.put(c, new ArrayList<>()));
        for (DatasetPreview.ImageSample s : images) byClass.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
        Div out = new Div();
        out.addClassName("nw-image-classes");
        byClass.forEach((label, samples) -> {
            if (samples.isEmpty()) return;
            Span name = new Span(label);
            name.addClassName("nw-image-class-name");
            Div row = new Div();
            row.addClassName("nw-image-row");
            for (DatasetPreview.ImageSample s : samples) row.add(image(s.png(), "sample " + s.index() + ": " + label));
            Div group = new Div(name, row);
            group.addClassName("nw-image-class");
            out.add(group);
        });
        return out;
    }

    /** Each sample's input and target side by side (an autoencoder's pairs are the same image twice). */
    private static Div pairs(List<DatasetPreview.ImageSample> samples) {
        Div row = new Div();
        row.addClassName("nw-image-row");
        for (DatasetPreview.ImageSample s : samples) {
            Span caption = new Span("sample " + s.index());
            caption.addClassName("nw-image-pair-caption");
            Div pair = new Div(image(s.png(), "sample " + s.index() + ": input"), image(s.target(), "sample " + s.index() + ": target"), caption);
            pair.addClassName("nw-image-pair");
            row.add(pair);
        }
        Span note = new Span("Each sample: its input (left) and its target (right), as images.");
        note.addClassName("nw-preview-more");
        Div out = new Div(row, note);
        out.addClassName("nw-image-pairs");
        return out;
    }

    static Image image(String png, String alt) {
        Image img = new Image(png, alt);
        img.addClassName("nw-sample-image");
        img.getElement().setAttribute("title", alt);
        return img;
    }

    private static DataChart scatter(List<DatasetPreview.Point> points) {
        DataChart chart = new DataChart();
        chart.setScatter(points.stream().map(p -> new DataChart.ScatterPoint(p.x(), p.y(), p.label())).toList());
        chart.addClassName("nw-preview-chart");
        return chart;
    }

    private static DataChart sequences(List<DatasetPreview.Sequence> sequences) {
        List<DataChart.Series> series = new ArrayList<>();
        for (DatasetPreview.Sequence s : sequences) {
            for (int f = 0; f < s.values().size(); f++) {
                float[] v = s.values().get(f);
                double[] values = new double[v.length];
                for (int t = 0; t < v.length; t++) values[t] = v[t];
                String feature = s.values().size() > 1 ? String.format(Locale.ROOT, " feature %d", f) : "";
                series.add(new DataChart.Series("sample " + s.index() + feature + " → " + s.target(), values));
            }
        }
        DataChart chart = new DataChart();
        chart.setLines(series);
        chart.addClassName("nw-preview-chart");
        return chart;
    }
}
