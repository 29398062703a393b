package dev.netwright.api;

import dev.netwright.data.Augmentation;
import dev.netwright.data.GeneratorCatalog;
import dev.netwright.data.SplitSpec;
import dev.netwright.datasets.DatasetPreview;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.datasets.Imports;
import dev.netwright.datasets.Previews;
import dev.netwright.datasets.SplitView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Data sets: built-in, uploaded (CSV/TSV, IDX, image-folder zip) and generated; previews, splits, folds. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
    /** A generated data set: {@code generator} id (see GET /api/datasets/generators), its params, name, split. */
    public record Generate(String generator, Map<String, Double> params, String name, String split, Boolean stratified, Long seed) {
    }

    /** A split: a preset/percent string ("60/20/20") or fractions; stratified (default true) and seed (default 1). */
    public record SplitRequest(String preset, Double train, Double validation, Double test, Boolean stratified, Long seed) {
        SplitSpec toSpec() {
            boolean strat = stratified == null || stratified;
            long s = seed == null ? 1 : seed;
            if (preset != null && !preset.isBlank()) return Imports.parseSplit(preset, strat, s);
            if (train == null) throw new IllegalArgumentException("Give a preset (\"70/30\", \"60/20/20\", \"98/1/1\") or train, validation and test fractions");
            return new SplitSpec(train, validation == null ? 0 : validation, test == null ? 0 : test, strat, s);
        }
    }

    private final DatasetService datasets;

    public DatasetResource(DatasetService datasets) {
        this.datasets = datasets;
    }

    /** Built-in data sets, and with {@code projectId} that project's own too. */
    @GET
    @Path("/datasets")
    public List<DatasetView> list(@QueryParam("projectId") Long projectId) {
        return datasets.choices(projectId);
    }

    @GET
    @Path("/datasets/generators")
    public List<GeneratorCatalog.GeneratorDef> generators() {
        return GeneratorCatalog.all();
    }

    @GET
    @Path("/projects/{id}/datasets")
    public List<DatasetView> ofProject(@PathParam("id") long projectId) {
        return datasets.list(projectId);
    }

    /** Upload: multipart fields {@code file} (or {@code images}, {@code labels}, ...) plus options; see {@link Imports}. */
    @POST
    @Path("/projects/{id}/datasets")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("id") long projectId, MultipartFormDataInput input) {
        Map<String, Imports.Upload> files = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        String format = null;
        String name = null;
        for (var e : input.getValues().entrySet()) {
            for (FormValue v : e.getValue()) {
                if (v.isFileItem()) {
                    java.nio.file.Path p = v.getFileItem().getFile();
                    files.put(e.getKey(), Imports.Upload.of(v.getFileName(), p));
                } else if (e.getKey().equals("format")) {
                    format = v.getValue();
                } else if (e.getKey().equals("name")) {
                    name = v.getValue();
                } else {
                    options.put(e.getKey(), v.getValue());
                }
            }
        }
        DatasetView d = datasets.importFiles(projectId, new Imports.Request(format, name, files, options));
        return Response.created(URI.create("/api/datasets/" + d.id())).entity(d).build();
    }

    @POST
    @Path("/projects/{id}/datasets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(@PathParam("id") long projectId, Generate body) {
        if (body == null) throw new IllegalArgumentException("A JSON body {\"generator\": ..., \"params\": {...}} is required (or upload files as multipart/form-data)");
        SplitSpec split = body.split() == null ? null
                : Imports.parseSplit(body.split(), body.stratified() == null || body.stratified(), body.seed() == null ? 1 : body.seed());
        DatasetView d = datasets.generate(projectId, body.generator(), body.params(), body.name(), split);
        return Response.created(URI.create("/api/datasets/" + d.id())).entity(d).build();
    }

    @GET
    @Path("/datasets/{id}")
    public DatasetView get(@PathParam("id") String id) {
        return datasets.get(id);
    }

    @GET
    @Path("/datasets/{id}/preview")
    public DatasetPreview preview(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) {
        return datasets.preview(id, limit);
    }

    @PUT
    @Path("/datasets/{id}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    public SplitView split(@PathParam("id") String id, SplitRequest body) {
        if (body == null) throw new IllegalArgumentException("A JSON body {\"preset\": \"60/20/20\"} is required");
        return datasets.setSplit(id, body.toSpec());
    }

    @GET
    @Path("/datasets/{id}/folds")
    public List<SplitView> folds(@PathParam("id") String id, @QueryParam("k") @DefaultValue("5") int k,
                                 @QueryParam("seed") @DefaultValue("1") long seed,
                                 @QueryParam("stratified") @DefaultValue("true") boolean stratified) {
        return datasets.folds(id, k, seed, stratified);
    }

    @GET
    @Path("/datasets/{id}/augmentation-preview")
    public Previews.AugmentationPreview augmentationPreview(@PathParam("id") String id,
                                                            @QueryParam("sample") @DefaultValue("0") int sample,
                                                            @QueryParam("flip") @DefaultValue("false") boolean flip,
                                                            @QueryParam("shift") @DefaultValue("0") int shift,
                                                            @QueryParam("rotation") @DefaultValue("0") double rotation,
                                                            @QueryParam("noise") @DefaultValue("0") double noise,
                                                            @QueryParam("count") @DefaultValue("8") int count,
                                                            @QueryParam("seed") @DefaultValue("1") long seed) {
        return datasets.augmentationPreview(id, sample, new Augmentation(flip, shift, rotation, noise), count, seed);
    }

    @DELETE
    @Path("/datasets/{id}")
    public Response delete(@PathParam("id") String id) {
        datasets.delete(id);
        return Response.noContent().build();
    }
}
