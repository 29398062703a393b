package dev.netwright.ui;

import dev.netwright.graph.BlockPort;
import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** How a diff reads in words: the summary line, parameter values, block changes (the versions page and the editor). */
public final class DiffTexts {
    private DiffTexts() {
    }

    /**
     * "2 added, 1 removed, 3 changed, 1 moved", or "No changes to the nodes" (moves alone are named: "No changes to the
     * nodes, 2 moved"). {@code b} is the diff's "after" design: an instance whose block changed counts as changed (not
     * moved), as the diff marks it ({@link #blockNotes}).
     */
    public static String summary(GraphDiff d, GraphSpec b) {
        Set<String> instances = d.changedInstances(b).keySet();
        int changed = d.changed().size() + instances.size();
        long moved = d.moved().stream().filter(m -> !instances.contains(m.nodeId())).count();
        if (d.added().isEmpty() && d.removed().isEmpty() && changed == 0) {
            return moved == 0 ? "No changes to the nodes" : "No changes to the nodes, " + moved + " moved";
        }
        return d.added().size() + " added, " + d.removed().size() + " removed, " + changed + " changed, " + moved + " moved";
    }

    /**
     * The instances of {@code b} (the diff's "after" design) that changed through their block ({@link
     * GraphDiff#changedInstances}), each with its note: "block Pair changed: wide changed (units: 16 → 32)", or "block
     * Outer contains a changed block" when only a block nested in it changed.
     */
    public static Map<String, String> blockNotes(GraphDiff d, GraphSpec b) {
        Map<String, String> notes = new LinkedHashMap<>();
        d.changedInstances(b).forEach((id, block) -> notes.put(id, d.blockChange(block)
                .map(c -> "block " + block + " changed: " + blockChange(c))
                .orElse("block " + block + " contains a changed block")));
        return notes;
    }

    /** "Connections: 2 added, 2 removed", or "Connections unchanged". */
    public static String edgeSummary(GraphDiff d) {
        if (d.addedEdges().isEmpty() && d.removedEdges().isEmpty()) return "Connections unchanged";
        return "Connections: " + d.addedEdges().size() + " added, " + d.removedEdges().size() + " removed";
    }

    /** One changed node for a tooltip: "type Dense → Conv2D; units 16 → 32". */
    public static String changes(GraphDiff.NodeChange c) {
        String params = c.params().stream().map(p -> p.name() + " " + value(p.oldValue()) + " → " + value(p.newValue()))
                .collect(Collectors.joining("; "));
        if (!c.typeChanged()) return params;
        return "type " + c.oldType() + " → " + c.newType() + (params.isEmpty() ? "" : "; " + params);
    }

    /** One changed node, a line per difference: "type: Dense → Conv2D", "units: 4 → 8". */
    public static List<String> changeLines(GraphDiff.NodeChange c) {
        List<String> lines = new ArrayList<>();
        if (c.typeChanged()) lines.add("type: " + c.oldType() + " → " + c.newType());
        c.params().forEach(p -> lines.add(p.name() + ": " + value(p.oldValue()) + " → " + value(p.newValue())));
        return lines;
    }

    /**
     * A line per block definition that differs: "Block Stem added (2 layers)", "Block Old removed", "Block Stem changed:
     * drop (Dropout) added; d changed (units: 4 → 8); connections: 1 added; output out: r → drop". Empty when the blocks are the same.
     */
    public static List<String> blockLines(GraphDiff d) {
        List<String> lines = new ArrayList<>();
        for (BlockSpec b : d.addedBlocks()) lines.add("Block " + b.name() + " added (" + layers(b.nodes().size()) + ")");
        for (BlockSpec b : d.removedBlocks()) lines.add("Block " + b.name() + " removed");
        for (GraphDiff.BlockChange c : d.changedBlocks()) lines.add("Block " + c.name() + " changed: " + blockChange(c));
        return lines;
    }

    /** What changed inside one block definition: "drop (Dropout) added; d changed (units: 4 → 8); output out: r → drop". */
    public static String blockChange(GraphDiff.BlockChange c) {
        GraphDiff in = c.inner();
        List<String> parts = new ArrayList<>();
        for (NodeSpec n : in.added()) parts.add(n.id() + " (" + Blocks.title(n) + ") added");
        for (NodeSpec n : in.removed()) parts.add(n.id() + " (" + Blocks.title(n) + ") removed");
        for (GraphDiff.NodeChange n : in.changed()) parts.add(n.nodeId() + " changed (" + String.join(", ", changeLines(n)) + ")");
        if (!in.addedEdges().isEmpty() || !in.removedEdges().isEmpty()) {
            List<String> edges = new ArrayList<>(2);
            if (!in.addedEdges().isEmpty()) edges.add(in.addedEdges().size() + " added");
            if (!in.removedEdges().isEmpty()) edges.add(in.removedEdges().size() + " removed");
            parts.add("connections: " + String.join(", ", edges));
        }
        for (GraphDiff.PortChange p : c.ports()) {
            String port = p.direction() + " " + p.name();
            if (p.before() == null) parts.add(port + " added");
            else if (p.after() == null) parts.add(port + " removed");
            else parts.add(port + ": " + end(p.before()) + " → " + end(p.after()));
        }
        return parts.isEmpty() ? "no visible change" : String.join("; ", parts);
    }

    /** "dense1" for an output or a node's only input, "add1.in1" for another input port. */
    private static String end(BlockPort p) {
        return p.port() == null || p.port().equals("in") || p.port().equals("out") ? p.node() : p.node() + "." + p.port();
    }

    private static String layers(int n) {
        return n + (n == 1 ? " layer" : " layers");
    }

    /** A parameter value as JSON users read it: 32 (not 32.0), [1, 28, 28], relu, "–" when absent. */
    public static String value(Object v) {
        return switch (v) {
            case null -> "–";
            case Double x when !x.isNaN() && !x.isInfinite() -> BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            case Float x when !x.isNaN() && !x.isInfinite() -> BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            case List<?> l -> l.stream().map(DiffTexts::value).collect(Collectors.joining(", ", "[", "]"));
            default -> String.valueOf(v);
        };
    }
}
