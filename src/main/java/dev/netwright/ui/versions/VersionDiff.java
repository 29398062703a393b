package dev.netwright.ui.versions;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.NodeSpec;
import dev.netwright.projects.ModelVersionView;
import dev.netwright.ui.DiffTexts;
import dev.netwright.ui.Formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The visual diff of two versions: a summary line, the block definitions that differ (a line each), a legend, version
 * A (before) and B (after) drawn side by side in one frame ({@link VersionsSvg}), and a table of the changed parameters,
 * those of the layers inside changed block definitions included. An instance whose block changed counts, and is drawn,
 * as changed ({@link DiffTexts#blockNotes}), as in the editor's comparison.
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
        summary.setText("Version " + a.version() + " → version " + b.version() + ": " + DiffTexts.summary(d, b.graph()) + ". "
                + DiffTexts.edgeSummary(d) + ".");
        details.setText(nodeList("Added", d.added()) + nodeList("Removed", d.removed()));
        details.setVisible(!details.getText().isEmpty());
        blocks.removeAll();
        List<String> blockLines = DiffTexts.blockLines(d);
        blockLines.forEach(line -> blocks.add(new Div(line)));
        blocks.setVisible(!blockLines.isEmpty());

        Map<String, String> blockNotes = DiffTexts.blockNotes(d, b.graph());
        VersionsSvg.Frame frame = VersionsSvg.Frame.around(a.graph(), b.graph());
        panes.removeAll();
        // a wide design (a chain of layers) reads better full width, A above B
        panes.setClassName("nw-diff-panes-stacked", frame.width() > 1.6 * frame.height());
        panes.add(pane("A", a, VersionsSvg.draw(a.graph(), d, blockNotes, VersionsSvg.Side.A, frame, "Version " + a.version() + " (A)")),
                pane("B", b, VersionsSvg.draw(b.graph(), d, blockNotes, VersionsSvg.Side.B, frame, "Version " + b.version() + " (B)")));

        params.removeAll();
        List<String[]> rows = paramRows(d);
        params.setVisible(!rows.isEmpty());
        if (!rows.isEmpty()) {
            params.add(new H3("Changed parameters"));
            params.getElement().appendChild(table(rows, a.version(), b.version()));
        }
    }

    /**
     * A row (node, parameter, "old → new") per changed type or parameter: the design's nodes, then the layers inside each
     * changed block definition, named "wide in block Pair" (added or removed layers and ports are in the block's line).
     */
    private static List<String[]> paramRows(GraphDiff d) {
        List<String[]> rows = new ArrayList<>();
        for (GraphDiff.NodeChange c : d.changed()) paramRows(rows, c.nodeId(), c);
        for (GraphDiff.BlockChange b : d.changedBlocks()) {
            for (GraphDiff.NodeChange c : b.inner().changed()) paramRows(rows, c.nodeId() + " in block " + b.name(), c);
        }
        return rows;
    }

    private static void paramRows(List<String[]> rows, String node, GraphDiff.NodeChange c) {
        if (c.typeChanged()) rows.add(new String[]{node, "type", c.oldType() + " → " + c.newType()});
        for (GraphDiff.ParamChange p : c.params()) {
            rows.add(new String[]{node, p.name(), DiffTexts.value(p.oldValue()) + " → " + DiffTexts.value(p.newValue())});
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

    private static Element table(List<String[]> rows, int versionA, int versionB) {
        Element table = new Element("table");
        table.setAttribute("aria-label", "Parameters that differ between version " + versionA + " and version " + versionB);
        table.appendChild(row("th", "Node", "Parameter", "Version " + versionA + " → version " + versionB));
        rows.forEach(r -> table.appendChild(row("td", r)));
        return table;
    }

    private static Element row(String cell, String... texts) {
        Element tr = new Element("tr");
        for (String t : texts) tr.appendChild(new Element(cell).setText(t));
        return tr;
    }

    private static String nodeList(String label, List<NodeSpec> nodes) {
        if (nodes.isEmpty()) return "";
        return label + ": " + nodes.stream().map(n -> n.id() + " (" + Blocks.title(n) + ")").collect(Collectors.joining(", ")) + ". ";
    }

    private static Div legend() {
        Div legend = new Div();
        legend.addClassName("nw-diff-legend");
        legend.getElement().setAttribute("aria-label", "Legend");
        legend.add(key("added", "+ added (in B)"), key("removed", "− removed (from A)"), key("changed", "Δ changed parameters or block"),
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
