package dev.netwright.api;

import dev.netwright.data.Augmentation;
import dev.netwright.data.Scaling;
import dev.netwright.datasets.Imports;
import dev.netwright.training.EvaluationReport;
import dev.netwright.training.EvaluationService;
import dev.netwright.training.MetricEvent;
import dev.netwright.training.ModelExportService;
import dev.netwright.training.RunConfig;
import dev.netwright.training.RunView;
import dev.netwright.training.TrainingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Training runs: start, watch, stop. Live metrics stream on {@code /ws/runs/{id}}. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    /**
     * Body of POST /api/runs; omitted fields take the defaults shown. {@code split}: a preset or percentages such as
     * "60/20/20" (default: the data set's split); {@code scaling}: none, standardize or min_max (fitted on the
     * training part); {@code augmentation}: image augmentation of training batches.
     */
    public record StartRun(Long modelVersionId, String datasetId, String optimizer, Double learningRate, Integer epochs,
                           Integer batchSize, Long seed, RunConfig.Schedule schedule, String split, String scaling,
                           Augmentation augmentation, RunConfig.Regularization regularization, RunConfig.EarlyStopping earlyStopping,
                           java.util.Map<String, Double> optimizerOptions, Integer checkpointEvery, Integer diagnosticsEvery,
                           Double targetError) {
        public RunConfig config() {
            long s = seed == null ? 1 : seed;
            return new RunConfig(optimizer == null ? "adam" : optimizer, learningRate == null ? 0.01 : learningRate,
                    epochs == null ? 100 : epochs, batchSize == null ? 32 : batchSize, s, schedule,
                    split == null || split.isBlank() ? null : Imports.parseSplit(split, true, s), scaling(scaling), augmentation,
                    regularization, earlyStopping, null, optimizerOptions, checkpointEvery, diagnosticsEvery, targetError);
        }

        private static Scaling scaling(String s) {
            if (s == null || s.isBlank()) return null;
            try {
                return Scaling.valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scaling must be none, standardize or min_max. Received: " + s);
            }
        }
    }

    /** Body of POST /api/runs/{id}/evaluate. */
    public record Evaluate(String split) {
    }

    private final TrainingService training;
    private final EvaluationService evaluations;
    private final ModelExportService exports;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public RunResource(TrainingService training, EvaluationService evaluations, ModelExportService exports,
                       com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.training = training;
        this.evaluations = evaluations;
        this.exports = exports;
        this.mapper = mapper;
    }

    /** Evaluates the run's trained model on its train, validation or test part (default test) and stores the report. */
    @POST
    @Path("/{id}/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    public EvaluationReport evaluate(@PathParam("id") long id, Evaluate body) {
        return evaluations.evaluate(id, body == null || body.split() == null ? "test" : body.split());
    }

    @GET
    @Path("/{id}/evaluations")
    public List<EvaluationReport> evaluations(@PathParam("id") long id) {
        return evaluations.list(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartRun body) {
        if (body == null) throw new IllegalArgumentException("A JSON body {\"modelVersionId\": ..., \"datasetId\": ...} is required");
        if (body.modelVersionId() == null) throw new IllegalArgumentException("modelVersionId is required");
        if (body.datasetId() == null || body.datasetId().isBlank()) throw new IllegalArgumentException("datasetId is required");
        RunView run = training.start(body.modelVersionId(), body.datasetId(), body.config());
        return Response.created(URI.create("/api/runs/" + run.id())).entity(run).build();
    }

    /**
     * The learning rate of each epoch under a schedule (a preview curve), e.g.
     * {@code /api/runs/schedule-preview?type=cosine&lr=0.1&epochs=50&t_max=50}; options as query parameters.
     */
    @GET
    @Path("/schedule-preview")
    public double[] schedulePreview(@QueryParam("type") @DefaultValue("constant") String type,
                                    @QueryParam("lr") @DefaultValue("0.01") double lr,
                                    @QueryParam("epochs") @DefaultValue("100") int epochs,
                                    @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        if (epochs < 1 || epochs > 100_000) throw new IllegalArgumentException("epochs must be in 1..100000. Received: " + epochs);
        java.util.Map<String, Double> options = new java.util.HashMap<>();
        for (var e : uri.getQueryParameters().entrySet()) {
            if (List.of("type", "lr", "epochs").contains(e.getKey())) continue;
            try {
                options.put(e.getKey(), Double.parseDouble(e.getValue().getFirst()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(e.getKey() + " must be a number. Received: " + e.getValue().getFirst());
            }
        }
        return dev.netwright.engine.optim.LrSchedule.preview(type, lr, options, epochs);
    }

    @GET
    @Path("/{id}")
    public RunView get(@PathParam("id") long id) {
        return training.get(id);
    }

    @GET
    @Path("/{id}/metrics")
    public List<MetricEvent> metrics(@PathParam("id") long id) {
        return training.metrics(id);
    }

    /** Clones a run: a new run with the same model version, data set and settings (201). */
    @POST
    @Path("/{id}/rerun")
    public Response rerun(@PathParam("id") long id) {
        RunView run = training.rerun(id);
        return Response.created(URI.create("/api/runs/" + run.id())).entity(run).build();
    }

    /** Pauses a running run between two steps (409 when it is not running). */
    @POST
    @Path("/{id}/pause")
    public RunView pause(@PathParam("id") long id) {
        return training.pause(id);
    }

    /** Body of POST /api/runs/{id}/resume (optional): a new learning rate for a run resumed from its checkpoint. */
    public record Resume(Double learningRate) {
    }

    /**
     * Resumes a paused run exactly where it was, or a stopped, interrupted or failed run from its checkpoint (409 when
     * the run is in another state or has no checkpoint).
     */
    @POST
    @Path("/{id}/resume")
    public RunView resume(@PathParam("id") long id, String body) throws com.fasterxml.jackson.core.JsonProcessingException {
        // the body is optional (a plain POST resumes), so it is read as text whatever its content type
        Resume r = body == null || body.isBlank() ? null : mapper.readValue(body, Resume.class);
        return training.resume(id, r == null ? null : r.learningRate());
    }

    @POST
    @Path("/{id}/stop")
    public RunView stop(@PathParam("id") long id) {
        return training.stop(id);
    }

    /**
     * The run's model exported again with another opset (13..21, default 17) or without the input scaling folded in
     * ({@code foldPreprocessing=false}); the parity checks travel in {@code X-Netwright-Parity-*} headers. 422 names each
     * layer whose op needs a later opset.
     */
    @GET
    @Path("/{id}/onnx")
    @Produces("application/octet-stream")
    public Response onnx(@PathParam("id") long id, @QueryParam("opset") Integer opset,
                         @QueryParam("foldPreprocessing") Boolean foldPreprocessing) {
        ModelExportService.Export e = exports.reexport(id, opset, foldPreprocessing);
        return Response.ok(e.onnx())
                .header("Content-Disposition", "attachment; filename=\"netwright-run-" + id + "-opset" + e.options().opset()
                        + (e.options().foldPreprocessing() ? "" : "-unscaled") + ".onnx\"")
                .header("X-Netwright-Opset", e.options().opset())
                .header("X-Netwright-Parity-Ok", e.ok())
                .header("X-Netwright-Parity-Max-Abs", e.parity().maxAbs())
                .header("X-Netwright-Parity-Max-Rel", e.parity().maxRel())
                .header("X-Netwright-Parity-Samples", e.parity().samples())
                .header("X-Netwright-Parity-Stored-Max-Abs", e.storedParity().maxAbs())
                .build();
    }
}
