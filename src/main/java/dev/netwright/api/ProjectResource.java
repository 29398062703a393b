package dev.netwright.api;

import dev.netwright.config.ModelLimits;
import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.GraphSpec;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.GraphJson;
import dev.netwright.projects.ModelImportService;
import dev.netwright.projects.ModelVersionView;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.TemplateService;
import dev.netwright.projects.ProjectView;
import dev.netwright.training.RunView;
import dev.netwright.training.TrainingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * Projects and the model versions saved in them. Requests that save a version name its author in the optional header
 * {@code X-Netwright-Author} ({@link AuthorHeader}); without it the server's default author is recorded.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {
    public record CreateProject(String name, String description) {
    }

    private final ProjectService projects;
    private final TrainingService training;
    private final ModelImportService imports;
    private final TemplateService templates;
    private final long maxModelBytes;

    public ProjectResource(ProjectService projects, TrainingService training, ModelImportService imports, TemplateService templates,
                           ModelLimits limits) {
        this.projects = projects;
        this.templates = templates;
        this.training = training;
        this.imports = imports;
        this.maxModelBytes = limits.maxUploadSize().asLongValue();
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
    public Response saveVersion(@PathParam("id") long id, @HeaderParam(AuthorHeader.NAME) String author, GraphSpec graph) {
        if (graph == null) throw new IllegalArgumentException("A graph JSON body is required");
        ModelVersionView v = projects.saveVersion(id, graph, AuthorHeader.decode(author));
        return Response.created(URI.create("/api/model-versions/" + v.id())).entity(v).build();
    }

    /**
     * Saves a built-in template's design as the project's next version, with the template's weights when it carries
     * some (the seed's exact XOR solution): 201 with the version ({@code hasWeights} true then); 404 for an unknown
     * project or template.
     */
    @POST
    @Path("/projects/{id}/models/template/{templateId}")
    @Consumes(MediaType.WILDCARD) // no body: any (or no) Content-Type will do
    public Response saveTemplate(@PathParam("id") long id, @PathParam("templateId") String templateId,
                                 @HeaderParam(AuthorHeader.NAME) String author) {
        var t = templates.find(templateId).orElseThrow(() -> new NotFoundException("Template", templateId));
        ModelVersionView v = projects.saveTemplate(id, t, AuthorHeader.decode(author));
        return Response.created(URI.create("/api/model-versions/" + v.id())).entity(v).build();
    }

    /**
     * Imports an ONNX model (the raw bytes as application/octet-stream; {@code name} names the version) as the project's
     * next version with its weights: 201 {@code {"modelVersionId", "notes", "problems", ...}}; 400 when it is not a model
     * ONNX Runtime can serve, 422 listing each op (and node) without a Netwright layer, 413 above the upload limit.
     */
    @POST
    @Path("/projects/{id}/models/import")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response importModel(@PathParam("id") long id, @QueryParam("name") String name,
                                @HeaderParam(AuthorHeader.NAME) String author, InputStream body) {
        String by = AuthorHeader.decode(author);
        byte[] bytes = ModelResource.readAtMost(body, maxModelBytes);
        if (bytes == null) return UploadLimit.tooLarge(-1, maxModelBytes, UploadLimit.MODELS_PROPERTY);
        return imported(imports.importOnnx(id, bytes, name, by));
    }

    /** As {@link #importModel}, from multipart field {@code file} (and optional field {@code name}). */
    @POST
    @Path("/projects/{id}/models/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importModelForm(@PathParam("id") long id, @HeaderParam(AuthorHeader.NAME) String author, MultipartFormDataInput input) {
        String by = AuthorHeader.decode(author);
        var files = input.getValues().get("file");
        FormValue file = files == null || files.isEmpty() ? null : files.iterator().next();
        if (file == null || !file.isFileItem()) {
            throw new IllegalArgumentException("Send the ONNX file as the multipart field 'file' (or the bytes alone as application/octet-stream)");
        }
        var names = input.getValues().get("name");
        String name = names == null || names.isEmpty() ? null : names.iterator().next().getValue();
        byte[] bytes;
        try (InputStream in = file.getFileItem().getInputStream()) {
            bytes = ModelResource.readAtMost(in, maxModelBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file: " + e.getMessage(), e);
        }
        if (bytes == null) return UploadLimit.tooLarge(-1, maxModelBytes, UploadLimit.MODELS_PROPERTY);
        return imported(imports.importOnnx(id, bytes, name, by));
    }

    private static Response imported(ModelImportService.ImportedVersion v) {
        return Response.created(URI.create("/api/model-versions/" + v.modelVersionId())).entity(v).build();
    }

    @GET
    @Path("/model-versions/{id}")
    public ModelVersionView version(@PathParam("id") long id) {
        return projects.version(id);
    }

    /** The version's graph alone (the graph format, ready to import); {@code ?download=true} adds a Content-Disposition. */
    @GET
    @Path("/model-versions/{id}/graph")
    public Response graph(@PathParam("id") long id, @QueryParam("download") boolean download) {
        ModelVersionView v = projects.version(id);
        Response.ResponseBuilder r = Response.ok(GraphJson.write(v.graph()), MediaType.APPLICATION_JSON);
        if (download) r.header("Content-Disposition", "attachment; filename=\"netwright-project-" + v.projectId() + "-version-" + v.version() + ".json\"");
        return r.build();
    }

    /** Saves the version's graph as its project's next version (history is kept): 201 with the new version. */
    @POST
    @Path("/model-versions/{id}/restore")
    @Consumes(MediaType.WILDCARD) // no body: any (or no) Content-Type will do
    public Response restore(@PathParam("id") long id, @HeaderParam(AuthorHeader.NAME) String author) {
        ModelVersionView v = projects.restore(id, AuthorHeader.decode(author));
        return Response.created(URI.create("/api/model-versions/" + v.id())).entity(v).build();
    }

    /**
     * What changed from version {@code a} to version {@code b}: nodes added, removed, changed (parameters), moved; edges
     * added, removed; block definitions added, removed, changed (with the inner diff and port changes).
     */
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
