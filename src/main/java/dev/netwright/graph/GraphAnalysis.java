package dev.netwright.graph;

import dev.netwright.engine.Shape;
import dev.netwright.graph.layer.LayerSpec;

import java.util.List;
import java.util.Map;

/**
 * What the server knows about a design: each node's parsed layer, output shape and parameter count,
 * the shape on each edge, a topological order, and every problem found.
 */
public record GraphAnalysis(Map<String, LayerSpec> layers, Map<String, Shape> nodeShapes, Map<String, Shape> edgeShapes,
                            Map<String, Long> parameterCounts, List<String> order, List<GraphProblem> problems) {

    public boolean isValid() {
        return problems.stream().noneMatch(GraphProblem::isError);
    }

    public long totalParameters() {
        return parameterCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<GraphProblem> errors() {
        return problems.stream().filter(GraphProblem::isError).toList();
    }
}
