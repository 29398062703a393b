package dev.netwright.ui.versions;

import dev.netwright.graph.Blocks;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.ui.DiffTexts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Draws one side of a diff as inline SVG: every node at its canvas position (a rounded rectangle with its type, or a
 * block instance's block name, and its id), every edge as a curve from the source's right side to the target's left
 * side, like the editor's canvas. Nodes and edges carry {@code data-diff} ("added", "removed", "changed", "moved",
 * "unchanged") and the class {@code nw-diff-<status>}; an instance whose block definition changed is "changed", like in
 * the editor's comparison. {@code versions.css} colours them with Lumo's success, error and warning colours.
 * Both sides are drawn in one shared {@link Frame}, so a node that did not move sits at the same place in A and B.
 */
final class VersionsSvg {
    static final double NODE_WIDTH = 150, NODE_HEIGHT = 56;
    private static final double PAD = 24;
    private static final int MAX_LABEL = 20;

    /** Which design of the diff is drawn: A (before; shows removals) or B (after; shows additions). */
    enum Side { A, B }

    /** The canvas area drawn (the SVG's viewBox): the bounding box of the nodes of both designs plus a margin. */
    record Frame(double x, double y, double width, double height) {
        static Frame around(GraphSpec... graphs) {
            double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
            for (GraphSpec g : graphs) {
                for (NodeSpec n : g.nodes()) {
                    minX = Math.min(minX, n.position().x());
                    minY = Math.min(minY, n.position().y());
                    maxX = Math.max(maxX, n.position().x() + NODE_WIDTH);
                    maxY = Math.max(maxY, n.position().y() + NODE_HEIGHT);
                }
            }
            if (minX > maxX) return new Frame(0, 0, NODE_WIDTH + 2 * PAD, NODE_HEIGHT + 2 * PAD);
            return new Frame(minX - PAD, minY - PAD, maxX - minX + 2 * PAD, maxY - minY + 2 * PAD);
        }
    }

    private VersionsSvg() {
    }

