package dev.netwright.graph;

import dev.netwright.engine.Shape;
import dev.netwright.graph.layer.LayerSpec;

import java.util.List;
import java.util.Map;

/**
 * What the server knows about a design: each node's parsed layer, output shape, input shapes (in port order),
 * parameter count and forward FLOPs per sample ({@link GraphCosts}), the shape on each edge, a topological order, and
 * every problem found (some with a suggested {@link GraphFix}). Shapes are per sample, without the batch dimension.
 */
public record GraphAnalysis(Map<String, LayerSpec> layers, Map<String, Shape> nodeShapes, Map<String, Shape> edgeShapes,
                            Map<String, Long> parameterCounts, Map<String, Long> flops, Map<String, List<Shape>> inputShapes,
                            List<String> order, List<GraphProblem> problems) {

    public GraphAnalysis {
        flops = flops == null ? Map.of() : flops;
        inputShapes = inputShapes == null ? Map.of() : inputShapes;
    }

    /** Without FLOPs and input shapes (kept for callers of the original constructor). */
    public GraphAnalysis(Map<String, LayerSpec> layers, Map<String, Shape> nodeShapes, Map<String, Shape> edgeShapes,
                         Map<String, Long> parameterCounts, List<String> order, List<GraphProblem> problems) {
        this(layers, nodeShapes, edgeShapes, parameterCounts, Map.of(), Map.of(), order, problems);
    }

    public boolean isValid() {
        return problems.stream().noneMatch(GraphProblem::isError);
    }

    public long totalParameters() {
        return parameterCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Forward FLOPs of one sample through the whole network. */
    public long totalFlops() {
        return flops.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<GraphProblem> errors() {
        return problems.stream().filter(GraphProblem::isError).toList();
    }

    /** The problems pinned to one node (graph-level problems have a null node id). */
    public List<GraphProblem> problemsAt(String nodeId) {
        return problems.stream().filter(p -> java.util.Objects.equals(nodeId, p.nodeId())).toList();
    }

    /** Training memory for a batch size and optimizer: {@link GraphCosts#estimate}. */
    public GraphCosts.MemoryEstimate memory(int batchSize, String optimizer) {
        return GraphCosts.estimate(this, batchSize, optimizer);
    }
}
