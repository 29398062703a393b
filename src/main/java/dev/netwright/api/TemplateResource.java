package dev.netwright.api;

import dev.netwright.graph.GraphSpec;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.TemplateService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Built-in designs to start from. */
@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {
    /**
     * A template without its graph, plus the training settings it is known to work with.
     *
     * @param hasWeights the template carries weights: {@code POST /api/projects/{id}/models/template/{templateId}} saves
     *                   them with the version, and runs start from them
     */
    public record TemplateSummary(String id, String name, String description, String datasetId, String optimizer,
                                  double learningRate, int epochs, int batchSize, boolean hasWeights, String scaling) {
    }

    private final TemplateService templates;

    public TemplateResource(TemplateService templates) {
        this.templates = templates;
    }

    @GET
    public List<TemplateSummary> list() {
        return templates.list().stream().map(t -> new TemplateSummary(t.id(), t.name(), t.description(), t.datasetId(),
                t.optimizer(), t.learningRate(), t.epochs(), t.batchSize(), t.initialWeights().isPresent(),
                t.scalingOrNone().name().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** The template's graph, ready to POST to {@code /api/projects/{id}/models}. */
    @GET
    @Path("/{id}")
    public GraphSpec graph(@PathParam("id") String id) {
        return templates.find(id).orElseThrow(() -> new NotFoundException("Template", id)).graph();
    }
}
