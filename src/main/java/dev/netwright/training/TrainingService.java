package dev.netwright.training;

import dev.netwright.data.Dataset;
import dev.netwright.data.Split;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.engine.Shape;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.InvalidGraphException;
import dev.netwright.graph.Network;
import dev.netwright.graph.WeightsCodec;
import dev.netwright.onnx.ExportOptions;
import dev.netwright.onnx.OnnxExporter;
import dev.netwright.onnx.ParityCheck;
import dev.netwright.persistence.JsonColumns;
import dev.netwright.persistence.MetricPointEntity;
import dev.netwright.persistence.MetricPointRepository;
import dev.netwright.persistence.ModelVersionEntity;
import dev.netwright.persistence.ModelVersionRepository;
import dev.netwright.persistence.RunEntity;
import dev.netwright.persistence.RunRepository;
import dev.netwright.persistence.RunStatus;
import dev.netwright.persistence.TrainedModelEntity;
import dev.netwright.persistence.TrainedModelRepository;
import dev.netwright.projects.GraphJson;
import dev.netwright.persistence.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Starts, stops and reports training runs. Each run is a background job on a small worker pool
 * (never on a request or UI thread); its metrics are stored and streamed live through {@link #subscribe}.
 */
@ApplicationScoped
public class TrainingService {
    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    /** Metric points are written in batches at most this often. */
    private static final long FLUSH_EVERY_MS = 250;

    private final RunRepository runs;
    private final MetricPointRepository points;
    private final ModelVersionRepository versions;
    private final TrainedModelRepository models;
    private final JsonColumns json;
    private final DatasetService datasetService;
    private final EvaluationService evaluations;
    private final CheckpointStore checkpoints;
    private final ExecutorService workers;
    private final MetricsBus bus = new MetricsBus();
    private final Map<Long, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();
    private final Map<Long, PauseGate> gates = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    public TrainingService(RunRepository runs, MetricPointRepository points, ModelVersionRepository versions,
                           TrainedModelRepository models, JsonColumns json, DatasetService datasetService,
                           EvaluationService evaluations, CheckpointStore checkpoints,
                           @ConfigProperty(name = "netwright.training.workers", defaultValue = "1") int workers) {
        this.datasetService = datasetService;
        this.evaluations = evaluations;
        this.checkpoints = checkpoints;
        this.runs = runs;
        this.points = points;
        this.versions = versions;
        this.models = models;
        this.json = json;
        this.workers = Executors.newFixedThreadPool(Math.max(1, workers), Thread.ofPlatform().name("training-", 0).daemon(true).factory());
    }

    /** Runs left QUEUED, RUNNING or PAUSED by a previous process did not finish: mark them INTERRUPTED (resumable). */
    void onStart(@Observes StartupEvent ev) {
        markInterrupted();
    }

    void markInterrupted() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (RunStatus s : List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED)) {
                for (RunEntity r : runs.findByStatus(s)) {
                    var c = checkpoints.info(r.id);
                    r.status = RunStatus.INTERRUPTED;
                    r.error = "The server stopped while this run was " + s.name().toLowerCase() + "; "
                            + c.map(i -> "resume it from its checkpoint (epoch " + i.epoch() + ", step " + i.step() + ")")
                            .orElse("it has no checkpoint, run it again");
                    r.finishedAt = Instant.now();
                }
            }
        });
    }

    @PreDestroy
    void shutdown() {
        // runs in progress checkpoint where they are and stay RUNNING / PAUSED in the database: the next start marks them
        // INTERRUPTED, resumable from that checkpoint
        shuttingDown = true;
        cancelFlags.values().forEach(f -> f.set(true));
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) LOG.warn("Training threads still busy at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queues a run of a model version on a data set.
     *
     * @throws NotFoundException       unknown model version or data set
     * @throws IllegalArgumentException invalid configuration (each problem named)
     * @throws InvalidGraphException   the graph cannot be trained on this data set
     */
    public RunView start(long modelVersionId, String datasetId, RunConfig requested) {
        return start(modelVersionId, datasetId, requested, null);
    }

    /** As {@link #start(long, String, RunConfig)}, as one fold of experiment {@code experimentId} (may be null). */
    public RunView start(long modelVersionId, String datasetId, RunConfig requested, Long experimentId) {
        List<String> configProblems = requested.problems();
        if (!configProblems.isEmpty()) throw new IllegalArgumentException(String.join("; ", configProblems));
        ModelVersionEntity version = QuarkusTransaction.requiringNew().call(() -> versions.findByIdOptional(modelVersionId)
                .orElseThrow(() -> new NotFoundException("Model version", modelVersionId)));
        DatasetView dataView = datasetService.get(datasetId);
        if (dataView.projectId() != null && !dataView.projectId().equals(version.projectId)) {
            throw new IllegalArgumentException("Data set " + datasetId + " belongs to project " + dataView.projectId()
                    + ", model version " + modelVersionId + " to project " + version.projectId);
        }
        Dataset data = datasetService.load(datasetId);
        RunConfig resolved = requested.split() == null && requested.fold() == null ? requested.withSplit(dataView.split().spec()) : requested;
        Split split = splitOf(datasetId, resolved);
        Network probe = Network.compile(GraphJson.parse(version.graphJson), requested.seed());
        List<GraphProblem> problems = new ArrayList<>(Trainer.compatibility(probe, data));
        if (LeastSquares.NAME.equals(requested.optimizer())) problems.addAll(LeastSquares.problems(probe));
        if (PerceptronRule.NAME.equals(requested.optimizer())) problems.addAll(PerceptronRule.problems(probe, data));
        if (!problems.isEmpty()) throw new InvalidGraphException(problems);
        if (split.train().length == 0) throw new IllegalArgumentException("split: the training part is empty");
        var aug = resolved.augmentationOrNone();
        if (!aug.isNone() && !aug.problems(data.featureShape()).isEmpty()) {
            throw new IllegalArgumentException("augmentation: " + String.join("; ", aug.problems(data.featureShape())));
        }
        RunConfig config = resolved;

        RunEntity run = QuarkusTransaction.requiringNew().call(() -> {
            RunEntity r = new RunEntity();
            r.modelVersionId = modelVersionId;
            r.datasetId = datasetId;
            r.experimentId = experimentId;
            r.configJson = json.write(config);
            r.status = RunStatus.QUEUED;
            r.createdAt = Instant.now();
            runs.persist(r);
            return r;
        });
        long runId = run.id;
        cancelFlags.put(runId, new AtomicBoolean(false));
        gates.put(runId, new PauseGate());
        bus.open(runId);
        bus.publish(MetricEvent.status(runId, RunStatus.QUEUED.name(), null, 0, 0, 0));
        workers.submit(() -> execute(runId, version, data, split, config, null));
        return get(runId);
    }

    /** The indices a run trains and validates on: its fold of a cross-validation, or its split. */
    Split splitOf(String datasetId, RunConfig config) {
        RunConfig.Fold f = config.fold();
        if (f == null) return datasetService.split(datasetId, config.split());
        Dataset data = datasetService.load(datasetId);
        if (f.k() < 2 || f.k() > data.size() || f.index() < 0 || f.index() >= f.k()) {
            throw new IllegalArgumentException("fold: k must be in 2.." + data.size() + " and index in 0..k-1. Received: k=" + f.k() + ", index=" + f.index());
        }
        return dev.netwright.data.Splits.kFold(data, f.k(), f.seed(), f.stratified()).get(f.index());
    }

    private void execute(long runId, ModelVersionEntity version, Dataset data, Split split, RunConfig config, Checkpoint resumeFrom) {
        AtomicBoolean cancel = cancelFlags.get(runId);
        PauseGate gate = gates.get(runId);
        List<MetricEvent> pending = new ArrayList<>();
        long[] lastFlush = {System.currentTimeMillis()};
        MetricEvent[] latest = {null};
        long t0 = System.currentTimeMillis();
        try {
            if (cancel.get()) {
                finish(runId, RunStatus.STOPPED, null, null, null, pending);
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> {
                RunEntity r = runs.findById(runId);
                r.status = RunStatus.RUNNING;
                r.startedAt = Instant.now();
            });
            bus.publish(MetricEvent.status(runId, RunStatus.RUNNING.name(), null, 0, 0, 0));
            Network net = Network.compile(GraphJson.parse(version.graphJson), config.seed());
            versions.weights(version.id).ifPresent(w -> WeightsCodec.decode(w).loadInto(net)); // fine-tuning an imported model
            Trainer.Result result = Trainer.train(net, data, split, config, new Trainer.Options(() -> gate.await(cancel), e -> {
                latest[0] = e;
                bus.publish(e);
                synchronized (pending) {
                    pending.add(e);
                }
                if (System.currentTimeMillis() - lastFlush[0] >= FLUSH_EVERY_MS) {
                    flush(runId, pending);
                    lastFlush[0] = System.currentTimeMillis();
                }
            }, runId, c -> saveCheckpoint(runId, c, pending), resumeFrom, gate::takeCheckpointRequest));
            if (cancel.get()) {
                if (shuttingDown) {
                    flush(runId, pending);
                    LOG.infof("Run %d checkpointed at shutdown; it resumes from there after the next start", runId);
                    return;
                }
                finish(runId, RunStatus.STOPPED, "Stopped by the user", null, latest[0], pending);
                return;
            }
            ExportOptions exportOptions = RunExport.options(version, runId, data, result.normalization());
            byte[] trainedWeights = WeightsCodec.encode(WeightsCodec.Weights.of(net));
            byte[] onnx = OnnxExporter.export(net, exportOptions);
            ParityCheck.Result parity = ParityCheck.run(net, onnx, ParityCheck.sampleInputs(data, split), result.normalization());
            String preprocessing = result.normalization() == null ? null : json.write(result.normalization());
            Long modelId = QuarkusTransaction.requiringNew().call(() -> {
                TrainedModelEntity m = new TrainedModelEntity();
                m.runId = runId;
                m.onnx = onnx;
                m.inputShape = batchShape(net.inputShape());
                m.outputShape = batchShape(net.outputShape());
                m.preprocessingJson = preprocessing;
                m.createdAt = Instant.now();
                RunExport.record(m, exportOptions, parity);
                m.weights = trainedWeights;
                models.persist(m);
                return m.id;
            });
            LOG.infof("Run %d finished: loss %.5f, accuracy %s, %d steps", runId, result.loss(), result.accuracy(), result.steps());
            if (result.earlyStop() != null) {
                String note = result.earlyStop().describe(config.earlyStopping().patience());
                LOG.infof("Run %d: %s", runId, note);
                QuarkusTransaction.requiringNew().run(() -> runs.findById(runId).note = note);
            }
            if (!parity.ok()) {
                LOG.warnf("Run %d: the exported model is flagged: %s", runId, parity.describe());
                QuarkusTransaction.requiringNew().run(() -> RunExport.flag(runs.findById(runId), parity));
            }
            if (split.validation().length > 0) {
                try {
                    RunEntity entity = QuarkusTransaction.requiringNew().call(() -> runs.findById(runId));
                    evaluations.evaluate(entity, modelId, "validation");
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Run %d: the validation evaluation failed", runId);
                }
            }
            finish(runId, RunStatus.FINISHED, null, modelId, latest[0], pending);
            checkpoints.delete(runId);
        } catch (TrainingDivergedException e) {
            LOG.warnf("Run %d failed: %s", runId, e.getMessage());
            finishFailed(runId, e.getMessage(), e.step(), latest[0], pending);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Run %d failed", runId);
            finishFailed(runId, "Training failed: " + e, null, latest[0], pending);
        } finally {
            cancelFlags.remove(runId);
            gates.remove(runId);
            LOG.debugf("Run %d took %d ms", runId, System.currentTimeMillis() - t0);
        }
    }

    /**
     * Stores a checkpoint after flushing the metric points before it, so a resume never finds a gap. A checkpoint that
     * cannot be written is logged and training goes on (the previous checkpoint stays).
     */
    private void saveCheckpoint(long runId, Checkpoint c, List<MetricEvent> pending) {
        flush(runId, pending);
        try {
            checkpoints.save(runId, c);
        } catch (RuntimeException e) {
            LOG.warnf("Run %d: %s", runId, e.getMessage());
        }
    }

    private void finishFailed(long runId, String message, Long step, MetricEvent latest, List<MetricEvent> pending) {
        try {
            QuarkusTransaction.requiringNew().run(() -> runs.findById(runId).failedStep = step);
        } finally {
            finish(runId, RunStatus.FAILED, message, null, latest, pending);
        }
    }

    private void finish(long runId, RunStatus status, String error, Long modelId, MetricEvent latest, List<MetricEvent> pending) {
        flush(runId, pending);
        QuarkusTransaction.requiringNew().run(() -> {
            RunEntity r = runs.findById(runId);
            r.status = status;
            r.error = error == null ? null : error.length() > 4000 ? error.substring(0, 4000) : error;
            r.finishedAt = Instant.now();
            r.trainedModelId = modelId;
            if (latest != null) {
                r.finalLoss = latest.loss();
                r.finalAccuracy = latest.accuracy();
            }
        });
        bus.publish(MetricEvent.status(runId, status.name(), error, latest == null ? 0 : latest.step(),
                latest == null ? 0 : latest.epoch(), latest == null ? 0 : latest.elapsedMs()));
        bus.close(runId);
    }

    private void flush(long runId, List<MetricEvent> pending) {
        List<MetricEvent> batch;
        synchronized (pending) {
            if (pending.isEmpty()) return;
            batch = List.copyOf(pending);
            pending.clear();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (MetricEvent e : batch) {
                MetricPointEntity p = new MetricPointEntity();
                p.runId = runId;
                p.step = e.step();
                p.epoch = e.epoch();
                p.loss = e.loss();
                p.accuracy = e.accuracy();
                p.learningRate = e.learningRate();
                p.samplesPerSec = e.samplesPerSec();
                p.elapsedMs = e.elapsedMs();
                p.valLoss = e.valLoss();
                p.valAccuracy = e.valAccuracy();
                p.layersJson = e.layers() == null ? null : json.write(e.layers());
                p.activationsJson = e.activations() == null ? null : json.write(e.activations());
                points.persist(p);
            }
        });
    }

    /** Asks a run to stop; a queued run stops before it starts, a running (or paused) one between two steps. */
    public RunView stop(long runId) {
        RunView run = get(runId);
        AtomicBoolean flag = cancelFlags.get(runId);
        if (flag != null) flag.set(true);
        return run;
    }

    /** Starts a new run with the same model version, data set and settings (split included) as run {@code runId}. */
    public RunView rerun(long runId) {
        RunView r = get(runId);
        return start(r.modelVersionId(), r.datasetId(), r.config());
    }

    /**
     * Pauses a running run between two steps: its thread waits, holding the weights, optimizer and schedule state and
     * its place in the epoch, so {@link #resume} continues exactly as if it had not paused (time spent paused counts in
     * the epoch's duration). The run checkpoints as it pauses, so after a server restart it is INTERRUPTED and
     * resumes from there.
     *
     * @throws RunStateException the run is not running
     */
    public RunView pause(long runId) {
        PauseGate gate = gates.get(runId);
        boolean paused = gate != null && QuarkusTransaction.requiringNew().call(() -> {
            RunEntity r = runs.findByIdOptional(runId).orElseThrow(() -> new NotFoundException("Run", runId));
            if (r.status != RunStatus.RUNNING) return false;
            r.status = RunStatus.PAUSED;
            return true;
        });
        if (!paused) throw new RunStateException("Run " + runId + " is " + get(runId).status() + "; only a running run can be paused");
        gate.pause(); // the training thread checkpoints before it waits, so a server restart while paused loses nothing
        bus.publish(MetricEvent.status(runId, RunStatus.PAUSED.name(), null, 0, 0, 0));
        return get(runId);
    }

    /**
     * Resumes a run: a paused one continues in memory; a stopped, interrupted (server restart) or failed (diverged) one
     * continues from its checkpoint, exactly where it was, optionally with another learning rate.
     *
     * @param learningRate null: keep the run's; only for a run resumed from a checkpoint
     * @throws RunStateException the run is neither paused nor resumable from a checkpoint
     */
    public RunView resume(long runId, Double learningRate) {
        if (gates.containsKey(runId) && learningRate == null) return resume(runId);
        RunEntity entity = QuarkusTransaction.requiringNew().call(() -> runs.findByIdOptional(runId).orElseThrow(() -> new NotFoundException("Run", runId)));
        if (!(entity.status == RunStatus.STOPPED || entity.status == RunStatus.INTERRUPTED || entity.status == RunStatus.FAILED)) {
            throw new RunStateException("Run " + runId + " is " + entity.status + (entity.status == RunStatus.PAUSED
                    ? "; a paused run resumes with its own learning rate" : "; only a paused, stopped, interrupted or failed run can be resumed"));
        }
        if (learningRate != null && !(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learningRate must be in (0, 10]. Received: " + learningRate);
        }
        Checkpoint loaded = checkpoints.load(runId).orElseThrow(() -> new RunStateException("Run " + runId + " has no checkpoint to resume from"
                + " (runs checkpoint every " + Trainer.CHECKPOINT_MIN_INTERVAL_S + " s, or every checkpointEvery epochs, and when stopped); run it again"));
        RunConfig stored = json.read(entity.configJson, RunConfig.class, "run configuration");
        RunConfig config = learningRate == null ? stored : stored.withLearningRate(learningRate);
        Checkpoint c = learningRate == null ? loaded : loaded.withLearningRate(learningRate);
        ModelVersionEntity version = QuarkusTransaction.requiringNew().call(() -> versions.findById(entity.modelVersionId));
        Dataset data = datasetService.load(entity.datasetId);
        Split split = splitOf(entity.datasetId, config);
        String resumed = String.format(java.util.Locale.ROOT, "Resumed from the checkpoint at epoch %d, step %d%s", c.epoch(), c.step(),
                learningRate == null ? "" : " with learning rate " + learningRate);
        QuarkusTransaction.requiringNew().run(() -> {
            RunEntity r = runs.findById(runId);
            points.deleteAfter(runId, c.step());
            r.status = RunStatus.QUEUED;
            r.error = null;
            r.failedStep = null;
            r.finishedAt = null;
            r.configJson = json.write(config);
            String note = r.note == null ? resumed : r.note + ". " + resumed;
            r.note = note.length() > 1000 ? "…" + note.substring(note.length() - 999) : note;
        });
        cancelFlags.put(runId, new AtomicBoolean(false));
        gates.put(runId, new PauseGate());
        bus.open(runId, metrics(runId));
        bus.publish(MetricEvent.status(runId, RunStatus.QUEUED.name(), resumed, c.step(), c.epoch(), c.elapsedMs()));
        workers.submit(() -> execute(runId, version, data, split, config, c));
        return get(runId);
    }

    /** Resumes a paused run. @throws RunStateException the run is not paused */
    public RunView resume(long runId) {
        PauseGate gate = gates.get(runId);
        if (gate == null) return resume(runId, null);
        boolean resumed = gate != null && QuarkusTransaction.requiringNew().call(() -> {
            RunEntity r = runs.findByIdOptional(runId).orElseThrow(() -> new NotFoundException("Run", runId));
            if (r.status != RunStatus.PAUSED) return false;
            r.status = RunStatus.RUNNING;
            return true;
        });
        if (!resumed) throw new RunStateException("Run " + runId + " is " + get(runId).status() + "; only a paused run can be resumed");
        bus.publish(MetricEvent.status(runId, RunStatus.RUNNING.name(), null, 0, 0, 0));
        gate.resume();
        return get(runId);
    }

    public RunView get(long runId) {
        return QuarkusTransaction.requiringNew().call(() -> view(runs.findByIdOptional(runId)
                .orElseThrow(() -> new NotFoundException("Run", runId))));
    }

    public List<RunView> listForProject(long projectId) {
        return QuarkusTransaction.requiringNew().call(() -> runs.findByProject(projectId).stream().map(this::view).toList());
    }

    /** Every stored metric point of a run, in step order. */
    public List<MetricEvent> metrics(long runId) {
        get(runId);
        return QuarkusTransaction.requiringNew().call(() -> points.listForRun(runId).stream().map(p -> new MetricEvent(runId, "metric",
                p.step, p.epoch, p.loss, p.accuracy, p.learningRate, p.samplesPerSec, p.elapsedMs == null ? 0 : p.elapsedMs, null, null,
                p.valLoss, p.valAccuracy, p.layersJson == null ? null : List.of(json.read(p.layersJson, MetricEvent.LayerStat[].class, "layer diagnostics")),
                p.activationsJson == null ? null : List.of(json.read(p.activationsJson, MetricEvent.ActivationStat[].class, "activation statistics")))).toList());
    }

    /**
     * Streams a run's events to {@code listener}: everything so far first, then live events until the run ends
     * (its final event has type "status" and a terminal status). For a run that has already ended the stored
     * history and the final status are delivered at once. The listener must not block.
     *
     * @return closes the subscription
     */
    public AutoCloseable subscribe(long runId, Consumer<MetricEvent> listener) {
        RunView run = get(runId);
        AutoCloseable live = bus.subscribe(runId, listener);
        if (live != null) return live;
        // ended (or ended between the two calls): replay from storage
        RunView now = run.status().isFinished() ? run : get(runId);
        metrics(runId).forEach(listener);
        var m = now.metrics();
        listener.accept(MetricEvent.status(runId, now.status().name(), now.error(), m == null || m.step() == null ? 0 : m.step(),
                m == null || m.epoch() == null ? 0 : m.epoch(), m == null || m.elapsedMs() == null ? 0 : m.elapsedMs()));
        return () -> { };
    }

    private RunView view(RunEntity r) {
        RunView.Metrics m = points.findLatestForRun(r.id)
                .map(p -> new RunView.Metrics(p.loss, p.accuracy, p.epoch, p.step, p.learningRate, p.samplesPerSec, p.elapsedMs,
                        p.valLoss, p.valAccuracy))
                .orElse(null);
        RunConfig config = json.read(r.configJson, RunConfig.class, "run configuration");
        double targetError = config.targetError() == null ? 0 : config.targetError();
        return new RunView(r.id, r.modelVersionId, r.datasetId, config, r.status, r.error, r.failedStep, m,
                r.trainedModelId, r.createdAt, r.startedAt, r.finishedAt, r.note, r.experimentId,
                m == null || r.status != RunStatus.FINISHED ? null : Diagnosis.of(m.accuracy(), m.valAccuracy(), targetError),
                r.status.isFinished() && r.status != RunStatus.FINISHED ? checkpoints.info(r.id).orElse(null) : null);
    }

    private static String batchShape(Shape s) {
        int[] d = new int[s.rank() + 1];
        d[0] = -1;
        System.arraycopy(s.toArray(), 0, d, 1, s.rank());
        return Arrays.toString(d).replace(" ", "");
    }
}
