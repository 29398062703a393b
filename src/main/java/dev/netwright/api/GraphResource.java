package dev.netwright.api;

import dev.netwright.engine.Shape;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphCosts;
import dev.netwright.graph.GraphFix;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.ParamDef;
import dev.netwright.projects.ProjectService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Live validation, shape inference, costs and suggested fixes of a design, and the layer catalog for palettes. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GraphResource {
    /** A node's inferred output shape (per sample, without the batch dimension), parameter count and forward FLOPs per sample. */
    public record NodeInfo(List<Integer> shape, long parameters, long flops) {
    }

    /** The analysis as the canvas reads it; {@code memory} is the training estimate for the asked batch size and optimizer. */
    public record Validation(boolean valid, Map<String, List<Integer>> edges, Map<String, NodeInfo> nodes,
                             long totalParameters, long totalFlops, GraphCosts.MemoryEstimate memory, List<GraphProblem> problems) {

        static Validation of(GraphAnalysis a, int batchSize, String optimizer) {
            Map<String, List<Integer>> edges = new LinkedHashMap<>();
            a.edgeShapes().forEach((k, v) -> edges.put(k, dims(v)));
            Map<String, NodeInfo> nodes = new LinkedHashMap<>();
            a.nodeShapes().forEach((k, v) -> nodes.put(k, new NodeInfo(dims(v), a.parameterCounts().getOrDefault(k, 0L),
                    a.flops().getOrDefault(k, 0L))));
            return new Validation(a.isValid(), edges, nodes, a.totalParameters(), a.totalFlops(), a.memory(batchSize, optimizer),
                    a.problems());
        }
    }

    /**
     * Which fix to apply to {@code graph}: the suggested fix of problem {@code problemIndex} (an index into the
     * problems of {@code POST /api/graphs/validate}), or {@code fix} as given (one of the two).
     */
    public record FixRequest(GraphSpec graph, Integer problemIndex, GraphFix fix) {
    }

    /** The graph after the fix and its analysis. */
    public record FixResult(GraphSpec graph, Validation analysis) {
    }

    public record LayerInfo(String type, String category, String description, List<String> inputs, boolean hasOutput,
                            List<ParamDef> params) {
    }

    private final ProjectService projects;

    public GraphResource(ProjectService projects) {
        this.projects = projects;
    }

    /**
     * 200 when the graph is valid, 422 when it has errors; the body has shapes, costs and problems (with suggested
     * fixes) either way. {@code batchSize} and {@code optimizer} are the training-memory estimate's.
     */
    @POST
    @Path("/graphs/validate")
    public Response validate(GraphSpec graph, @QueryParam("batchSize") @DefaultValue("32") int batchSize,
                             @QueryParam("optimizer") @DefaultValue("adam") String optimizer) {
        if (graph == null) throw new IllegalArgumentException("A graph JSON body is required");
        GraphAnalysis a = projects.validate(graph);
        return Response.status(a.isValid() ? 200 : 422).entity(Validation.of(a, batchSize, optimizer)).build();
    }

    /** Applies a suggested fix; 200 with the new graph and its analysis (which may still list other problems). */
    @POST
    @Path("/graphs/fix")
    public FixResult fix(FixRequest body, @QueryParam("batchSize") @DefaultValue("32") int batchSize,
                         @QueryParam("optimizer") @DefaultValue("adam") String optimizer) {
        if (body == null || body.graph() == null) throw new IllegalArgumentException("A JSON body {\"graph\": ..., \"problemIndex\": ...} is required");
        if ((body.problemIndex() == null) == (body.fix() == null)) {
            throw new IllegalArgumentException("Give exactly one of problemIndex and fix");
        }
        GraphSpec fixed = body.fix() != null ? projects.applyFix(body.graph(), body.fix()) : projects.applyFix(body.graph(), body.problemIndex());
        return new FixResult(fixed, Validation.of(projects.validate(fixed), batchSize, optimizer));
    }

    @GET
    @Path("/layers")
    public List<LayerInfo> layers() {
        return LayerCatalog.all().stream().map(t -> new LayerInfo(t.type(), t.category(), t.description(), t.inputs(),
                t.hasOutput(), t.params())).toList();
    }

    static List<Integer> dims(Shape s) {
        return java.util.Arrays.stream(s.toArray()).boxed().toList();
    }
}
