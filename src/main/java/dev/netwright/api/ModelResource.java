package dev.netwright.api;

import dev.netwright.projects.NotFoundException;
import dev.netwright.serving.ModelStore;
import dev.netwright.serving.ServingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Trained models: download as ONNX, predict through ONNX Runtime. */
@Path("/api/models")
public class ModelResource {
    public record PredictRequest(float[][] inputs) {
    }

    public record PredictResponse(float[][] outputs) {
    }

    private final ModelStore store;
    private final ServingService serving;

    public ModelResource(ModelStore store, ServingService serving) {
        this.store = store;
        this.serving = serving;
    }

    @GET
    @Path("/{id}/onnx")
    @Produces("application/octet-stream")
    public Response onnx(@PathParam("id") long id) {
        byte[] bytes = store.find(id).orElseThrow(() -> new NotFoundException("Model", id)).onnx();
        return Response.ok(bytes).header("Content-Disposition", "attachment; filename=\"netwright-model-" + id + ".onnx\"").build();
    }

    /** Runs the model on rows of input values; 400 names the expected and received shapes when they differ. */
    @POST
    @Path("/{id}/predict")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PredictResponse predict(@PathParam("id") long id, PredictRequest body) {
        if (body == null || body.inputs() == null || body.inputs().length == 0) {
            throw new IllegalArgumentException("inputs must be a non-empty array of rows, e.g. {\"inputs\": [[0, 1]]}");
        }
        return new PredictResponse(serving.predict(id, body.inputs()).orElseThrow(() -> new NotFoundException("Model", id)));
    }
}
