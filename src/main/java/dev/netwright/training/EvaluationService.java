package dev.netwright.training;

import dev.netwright.data.Dataset;
import dev.netwright.data.Split;
import dev.netwright.datasets.DatasetService;
import dev.netwright.graph.Network;
import dev.netwright.persistence.JsonColumns;
import dev.netwright.persistence.ModelVersionRepository;
import dev.netwright.persistence.RunEntity;
import dev.netwright.persistence.RunEvaluationEntity;
import dev.netwright.persistence.RunEvaluationRepository;
import dev.netwright.persistence.RunRepository;
import dev.netwright.persistence.RunStatus;
import dev.netwright.projects.GraphJson;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.serving.ServingService;
import dev.netwright.serving.TensorData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a run's trained model (its ONNX file, through ONNX Runtime, so the input scaling inside it applies) on
 * the training, validation or test part of the run's split, and keeps the reports. The validation part is evaluated
 * when a run finishes; the test part only when asked, so it stays an unbiased final estimate.
 */
@ApplicationScoped
public class EvaluationService {
    public static final List<String> SPLITS = List.of("train", "validation", "test");
    private static final int BATCH = 1024;

    private final RunRepository runs;
    private final RunEvaluationRepository evaluations;
    private final ModelVersionRepository versions;
    private final DatasetService datasets;
    private final ServingService serving;
    private final JsonColumns json;

    public EvaluationService(RunRepository runs, RunEvaluationRepository evaluations, ModelVersionRepository versions,
                             DatasetService datasets, ServingService serving, JsonColumns json) {
        this.runs = runs;
        this.evaluations = evaluations;
        this.versions = versions;
        this.datasets = datasets;
        this.serving = serving;
        this.json = json;
    }

    /**
     * Evaluates a finished run on {@code split} (train, validation or test) and stores the report.
     *
     * @throws NotFoundException        unknown run
     * @throws IllegalArgumentException the run has no trained model, an unknown split, or an empty part
     */
    public EvaluationReport evaluate(long runId, String split) {
        RunEntity run = QuarkusTransaction.requiringNew().call(() -> runs.findByIdOptional(runId)
                .orElseThrow(() -> new NotFoundException("Run", runId)));
        if (run.status != RunStatus.FINISHED || run.trainedModelId == null) {
            throw new IllegalArgumentException("Run " + runId + " is " + run.status + "; only a finished run with a trained model can be evaluated");
        }
        return evaluate(run, run.trainedModelId, split);
    }

    /** Evaluates with a given model (the run may still be RUNNING, between storing its model and finishing). */
    EvaluationReport evaluate(RunEntity run, long modelId, String split) {
        String part = split == null ? "" : split.trim().toLowerCase(Locale.ROOT);
        if (!SPLITS.contains(part)) throw new IllegalArgumentException("split must be one of " + SPLITS + ". Received: " + split);
        RunConfig config = json.read(run.configJson, RunConfig.class, "run configuration");
        Dataset data = datasets.load(run.datasetId);
        Split s = config.fold() == null ? datasets.split(run.datasetId, config.split())
                : dev.netwright.data.Splits.kFold(data, config.fold().k(), config.fold().seed(), config.fold().stratified()).get(config.fold().index());
        int[] idx = switch (part) {
            case "train" -> s.train();
            case "validation" -> s.validation();
            default -> s.test();
        };
        if (idx.length == 0) {
            throw new IllegalArgumentException("The " + part + " part of run " + run.id + "'s split is empty"
                    + (part.equals("test") ? "; train with a split that has a test part, e.g. 60/20/20" : ""));
        }
        var loss = QuarkusTransaction.requiringNew().call(() ->
                Network.compile(GraphJson.parse(versions.findById(run.modelVersionId).graphJson), config.seed()).loss());
        int f = data.featureSize();
        long[] shape = new long[data.featureShape().rank() + 1];
        for (int d = 0; d < data.featureShape().rank(); d++) shape[d + 1] = data.featureShape().dim(d);
        float[] outputs = null;
        int width = 0;
        for (int from = 0; from < idx.length; from += BATCH) {
            int to = Math.min(idx.length, from + BATCH);
            shape[0] = to - from;
            TensorData out = serving.predict(modelId, data.gatherFeatures(idx, from, to), shape)
                    .orElseThrow(() -> new NotFoundException("Model", modelId));
            if (outputs == null) {
                width = out.data().length / (to - from);
                outputs = new float[idx.length * width];
            }
            System.arraycopy(out.data(), 0, outputs, from * width, out.data().length);
        }
        EvaluationReport report = Evaluations.report(part, data, loss, outputs, width, data.gatherTargets(idx, 0, idx.length), idx.length);
        QuarkusTransaction.requiringNew().run(() -> {
            RunEvaluationEntity e = new RunEvaluationEntity();
            e.runId = run.id;
            e.split = part;
            e.reportJson = json.write(report);
            e.createdAt = Instant.now();
            evaluations.persist(e);
        });
        return report;
    }

    /** A run's stored evaluations, oldest first. */
    public List<EvaluationReport> list(long runId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            runs.findByIdOptional(runId).orElseThrow(() -> new NotFoundException("Run", runId));
            return evaluations.findByRun(runId).stream().map(e -> json.read(e.reportJson, EvaluationReport.class, "evaluation report")).toList();
        });
    }


}
