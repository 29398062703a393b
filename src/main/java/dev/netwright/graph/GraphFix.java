package dev.netwright.graph;

import java.util.List;

/**
 * A suggested one-click repair of a {@link GraphProblem}: what the user reads ("Insert Reshape(1, 28, 28)") and the
 * edits that do it ({@link GraphFixes#apply}).
 */
public record GraphFix(String label, List<GraphEdit> edits) {
    public GraphFix {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("A fix needs a label");
        edits = edits == null ? List.of() : List.copyOf(edits);
        if (edits.isEmpty()) throw new IllegalArgumentException("A fix needs at least one edit. Received none for '" + label + "'");
    }
}
