package dev.netwright.api;

import dev.netwright.training.ExperimentService;
import dev.netwright.training.ExperimentView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Experiments that group runs; for now k-fold cross-validation. */
@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {
    /** Body of POST /api/experiments/crossval: a run's fields (see POST /api/runs) plus {@code k} (default 5). */
    public record CrossValidation(Integer k, RunResource.StartRun run) {
    }

    private final ExperimentService experiments;

    public ExperimentResource(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @POST
    @Path("/crossval")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response crossValidate(CrossValidation body) {
        if (body == null || body.run() == null) {
            throw new IllegalArgumentException("A JSON body {\"k\": 5, \"run\": {\"modelVersionId\": ..., \"datasetId\": ...}} is required");
        }
        if (body.run().modelVersionId() == null) throw new IllegalArgumentException("run.modelVersionId is required");
        if (body.run().datasetId() == null || body.run().datasetId().isBlank()) throw new IllegalArgumentException("run.datasetId is required");
        if (body.run().split() != null) throw new IllegalArgumentException("run.split does not apply: each fold's split is the fold");
        ExperimentView e = experiments.crossValidate(body.run().modelVersionId(), body.run().datasetId(),
                body.k() == null ? 5 : body.k(), body.run().config());
        return Response.created(URI.create("/api/experiments/" + e.id())).entity(e).build();
    }

    @GET
    @Path("/{id}")
    public ExperimentView get(@PathParam("id") long id) {
        return experiments.get(id);
    }
}
