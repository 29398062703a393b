package dev.netwright.ui.versions;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.NodeSpec;
import dev.netwright.projects.ModelVersionView;
import dev.netwright.ui.DiffTexts;
import dev.netwright.ui.Formats;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The visual diff of two versions: a summary line, the block definitions that differ (a line each), a legend, version
 * A (before) and B (after) drawn side by side in one frame ({@link VersionsSvg}), and a table of the changed parameters.
 */
class VersionDiff extends Div {
    private final Paragraph summary = new Paragraph();
    private final Paragraph details = new Paragraph();
    private final Div blocks = new Div();
    private final Div panes = new Div();
    private final Div params = new Div();

    VersionDiff() {
        addClassName("nw-version-diff");
        summary.addClassName("nw-diff-summary");
        summary.getElement().setAttribute("aria-live", "polite");
        details.addClassName("nw-diff-details");
        blocks.addClassName("nw-diff-blocks");
        panes.addClassName("nw-diff-panes");
        params.addClassName("nw-diff-params");
        add(summary, details, blocks, legend(), panes, params);
    }

    /** Shows what changed from {@code a} to {@code b}. */
    void show(ModelVersionView a, ModelVersionView b) {
        GraphDiff d = GraphDiff.between(a.graph(), b.graph());
        summary.setText("Version " + a.version() + " → version " + b.version() + ": " + DiffTexts.summary(d) + ". " + DiffTexts.edgeSummary(d) + ".");
        details.setText(nodeList("Added", d.added()) + nodeList("Removed", d.removed()));
        details.setVisible(!details.getText().isEmpty());
        blocks.removeAll();
        List<String> blockLines = DiffTexts.blockLines(d);
        blockLines.forEach(line -> blocks.add(new Div(line)));
        blocks.setVisible(!blockLines.isEmpty());

        VersionsSvg.Frame frame = VersionsSvg.Frame.around(a.graph(), b.graph());
        panes.removeAll();
        // a wide design (a chain of layers) reads better full width, A above B
        panes.setClassName("nw-diff-panes-stacked", frame.width() > 1.6 * frame.height());
        panes.add(pane("A", a, VersionsSvg.draw(a.graph(), d, VersionsSvg.Side.A, frame, "Version " + a.version() + " (A)")),
                pane("B", b, VersionsSvg.draw(b.graph(), d, VersionsSvg.Side.B, frame, "Version " + b.version() + " (B)")));

        params.removeAll();
        params.setVisible(!d.changed().isEmpty());
        if (!d.changed().isEmpty()) {
            params.add(new H3("Changed parameters"));
            params.getElement().appendChild(table(d.changed(), a.version(), b.version()));
        }
    }

    private static Div pane(String side, ModelVersionView v, String svg) {
        Span caption = new Span(side + " · Version " + v.version() + " · " + v.name() + " · " + Formats.dateTime(v.createdAt())
                + " by " + Formats.author(v.author()));
        caption.addClassName("nw-diff-caption");
        Div drawing = new Div();
        drawing.addClassName("nw-diff-drawing");
        // the server builds the markup and escapes every id and type in it (VersionsSvg.escape)
        drawing.getElement().setProperty("innerHTML", svg);
        Div pane = new Div(caption, drawing);
        pane.addClassName("nw-diff-pane");
        pane.getElement().setAttribute("data-side", side);
        return pane;
    }

    private static Element table(List<GraphDiff.NodeChange> changed, int versionA, int versionB) {
        Element table = new Element("table");
        table.setAttribute("aria-label", "Parameters that differ between version " + versionA + " and version " + versionB);
        table.appendChild(row("th", "Node", "Parameter", "Version " + versionA + " → version " + versionB));
        for (GraphDiff.NodeChange c : changed) {
            if (c.typeChanged()) table.appendChild(row("td", c.nodeId(), "type", c.oldType() + " → " + c.newType()));
            for (GraphDiff.ParamChange p : c.params()) {
                table.appendChild(row("td", c.nodeId(), p.name(), DiffTexts.value(p.oldValue()) + " → " + DiffTexts.value(p.newValue())));
            }
        }
        return table;
    }

    private static Element row(String cell, String... texts) {
        Element tr = new Element("tr");
        for (String t : texts) tr.appendChild(new Element(cell).setText(t));
        return tr;
    }

    private static String nodeList(String label, List<NodeSpec> nodes) {
        if (nodes.isEmpty()) return "";
        return label + ": " + nodes.stream().map(n -> n.id() + " (" + n.type() + ")").collect(Collectors.joining(", ")) + ". ";
    }

    private static Div legend() {
        Div legend = new Div();
        legend.addClassName("nw-diff-legend");
        legend.getElement().setAttribute("aria-label", "Legend");
        legend.add(key("added", "+ added (in B)"), key("removed", "− removed (from A)"), key("changed", "Δ changed parameters"),
                key("moved", "↔ moved only"), key("edge-added", "new connection"), key("edge-removed", "removed connection"));
        return legend;
    }

    private static Span key(String kind, String text) {
        Span swatch = new Span();
        swatch.addClassNames("nw-diff-swatch", "nw-diff-swatch-" + kind);
        Span key = new Span(swatch, new Span(text));
        key.addClassName("nw-diff-key");
        return key;
    }
}
