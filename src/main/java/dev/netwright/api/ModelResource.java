package dev.netwright.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.config.ModelLimits;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.serving.BatchJobView;
import dev.netwright.serving.BatchPredictionService;
import dev.netwright.serving.InputTensor;
import dev.netwright.serving.LatencyStats;
import dev.netwright.serving.ModelRegistry;
import dev.netwright.serving.ModelStage;
import dev.netwright.serving.ModelStore;
import dev.netwright.serving.ModelView;
import dev.netwright.serving.ServingService;
import dev.netwright.serving.TensorValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model registry over HTTP: upload ONNX files, list and read models with their signatures, move them between
 * stages, delete uploads, download ONNX, predict through ONNX Runtime (rows or named tensors), start batch predictions
 * over a data set ({@link BatchPredictionResource} follows them) and read recent latency statistics.
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    /** {@code inputs}: rows of numbers ({@code [[0, 1]]}) or named tensors ({@code {"input": {"shape", "data"}}}). */
    public record PredictRequest(JsonNode inputs) {
    }

    /** {@code outputs}: rows (for rows) or named tensors {@code {"output": {"shape", "data"}}}. */
    public record PredictResponse(Object outputs) {
    }

    public record StageRequest(String stage) {
    }

    /** {@code part}: {@code all} (default), {@code train}, {@code validation} or {@code test}. */
    public record BatchPredictionRequest(String datasetId, String part) {
    }

    private final ModelStore store;
    private final ServingService serving;
    private final ModelRegistry registry;
    private final BatchPredictionService batches;
    private final ObjectMapper json;
    private final long maxUploadBytes;

    public ModelResource(ModelStore store, ServingService serving, ModelRegistry registry, BatchPredictionService batches,
                         ObjectMapper json, ModelLimits limits) {
        this.store = store;
        this.serving = serving;
        this.registry = registry;
        this.batches = batches;
        this.json = json;
        this.maxUploadBytes = limits.maxUploadSize().asLongValue();
    }

    /** Every model, newest first; {@code name} and {@code stage} filter. */
    @GET
    public List<ModelView> list(@QueryParam("name") String name, @QueryParam("stage") String stage) {
        return registry.list(name, stage);
    }

    @GET
    @Path("/{id}")
    public ModelView get(@PathParam("id") long id) {
        return registry.get(id).orElseThrow(() -> new NotFoundException("Model", id));
    }

    /** Upload: the raw ONNX bytes; {@code name} names the model. */
    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response upload(@QueryParam("name") String name, InputStream body) {
        byte[] bytes = readAtMost(body, maxUploadBytes);
        if (bytes == null) return UploadLimit.tooLarge(-1, maxUploadBytes, UploadLimit.MODELS_PROPERTY);
        return created(registry.upload(bytes, name, null));
    }

    /** Upload: multipart field {@code file} with the ONNX file, optional field {@code name}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadForm(MultipartFormDataInput input) {
        FormValue file = first(input, "file");
        if (file == null || !file.isFileItem()) {
            throw new IllegalArgumentException("Send the ONNX file as the multipart field 'file' (or the bytes alone as application/octet-stream)");
        }
        FormValue nameField = first(input, "name");
        byte[] bytes;
        try {
            long size = file.getFileItem().getFileSize();
            if (size > maxUploadBytes) return UploadLimit.tooLarge(size, maxUploadBytes, UploadLimit.MODELS_PROPERTY);
            try (InputStream in = file.getFileItem().getInputStream()) {
                bytes = readAtMost(in, maxUploadBytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file: " + e.getMessage(), e);
        }
        if (bytes == null) return UploadLimit.tooLarge(-1, maxUploadBytes, UploadLimit.MODELS_PROPERTY);
        return created(registry.upload(bytes, nameField == null ? null : nameField.getValue(), file.getFileName()));
    }

    /** {@code {"stage": "production"}}: one production model per name; the previous one moves to staging. */
    @PUT
    @Path("/{id}/stage")
    @Consumes(MediaType.APPLICATION_JSON)
    public ModelView stage(@PathParam("id") long id, StageRequest body) {
        if (body == null || body.stage() == null) {
            throw new IllegalArgumentException("A JSON body {\"stage\": \"draft\" | \"staging\" | \"production\"} is required");
        }
        return registry.setStage(id, ModelStage.parse(body.stage())).orElseThrow(() -> new NotFoundException("Model", id));
    }

    /** Deletes an uploaded model (204); a run's model stays with its run (409). */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        registry.delete(id).orElseThrow(() -> new NotFoundException("Model", id));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/onnx")
    @Produces("application/octet-stream")
    public Response onnx(@PathParam("id") long id) {
        byte[] bytes = store.find(id).orElseThrow(() -> new NotFoundException("Model", id)).onnx();
        return Response.ok(bytes).header("Content-Disposition", "attachment; filename=\"netwright-model-" + id + ".onnx\"").build();
    }

    /**
     * Runs the model. Rows ({@code {"inputs": [[0, 1]]}}, one flat row per sample, for models with one input
     * [batch, width]) answer rows; named tensors ({@code {"inputs": {"input": {"shape": [1, 3], "data": [...]}}}})
     * are checked against the model's signature and answer every tensor output by name. 400 names the expected and
     * received shapes when they differ.
     */
    @POST
    @Path("/{id}/predict")
    @Consumes(MediaType.APPLICATION_JSON)
    public PredictResponse predict(@PathParam("id") long id, PredictRequest body) throws JsonProcessingException {
        JsonNode inputs = body == null ? null : body.inputs();
        if (inputs != null && inputs.isObject()) {
            Map<String, TensorValue> out = registry.predict(id, namedTensors(inputs)).orElseThrow(() -> new NotFoundException("Model", id));
            return new PredictResponse(out);
        }
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must be a non-empty array of rows, e.g. {\"inputs\": [[0, 1]]}, or named tensors, "
                    + "e.g. {\"inputs\": {\"input\": {\"shape\": [1, 2], \"data\": [0, 1]}}}");
        }
        float[][] rows = json.treeToValue(inputs, float[][].class);
        return new PredictResponse(serving.predict(id, rows).orElseThrow(() -> new NotFoundException("Model", id)));
    }

    /**
     * Runs a picture (PNG, JPEG, GIF or BMP bytes as the body) through a grey-image model, preprocessed as the model
     * page's try-it form does: resized to the model's s×s input, values / 255, inverted when mostly light unless
     * {@code invert=false}. 400 when the model does not take one grey square image or the body is not a picture.
     */
    @POST
    @Path("/{id}/predict-image")
    @Consumes({"image/png", "image/jpeg", "image/gif", "image/bmp", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public PredictResponse predictImage(@PathParam("id") long id, byte[] body,
                                        @jakarta.ws.rs.QueryParam("invert") @jakarta.ws.rs.DefaultValue("true") boolean invert) {
        if (body == null || body.length == 0) throw new IllegalArgumentException("Send the picture's bytes as the body (image/png, image/jpeg, ...)");
        return new PredictResponse(registry.predictImage(id, body, invert).orElseThrow(() -> new NotFoundException("Model", id)));
    }

    /**
     * Starts a batch prediction over a data set (or one part of its split) in the background: 202 with the job,
     * {@code Location: /api/batch-predictions/{jobId}}; 400 naming the model's input shape and the data set's sample
     * shape when they do not fit (nothing is queued then).
     */
    @POST
    @Path("/{id}/batch-predictions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response batchPredict(@PathParam("id") long id, BatchPredictionRequest body) {
        if (body == null) throw new IllegalArgumentException("A JSON body {\"datasetId\": \"xor\", \"part\": \"all\"} is required");
        BatchJobView job = batches.start(id, body.datasetId(), body.part()).orElseThrow(() -> new NotFoundException("Model", id));
        return Response.accepted(job).location(URI.create("/api/batch-predictions/" + job.jobId())).build();
    }

    /** Latency of the model's recent predictions (REST, batch jobs, the model page), over the last 1000 by default. */
    @GET
    @Path("/{id}/stats")
    public LatencyStats stats(@PathParam("id") long id) {
        registry.get(id).orElseThrow(() -> new NotFoundException("Model", id));
        return serving.latency(id);
    }

    /** {@code {"name": {"shape": [...], "data": [...]}, ...}}, data flat and row-major, numbers or booleans. */
    static Map<String, InputTensor> namedTensors(JsonNode inputs) {
        Map<String, InputTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : inputs.properties()) {
            String name = e.getKey();
            JsonNode t = e.getValue();
            if (!t.isObject()) {
                throw new IllegalArgumentException("input '" + name + "' must be an object {\"shape\": [...], \"data\": [...]}, got " + t.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            for (Map.Entry<String, JsonNode> field : t.properties()) {
                String key = field.getKey();
                if (!key.equals("shape") && !key.equals("data")) {
                    throw new IllegalArgumentException("input '" + name + "' has an unknown field '" + key + "'; expected shape and data");
                }
            }
            JsonNode shape = t.get("shape");
            if (shape == null || !shape.isArray()) throw new IllegalArgumentException("input '" + name + "' needs a shape: an array of sizes, e.g. [1, 784]");
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                JsonNode d = shape.get(i);
                if (!d.isIntegralNumber() || d.asLong() < 0) {
                    throw new IllegalArgumentException("input '" + name + "': shape[" + i + "] is " + d + "; sizes are integers >= 0");
                }
                dims[i] = d.asLong();
            }
            JsonNode data = t.get("data");
            if (data == null || !data.isArray()) throw new IllegalArgumentException("input '" + name + "' needs data: a flat array of numbers, row-major");
            double[] values = new double[data.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode v = data.get(i);
                if (v.isNumber()) {
                    values[i] = v.asDouble();
                } else if (v.isBoolean()) {
                    values[i] = v.asBoolean() ? 1 : 0;
                } else {
                    throw new IllegalArgumentException("input '" + name + "': data[" + i + "] is " + (v.isArray() ? "an array" : v.toString())
                            + "; data is a flat array of numbers, row-major");
                }
            }
            tensors.put(name, new InputTensor(dims, values));
        }
        return tensors;
    }

    private static Response created(ModelView model) {
        return Response.created(URI.create("/api/models/" + model.id())).entity(model).build();
    }

    private static FormValue first(MultipartFormDataInput input, String field) {
        var values = input.getValues().get(field);
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    /** The whole stream, or null if it holds more than {@code limit} bytes (reading stops there). */
    static byte[] readAtMost(InputStream in, long limit) {
        if (in == null) return new byte[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(buf)) != -1; ) {
                total += n;
                if (total > limit) return null;
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
