package dev.netwright.ui.versions;

import dev.netwright.graph.GraphDiff;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** How a diff reads in words: the summary line and parameter values. */
final class DiffTexts {
    private DiffTexts() {
    }

    /** "2 added, 1 removed, 3 changed, 1 moved", or "No changes" (moves alone are named: "No changes, 2 moved"). */
    static String summary(GraphDiff d) {
        if (d.added().isEmpty() && d.removed().isEmpty() && d.changed().isEmpty()) {
            return d.moved().isEmpty() ? "No changes to the nodes" : "No changes to the nodes, " + d.moved().size() + " moved";
        }
        return d.added().size() + " added, " + d.removed().size() + " removed, " + d.changed().size() + " changed, "
                + d.moved().size() + " moved";
    }

    /** "Connections: 2 added, 2 removed", or "Connections unchanged". */
    static String edgeSummary(GraphDiff d) {
        if (d.addedEdges().isEmpty() && d.removedEdges().isEmpty()) return "Connections unchanged";
        return "Connections: " + d.addedEdges().size() + " added, " + d.removedEdges().size() + " removed";
    }

    /** One changed node for a tooltip: "type Dense → Conv2D; units 16 → 32". */
    static String changes(GraphDiff.NodeChange c) {
        String params = c.params().stream().map(p -> p.name() + " " + value(p.oldValue()) + " → " + value(p.newValue()))
                .collect(Collectors.joining("; "));
        if (!c.typeChanged()) return params;
        return "type " + c.oldType() + " → " + c.newType() + (params.isEmpty() ? "" : "; " + params);
    }

    /** A parameter value as JSON users read it: 32 (not 32.0), [1, 28, 28], relu, "–" when absent. */
    static String value(Object v) {
        return switch (v) {
            case null -> "–";
            case Double x when !x.isNaN() && !x.isInfinite() -> BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            case Float x when !x.isNaN() && !x.isInfinite() -> BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            case List<?> l -> l.stream().map(DiffTexts::value).collect(Collectors.joining(", ", "[", "]"));
            default -> String.valueOf(v);
        };
    }
}
