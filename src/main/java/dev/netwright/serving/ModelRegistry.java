package dev.netwright.serving;

import dev.netwright.persistence.JsonColumns;
import dev.netwright.persistence.ModelVersionEntity;
import dev.netwright.persistence.ModelVersionRepository;
import dev.netwright.persistence.ProjectEntity;
import dev.netwright.persistence.ProjectRepository;
import dev.netwright.persistence.RunEntity;
import dev.netwright.persistence.RunRepository;
import dev.netwright.persistence.TrainedModelEntity;
import dev.netwright.persistence.TrainedModelRepository;
import dev.netwright.persistence.TrainedModelSummary;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry: every ONNX model the server holds, the ones runs produced and uploaded ones, each with a name,
 * a stage (draft, staging, production; one production model per name) and its {@link ModelSignature}.
 * <p>Uploads are checked by {@link OnnxModels#inspect} before anything is stored. A run's model is saved by the
 * training service without a name or signature; both are filled in the first time the registry reads the model
 * (named after the run's project). Predictions are checked against the signature, then run by {@link ServingService}.
 * <p>Unknown ids give {@link Optional#empty()}; the REST layer answers 404.
 */
@ApplicationScoped
public class ModelRegistry {
    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    static final int MAX_NAME_LENGTH = 200;

    private final TrainedModelRepository models;
    private final RunRepository runs;
    private final ModelVersionRepository versions;
    private final ProjectRepository projects;
    private final JsonColumns json;
    private final ServingService serving;

    public ModelRegistry(TrainedModelRepository models, RunRepository runs, ModelVersionRepository versions,
                         ProjectRepository projects, JsonColumns json, ServingService serving) {
        this.models = models;
        this.runs = runs;
        this.versions = versions;
        this.projects = projects;
        this.json = json;
        this.serving = serving;
    }

    /** The signature of serialized ONNX bytes; {@link InvalidModelException} if they are not an ONNX model. */
    public ModelSignature signatureOf(byte[] onnx) {
        return ModelSignature.of(OnnxModels.parse(onnx));
    }

    /**
     * Registers an uploaded ONNX file as a draft, after every check of {@link OnnxModels#inspect} (nothing is stored
     * when one fails). The name is {@code name}, else the file name without {@code .onnx}, else {@code upload-<id>}.
     *
     * @throws InvalidModelException    when the bytes are not a model ONNX Runtime can serve
     * @throws IllegalArgumentException when the name is too long
     */
    public ModelView upload(byte[] onnx, String name, String fileName) {
        String chosen = clean(name);
        if (chosen == null && fileName != null) chosen = clean(fileName.replaceFirst("(?i)\\.onnx$", ""));
        ModelSignature signature = OnnxModels.inspect(onnx);
        String finalName = chosen;
        return QuarkusTransaction.joiningExisting().call(() -> {
            TrainedModelEntity m = new TrainedModelEntity();
            m.source = TrainedModelEntity.SOURCE_UPLOAD;
            m.name = finalName;
            m.onnx = onnx;
            m.inputShape = shapeColumn(signature.inputs().getFirst());
            m.outputShape = shapeColumn(signature.outputs().getFirst());
            m.signatureJson = json.write(signature);
            m.createdAt = Instant.now();
            models.persist(m);
            if (m.name == null) m.name = "upload-" + m.id;
            LOG.infof("Model %d registered: '%s', %d bytes, inputs %s", m.id, m.name, onnx.length,
                    signature.inputs().stream().map(i -> i.name() + " " + i.describeShape()).toList());
            return new ModelView(m.id, m.name, m.source, null, m.stage, m.createdAt, m.sizeBytes, m.sha256, signature, null);
        });
    }

    /** Every model, newest first; {@code name} and {@code stage} filter when given. */
    public List<ModelView> list(String name, String stage) {
        String stageId = stage == null || stage.isBlank() ? null : ModelStage.parse(stage).id();
        String nameFilter = name == null || name.isBlank() ? null : name;
        return QuarkusTransaction.joiningExisting().call(() -> {
            // a run's model gets its name on the first read, so filter by name after filling it in
            List<TrainedModelSummary> rows = models.summaries(null, stageId);
            return rows.stream().map(this::view).filter(v -> nameFilter == null || nameFilter.equals(v.name())).toList();
        });
    }

    public Optional<ModelView> get(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> models.summary(id).map(this::view));
    }

    /**
     * Moves a model to {@code stage}. Promoting one to production moves the production model of the same name (if
     * another) to staging, in the same transaction and with the rows of that name locked, so there is never more than
     * one.
     */
    public Optional<ModelView> setStage(long id, ModelStage stage) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<ModelView> model = models.summary(id).map(this::view);
            if (model.isEmpty()) return model;
            String name = model.get().name();
            if (stage == ModelStage.PRODUCTION) {
                models.lockByName(name);
                int demoted = models.demoteProduction(name, id, ModelStage.STAGING.id());
                if (demoted > 0) LOG.infof("Model %d is the production model of '%s' now; %d moved to staging", id, name, demoted);
            }
            models.update("stage = ?1 where id = ?2", stage.id(), id);
            return models.summary(id).map(this::view);
        });
    }

    /**
     * Deletes an uploaded model (and drops its cached session); empty if there is none.
     *
     * @throws ModelConflictException for a run's model: it stays with its run
     */
    public Optional<ModelView> delete(long id) {
        Optional<ModelView> deleted = QuarkusTransaction.joiningExisting().call(() -> {
            Optional<ModelView> model = models.summary(id).map(this::view);
            if (model.isEmpty()) return model;
            if (TrainedModelEntity.SOURCE_RUN.equals(model.get().source())) {
                throw new ModelConflictException("Model " + id + " was trained by run " + model.get().runId()
                        + " and stays with it; only uploaded models can be deleted");
            }
            models.deleteById(id);
            return model;
        });
        deleted.ifPresent(m -> serving.evict(id));
        return deleted;
    }

    /**
     * Runs named input tensors through the model after checking them against its signature (names, rank, fixed
     * dimensions, value counts); empty if there is no such model.
     *
     * @throws IllegalArgumentException naming what was expected and what came when an input does not fit
     */
    public Optional<Map<String, TensorValue>> predict(long id, Map<String, InputTensor> inputs) {
        Optional<ModelView> model = get(id);
        if (model.isEmpty()) return Optional.empty();
        if (model.get().signature() != null) model.get().signature().checkInputs(inputs);
        return serving.predict(id, inputs);
    }

    /**
     * Runs a picture through a grey-image model: its one input must be [N, 1, s, s] or [N, s·s] with s ≥ 8; the picture is
     * converted as the try-it form and image-zip imports convert (luma, resized to s×s, /255, inverted when mostly light
     * and {@code invertLight}), then checked and run like {@link #predict(long, Map)}. Empty if there is no such model.
     *
     * @throws IllegalArgumentException when the model does not take one grey square image, or the bytes are no picture
     */
    public Optional<Map<String, TensorValue>> predictImage(long id, byte[] picture, boolean invertLight) {
        Optional<ModelView> model = get(id);
        if (model.isEmpty()) return Optional.empty();
        ModelSignature sig = model.get().signature();
        if (sig == null || sig.inputs().size() != 1) {
            throw new IllegalArgumentException("Model " + id + " does not take exactly one input; send named tensors to /predict");
        }
        ModelSignature.TensorSpec in = sig.inputs().getFirst();
        List<Long> shape = in.shape();
        int side;
        long[] batchShape;
        if (shape.size() == 4 && shape.get(1) == 1 && shape.get(2) > 0 && shape.get(2).equals(shape.get(3))) {
            side = shape.get(2).intValue();
            batchShape = new long[]{1, 1, side, side};
        } else if (shape.size() == 2 && shape.get(1) >= 64 && isSquare(shape.get(1))) { // 8×8 or more: a flat picture, not a few features
            side = (int) Math.round(Math.sqrt(shape.get(1)));
            batchShape = new long[]{1, (long) side * side};
        } else {
            throw new IllegalArgumentException("Model " + id + " takes input '" + in.name() + "' of shape " + shape
                    + ", not a grey square image ([N, 1, s, s] or [N, s·s]); send named tensors to /predict");
        }
        double[] pixels = ImageInput.read(picture, side, invertLight);
        return predict(id, Map.of(in.name(), new InputTensor(batchShape, pixels)));
    }

    private static boolean isSquare(long n) {
        long r = Math.round(Math.sqrt(n));
        return r * r == n;
    }

    /** The view of a row, filling in what a run's model was saved without (name, signature, size, hash). */
    private ModelView view(TrainedModelSummary s) {
        TrainedModelSummary row = s;
        if (s.name() == null || s.signatureJson() == null || s.sizeBytes() == null || s.sha256() == null) row = backfill(s.id());
        ModelSignature signature = row.signatureJson() == null ? null : json.read(row.signatureJson(), ModelSignature.class, "model signature");
        return new ModelView(row.id(), row.name(), row.source(), row.runId(), row.stage(), row.createdAt(), row.sizeBytes(),
                row.sha256(), signature, ModelView.Parity.of(row.parityMaxAbs(), row.parityMaxRel(), row.paritySamples(), row.parityOk()));
    }

    private TrainedModelSummary backfill(long id) {
        TrainedModelEntity m = models.findById(id);
        if (m.signatureJson == null) {
            try {
                m.signatureJson = json.write(signatureOf(m.onnx));
            } catch (InvalidModelException e) {
                LOG.warnf("Model %d: its stored ONNX bytes have no readable signature: %s", id, e.getMessage());
            }
        }
        if (m.sizeBytes == null) m.sizeBytes = (long) m.onnx.length;
        if (m.sha256 == null) m.sha256 = TrainedModelEntity.sha256(m.onnx);
        if (m.name == null) m.name = defaultName(m);
        return new TrainedModelSummary(m.id, m.name, m.source, m.runId, m.stage, m.createdAt, m.sizeBytes, m.sha256, m.signatureJson,
                m.parityMaxAbs, m.parityMaxRel, m.paritySamples, m.parityOk);
    }

    /** A run's model is named after the run's project (so the project's models share one production slot). */
    private String defaultName(TrainedModelEntity m) {
        if (m.runId == null) return "upload-" + m.id;
        RunEntity run = runs.findById(m.runId);
        ModelVersionEntity version = run == null ? null : versions.findById(run.modelVersionId);
        ProjectEntity project = version == null ? null : projects.findById(version.projectId);
        String name = project == null ? null : clean(project.name);
        return name == null ? "run-" + m.runId : name;
    }

    /** Trimmed, or null when blank; too long is refused. */
    private static String clean(String name) {
        if (name == null || name.isBlank()) return null;
        String n = name.strip();
        if (n.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A model name has at most " + MAX_NAME_LENGTH + " characters; this one has " + n.length());
        }
        return n;
    }

    /** The legacy shape columns: {@code [-1,1,28,28]}; {@code []} when the rank is unknown. */
    private static String shapeColumn(ModelSignature.TensorSpec spec) {
        if (spec.shape() == null) return "[]";
        String s = spec.shape().toString().replace(" ", "");
        return s.length() <= 200 ? s : "[]";
    }
}