    /**
     * The SVG of {@code graph}, one side of {@code diff} (A: its "a" design, B: its "b" design), in {@code frame}.
     *
     * @param blockNotes the instances changed through their block, with their notes ({@link DiffTexts#blockNotes}); the
     *                   same for both sides
     */
    static String draw(GraphSpec graph, GraphDiff diff, Map<String, String> blockNotes, Side side, Frame frame, String label) {
        Map<String, NodeSpec> nodes = new HashMap<>();
        for (NodeSpec n : graph.nodes()) nodes.putIfAbsent(n.id(), n);
        Map<String, List<String>> inPorts = inPorts(graph);
        Set<List<String>> highlighted = new HashSet<>();
        for (EdgeSpec e : side == Side.A ? diff.removedEdges() : diff.addedEdges()) highlighted.add(ends(e));

        StringBuilder s = new StringBuilder(256 + graph.nodes().size() * 400);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"nw-diff-svg\" role=\"img\" data-side=\"").append(side)
                .append("\" viewBox=\"").append(num(frame.x())).append(' ').append(num(frame.y())).append(' ')
                .append(num(frame.width())).append(' ').append(num(frame.height()))
                .append("\" preserveAspectRatio=\"xMidYMid meet\" aria-label=\"").append(escape(label)).append("\">");
        s.append("<title>").append(escape(label)).append("</title>");
        s.append("<g class=\"nw-diff-edges\">");
        for (EdgeSpec e : graph.edges()) {
            if (e.from() == null || e.to() == null) continue;
            NodeSpec from = nodes.get(e.from().node()), to = nodes.get(e.to().node());
            if (from == null || to == null) continue;
            String status = highlighted.contains(ends(e)) ? (side == Side.A ? "removed" : "added") : "unchanged";
            List<String> ports = inPorts.getOrDefault(to.id(), List.of());
            double x1 = from.position().x() + NODE_WIDTH, y1 = from.position().y() + NODE_HEIGHT / 2;
            double x2 = to.position().x(), y2 = to.position().y() + NODE_HEIGHT * (ports.indexOf(e.to().port()) + 1) / (ports.size() + 1);
            double bend = Math.max(40, Math.abs(x2 - x1) / 2);
            s.append("<path class=\"nw-diff-edge nw-diff-").append(status).append("\" data-diff=\"").append(status)
                    .append("\" data-from=\"").append(escape(from.id())).append("\" data-to=\"").append(escape(to.id()))
                    .append("\" d=\"M").append(num(x1)).append(' ').append(num(y1))
                    .append(" C").append(num(x1 + bend)).append(' ').append(num(y1)).append(", ")
                    .append(num(x2 - bend)).append(' ').append(num(y2)).append(", ")
                    .append(num(x2)).append(' ').append(num(y2)).append("\"><title>")
                    .append(escape(from.id() + " → " + to.id() + ("unchanged".equals(status) ? "" : " (" + status + ")")))
                    .append("</title></path>");
        }
        s.append("</g><g class=\"nw-diff-nodes\">");
        for (NodeSpec n : graph.nodes()) node(s, n, diff, blockNotes.get(n.id()), side);
        return s.append("</g></svg>").toString();
    }

    /** @param blockNote what changed in the node's block, or null */
    private static void node(StringBuilder s, NodeSpec n, GraphDiff diff, String blockNote, Side side) {
        String status = blockNote != null ? "changed" : switch (diff.statusOf(n.id())) {
            // a node id in neither list of its own side (e.g. A drawn against a diff computed the other way) stays plain
            case ADDED -> side == Side.B ? "added" : "unchanged";
            case REMOVED -> side == Side.A ? "removed" : "unchanged";
            case CHANGED -> "changed";
            case MOVED -> "moved";
            case UNCHANGED -> "unchanged";
        };
        String title = Blocks.title(n);
        String tip = n.id() + " (" + title + ")" + switch (status) {
            case "added" -> ": added";
            case "removed" -> ": removed";
            case "changed" -> ": " + (blockNote != null ? blockNote
                    : diff.changed().stream().filter(c -> c.nodeId().equals(n.id())).findFirst().map(DiffTexts::changes).orElse("changed"));
            case "moved" -> ": moved only";
            default -> "";
        };
        String mark = switch (status) {
            case "added" -> "+";
            case "removed" -> "−";
            case "changed" -> "Δ";
            case "moved" -> "↔";
            default -> "";
        };
        double x = n.position().x(), y = n.position().y();
        s.append("<g class=\"nw-diff-node nw-diff-").append(status).append("\" data-diff=\"").append(status)
                .append("\" data-node=\"").append(escape(n.id())).append("\" transform=\"translate(").append(num(x)).append(' ').append(num(y))
                .append(")\"><title>").append(escape(tip)).append("</title>")
                .append("<rect width=\"").append(num(NODE_WIDTH)).append("\" height=\"").append(num(NODE_HEIGHT)).append("\" rx=\"8\"/>")
                .append("<text class=\"nw-diff-type\" x=\"").append(num(NODE_WIDTH / 2)).append("\" y=\"24\">").append(escape(shorten(title))).append("</text>")
                .append("<text class=\"nw-diff-id\" x=\"").append(num(NODE_WIDTH / 2)).append("\" y=\"43\">").append(escape(shorten(n.id()))).append("</text>");
        if (!mark.isEmpty()) {
            s.append("<text class=\"nw-diff-mark\" x=\"").append(num(NODE_WIDTH - 8)).append("\" y=\"17\" aria-hidden=\"true\">").append(mark).append("</text>");
        }
        s.append("</g>");
    }

    /** Per node, the input ports its incoming edges use, sorted ("in" or "in0", "in1", ...). */
    private static Map<String, List<String>> inPorts(GraphSpec g) {
        Map<String, TreeSet<String>> m = new HashMap<>();
        for (EdgeSpec e : g.edges()) {
            if (e.to() != null) m.computeIfAbsent(e.to().node(), k -> new TreeSet<>()).add(String.valueOf(e.to().port()));
        }
        Map<String, List<String>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    private static List<String> ends(EdgeSpec e) {
        return java.util.Arrays.asList(e.from().node(), e.from().port(), e.to().node(), e.to().port());
    }

    private static String shorten(String s) {
        if (s == null) return "";
        return s.length() <= MAX_LABEL ? s : s.substring(0, MAX_LABEL - 1) + "…";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Text and attribute values: {@code & < > " '} as entities. */
    static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
