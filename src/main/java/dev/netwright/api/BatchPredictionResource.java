package dev.netwright.api;

import dev.netwright.persistence.NotFoundException;
import dev.netwright.serving.BatchJobView;
import dev.netwright.serving.BatchPredictionService;
import dev.netwright.serving.BatchStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Batch prediction jobs (started with {@code POST /api/models/{id}/batch-predictions}): their progress and, once
 * finished, their results as CSV.
 */
@Path("/api/batch-predictions")
@Produces(MediaType.APPLICATION_JSON)
public class BatchPredictionResource {
    private final BatchPredictionService batches;

    public BatchPredictionResource(BatchPredictionService batches) {
        this.batches = batches;
    }

    /** Status (QUEUED, RUNNING, FINISHED, FAILED), progress ({@code done} of {@code total} samples) and error. */
    @GET
    @Path("/{jobId}")
    public BatchJobView get(@PathParam("jobId") String jobId) {
        return batches.find(jobId).orElseThrow(() -> new NotFoundException("Batch prediction", jobId));
    }

    /** The results of a finished job; 409 while it is queued or running, or when it failed. */
    @GET
    @Path("/{jobId}/results.csv")
    @Produces("text/csv")
    public Response results(@PathParam("jobId") String jobId) {
        BatchJobView job = get(jobId);
        if (job.status() != BatchStatus.FINISHED) {
            String state = job.status() == BatchStatus.FAILED ? "failed: " + job.error()
                    : "is " + job.status() + " (" + job.done() + " of " + job.total() + " samples); the results are ready when it has FINISHED";
            throw new WebApplicationException("Batch prediction " + jobId + " " + state, Response.Status.CONFLICT);
        }
        java.nio.file.Path file = batches.results(jobId).orElseThrow(() -> new NotFoundException("Results of batch prediction", jobId));
        return Response.ok(file.toFile(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"predictions-model-" + job.modelId() + "-" + job.datasetId().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"")
                .build();
    }
}
