package dev.netwright.api;

import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.GraphSpec;
import dev.netwright.projects.ModelVersionView;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.ProjectView;
import dev.netwright.training.RunView;
import dev.netwright.training.TrainingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** Projects and the model versions saved in them. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {
    public record CreateProject(String name, String description) {
    }

    private final ProjectService projects;
    private final TrainingService training;

    public ProjectResource(ProjectService projects, TrainingService training) {
        this.projects = projects;
        this.training = training;
    }

    @POST
    @Path("/projects")
    public Response create(CreateProject body) {
        if (body == null) throw new IllegalArgumentException("A JSON body {\"name\": ...} is required");
        ProjectView p = projects.create(body.name(), body.description());
        return Response.created(URI.create("/api/projects/" + p.id())).entity(p).build();
    }

    @GET
    @Path("/projects")
    public List<ProjectView> list() {
        return projects.list();
    }

    @GET
    @Path("/projects/{id}")
    public ProjectView get(@PathParam("id") long id) {
        return projects.get(id);
    }

    /** Saves a graph as the project's next version (422 with problems if the graph is invalid; nothing is saved then). */
    @POST
    @Path("/projects/{id}/models")
    public Response saveVersion(@PathParam("id") long id, GraphSpec graph) {
        if (graph == null) throw new IllegalArgumentException("A graph JSON body is required");
        ModelVersionView v = projects.saveVersion(id, graph);
        return Response.created(URI.create("/api/model-versions/" + v.id())).entity(v).build();
    }

    @GET
    @Path("/model-versions/{id}")
    public ModelVersionView version(@PathParam("id") long id) {
        return projects.version(id);
    }

    /** What changed from version {@code a} to version {@code b}: nodes added, removed, changed (parameters), moved; edges added, removed. */
    @GET
    @Path("/model-versions/{a}/diff/{b}")
    public GraphDiff diff(@PathParam("a") long a, @PathParam("b") long b) {
        return projects.diff(a, b);
    }

    @GET
    @Path("/projects/{id}/runs")
    public List<RunView> runs(@PathParam("id") long id) {
        projects.get(id);
        return training.listForProject(id);
    }
}
