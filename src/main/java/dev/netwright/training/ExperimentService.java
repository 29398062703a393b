package dev.netwright.training;

import dev.netwright.persistence.ExperimentEntity;
import dev.netwright.persistence.ExperimentRepository;
import dev.netwright.persistence.JsonColumns;
import dev.netwright.persistence.ModelVersionRepository;
import dev.netwright.persistence.RunEntity;
import dev.netwright.persistence.RunRepository;
import dev.netwright.persistence.RunStatus;
import dev.netwright.persistence.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * k-fold cross-validation as one experiment: k runs of the same design and settings, run i validating on fold i and
 * training on the others; the experiment reports each metric's mean ± std over the folds.
 */
@ApplicationScoped
public class ExperimentService {
    private final ExperimentRepository experiments;
    private final RunRepository runs;
    private final ModelVersionRepository versions;
    private final TrainingService training;
    private final JsonColumns json;

    public ExperimentService(ExperimentRepository experiments, RunRepository runs, ModelVersionRepository versions,
                             TrainingService training, JsonColumns json) {
        this.experiments = experiments;
        this.runs = runs;
        this.versions = versions;
        this.training = training;
        this.json = json;
    }

    /**
     * Queues k runs, one per fold (stratified for classification, folds drawn with the config's seed).
     *
     * @throws IllegalArgumentException bad k or configuration; nothing is created then
     */
    public ExperimentView crossValidate(long modelVersionId, String datasetId, int k, RunConfig config) {
        if (k < 2 || k > 20) throw new IllegalArgumentException("k must be in 2..20. Received: " + k);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        long projectId = QuarkusTransaction.requiringNew().call(() -> versions.findByIdOptional(modelVersionId)
                .orElseThrow(() -> new NotFoundException("Model version", modelVersionId)).projectId);
        // the first fold goes through every check of a run start (data set, shapes, fold size) before anything is stored
        training.splitOf(datasetId, config.withFold(new RunConfig.Fold(k, 0, config.seed(), true)));
        ExperimentEntity e = QuarkusTransaction.requiringNew().call(() -> {
            ExperimentEntity x = new ExperimentEntity();
            x.projectId = projectId;
            x.kind = "crossval";
            x.modelVersionId = modelVersionId;
            x.datasetId = datasetId;
            x.configJson = json.write(new Stored(k, config));
            x.createdAt = Instant.now();
            experiments.persist(x);
            return x;
        });
        for (int i = 0; i < k; i++) {
            training.start(modelVersionId, datasetId, config.withFold(new RunConfig.Fold(k, i, config.seed(), true)), e.id);
        }
        return get(e.id);
    }

    public ExperimentView get(long id) {
        ExperimentEntity e = QuarkusTransaction.requiringNew().call(() -> experiments.findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("Experiment", id)));
        List<Long> runIds = QuarkusTransaction.requiringNew().call(() -> runs.findByExperiment(id).stream().map((RunEntity r) -> r.id).toList());
        List<RunView> views = new ArrayList<>();
        for (long r : runIds) views.add(training.get(r));
        boolean active = views.stream().anyMatch(r -> !r.status().isFinished());
        boolean failed = views.stream().anyMatch(r -> r.status() == RunStatus.FAILED || r.status() == RunStatus.STOPPED);
        String status = active ? "RUNNING" : failed ? "INCOMPLETE" : "FINISHED";
        List<RunView> done = views.stream().filter(r -> r.status() == RunStatus.FINISHED && r.metrics() != null).toList();
        Stored s = json.read(e.configJson, Stored.class, "experiment configuration");
        return new ExperimentView(e.id, e.projectId, e.kind, e.modelVersionId, e.datasetId, s.k(), s.config(), status, views,
                summary(done, RunView.Metrics::valLoss), summary(done, RunView.Metrics::valAccuracy),
                summary(done, RunView.Metrics::loss), summary(done, RunView.Metrics::accuracy), e.createdAt);
    }

    private static ExperimentView.Summary summary(List<RunView> runs, Function<RunView.Metrics, Double> metric) {
        return ExperimentView.Summary.of(runs.stream().map(r -> metric.apply(r.metrics())).toList());
    }

    /** What an experiment stores: k and the shared configuration. */
    record Stored(int k, RunConfig config) {
    }


}
