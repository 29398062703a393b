package dev.netwright.api;

import dev.netwright.engine.Shape;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.ParamDef;
import dev.netwright.projects.ProjectService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Live validation and shape inference of a design, and the layer catalog for palettes. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GraphResource {
    /** A node's inferred output shape (per sample, without the batch dimension) and parameter count. */
    public record NodeInfo(List<Integer> shape, long parameters) {
    }

    public record Validation(boolean valid, Map<String, List<Integer>> edges, Map<String, NodeInfo> nodes,
                             long totalParameters, List<GraphProblem> problems) {
    }

    public record LayerInfo(String type, String category, String description, List<String> inputs, boolean hasOutput,
                            List<ParamDef> params) {
    }

    private final ProjectService projects;

    public GraphResource(ProjectService projects) {
        this.projects = projects;
    }

    /** 200 when the graph is valid, 422 when it has errors; the body has shapes and problems either way. */
    @POST
    @Path("/graphs/validate")
    public Response validate(GraphSpec graph) {
        if (graph == null) throw new IllegalArgumentException("A graph JSON body is required");
        GraphAnalysis a = projects.validate(graph);
        Map<String, List<Integer>> edges = new LinkedHashMap<>();
        a.edgeShapes().forEach((k, v) -> edges.put(k, dims(v)));
        Map<String, NodeInfo> nodes = new LinkedHashMap<>();
        a.nodeShapes().forEach((k, v) -> nodes.put(k, new NodeInfo(dims(v), a.parameterCounts().getOrDefault(k, 0L))));
        Validation body = new Validation(a.isValid(), edges, nodes, a.totalParameters(), a.problems());
        return Response.status(a.isValid() ? 200 : 422).entity(body).build();
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
