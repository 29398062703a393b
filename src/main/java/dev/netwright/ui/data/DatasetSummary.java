package dev.netwright.ui.data;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.netwright.data.Task;
import dev.netwright.datasets.DatasetView;
import dev.netwright.ui.Formats;

import java.util.List;

/**
 * The facts of a data set: samples, shapes, task, where it came from (files with size and SHA-256, generator
 * parameters) and what the import warned about.
 */
class DatasetSummary extends Div {

    DatasetSummary(DatasetView d) {
        addClassName("nw-data-summary");
        Div facts = new Div();
        facts.addClassName("nw-data-facts");
        fact(facts, "Samples", DataTexts.samples(d.size()));
        fact(facts, "Features", DataTexts.shape(d.featureShape()) + " → " + d.targetSize() + (d.targetSize() == 1 ? " target" : " targets"));
        String classes = d.task() == Task.REGRESSION ? "" : " · " + d.classes().size() + " classes";
        fact(facts, "Task", DataTexts.task(d.task()) + classes);
        fact(facts, "Preview", d.kind());
        fact(facts, "Source", DataTexts.source(d.source(), d.provenance()));
        List<String> origin = DataTexts.origin(d.provenance());
        for (int i = 0; i < origin.size(); i++) fact(facts, i == 0 ? (d.provenance().containsKey("files") ? "Files" : "Parameters") : "", origin.get(i));
        if (d.sha256() != null) {
            fact(facts, "Stored", (d.bytes() == null ? "" : DataTexts.bytes(d.bytes()) + " · ") + "sha256 " + DataTexts.shortHash(d.sha256()))
                    .getElement().setAttribute("title", d.sha256());
        }
        if (d.createdAt() != null) fact(facts, "Created", Formats.dateTime(d.createdAt()));
        add(facts);

        if (!d.warnings().isEmpty()) {
            UnorderedList list = new UnorderedList();
            d.warnings().forEach(w -> list.add(new ListItem(w)));
            Span title = new Span(d.warnings().size() == 1 ? "The import noted:" : "The import noted " + d.warnings().size() + " things:");
            Div box = new Div(title, list);
            box.addClassName("nw-warning-box");
            box.getElement().setAttribute("role", "status");
            add(box);
        }
    }

    private static Div fact(Div facts, String label, String value) {
        Span l = new Span(label);
        l.addClassName("nw-fact-label");
        Span v = new Span(value);
        v.addClassName("nw-fact-value");
        Div row = new Div(l, v);
        facts.add(row);
        return row;
    }
}
