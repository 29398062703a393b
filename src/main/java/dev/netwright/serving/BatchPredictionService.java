package dev.netwright.serving;

import dev.netwright.data.Dataset;
import dev.netwright.data.Split;
import dev.netwright.datasets.DatasetService;
import dev.netwright.persistence.JsonColumns;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Batch prediction: a model run over every sample of a data set (or of one part of its split) as a background job on a
 * small pool of worker threads ({@code netwright.serving.batch-workers}, default 1), never on a request thread.
 * <p>{@link #start} checks that the data set's samples fit the model's input ({@link BatchInput}) before anything is
 * queued. A job feeds the samples in chunks of {@value #CHUNK} through {@link ServingService} (so its calls count in
 * the model's latency statistics) and writes {@code <netwright.home>/predictions/<jobId>.csv} (see
 * {@link PredictionCsv}); the file appears when the job has finished. Each job's state is kept in memory and in
 * {@code <jobId>.json} beside it, so finished jobs outlive a restart; a job that was queued or running when the server
 * stopped reads as failed.
 */
@ApplicationScoped
public class BatchPredictionService {
    private static final Logger LOG = Logger.getLogger(BatchPredictionService.class);
    /** Samples per ONNX Runtime call. */
    public static final int CHUNK = 256;
    /** Jobs kept in memory; ended ones beyond it are read back from their files. */
    private static final int MAX_IN_MEMORY = 1000;
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");
    /** The parts a job can cover. */
    public static final List<String> PARTS = List.of("all", "train", "validation", "test");

    private final ModelRegistry registry;
    private final ServingService serving;
    private final DatasetService datasets;
    private final JsonColumns json;
    private final Path dir;
    private final ExecutorService workers;
    /** Insertion-ordered; guarded by itself. */
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** A job while this server runs it; its progress is read by other threads. */
    private static final class Job {
        final String id;
        final long modelId;
        final String datasetId;
        final String part;
        final int total;
        final Instant createdAt = Instant.now();
        final AtomicInteger done = new AtomicInteger();
        volatile BatchStatus status = BatchStatus.QUEUED;
        volatile String error;
        volatile Instant startedAt;
        volatile Instant finishedAt;

        Job(String id, long modelId, String datasetId, String part, int total) {
            this.id = id;
            this.modelId = modelId;
            this.datasetId = datasetId;
            this.part = part;
            this.total = total;
        }

        BatchJobView view() {
            return new BatchJobView(id, modelId, datasetId, part, status, done.get(), total, error, createdAt, startedAt, finishedAt);
        }
    }

    @Inject
    public BatchPredictionService(ModelRegistry registry, ServingService serving, DatasetService datasets, JsonColumns json,
                                  @ConfigProperty(name = "netwright.home") Path home,
                                  @ConfigProperty(name = "netwright.serving.batch-workers", defaultValue = "1") int workers) {
        if (workers < 1) throw new IllegalArgumentException("netwright.serving.batch-workers must be >= 1. Received: " + workers);
        this.registry = registry;
        this.serving = serving;
        this.datasets = datasets;
        this.json = json;
        this.dir = home.resolve("predictions");
        this.workers = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("batch-prediction-", 1).daemon().factory());
    }

    /**
     * Queues a job predicting {@code part} ({@code all} when null) of data set {@code datasetId} with model
     * {@code modelId}; empty when there is no such model.
     *
     * @throws IllegalArgumentException when the samples do not fit the model's input (the message names both shapes),
     *                                  the part is unknown or empty, or no data set is named
     * @throws dev.netwright.persistence.NotFoundException for an unknown data set
     */
    public Optional<BatchJobView> start(long modelId, String datasetId, String part) {
        String p = part == null || part.isBlank() ? "all" : part.strip().toLowerCase(Locale.ROOT);
        if (!PARTS.contains(p)) throw new IllegalArgumentException("part must be one of " + PARTS + "; got '" + part + "'");
        if (datasetId == null || datasetId.isBlank()) {
            throw new IllegalArgumentException("datasetId is required, e.g. {\"datasetId\": \"xor\", \"part\": \"all\"}");
        }
        Optional<ModelView> model = registry.get(modelId);
        if (model.isEmpty()) return Optional.empty();
        ModelSignature signature = model.get().signature();
        if (signature == null) throw new IllegalArgumentException("Model " + modelId + " has no readable signature; it cannot be fed a data set");
        Dataset data = datasets.load(datasetId);
        BatchInput input = BatchInput.of(modelId, signature, data, CHUNK);
        int[] samples = samples(data, p);
        if (samples.length == 0) {
            throw new IllegalArgumentException("Data set '" + datasetId + "' has no " + p + " part (its split has 0 samples there); choose another part");
        }
        Job job = new Job(newId(), modelId, datasetId, p, samples.length);
        remember(job);
        save(job.view());
        workers.execute(() -> run(job, data, samples, input, signature.classLabels()));
        LOG.infof("Batch prediction %s queued: model %d on %s (%s, %d samples)", job.id, modelId, datasetId, p, samples.length);
        return Optional.of(job.view());
    }

    /** The job, live while this server runs it, else as its file says; empty for an unknown id. */
    public Optional<BatchJobView> find(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) return Optional.empty();
        synchronized (jobs) {
            Job job = jobs.get(jobId);
            if (job != null) return Optional.of(job.view());
        }
        Path file = dir.resolve(jobId + ".json");
        if (!Files.isRegularFile(file)) return Optional.empty();
        BatchJobView view;
        try {
            view = json.read(Files.readString(file), BatchJobView.class, "batch prediction job");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(view.status().ended() ? view : view.interrupted());
    }

    /** The results file of a finished job; empty while the job has not finished (or for an unknown id). */
    public Optional<Path> results(String jobId) {
        return find(jobId).filter(j -> j.status() == BatchStatus.FINISHED).map(j -> csv(j.jobId())).filter(Files::isRegularFile);
    }

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("Batch prediction workers did not stop within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the job

    private void run(Job job, Dataset data, int[] samples, BatchInput input, List<String> modelLabels) {
        job.startedAt = Instant.now();
        job.status = BatchStatus.RUNNING;
        save(job.view());
        Path partial = dir.resolve(job.id + ".csv.part");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                PredictionCsv csv = new PredictionCsv(out, data, modelLabels);
                int f = data.featureSize();
                for (int from = 0; from < samples.length; from += input.maxChunk()) {
                    if (Thread.currentThread().isInterrupted()) throw new IllegalStateException("The server is shutting down");
                    int k = Math.min(input.maxChunk(), samples.length - from);
                    double[] x = new double[k * f];
                    for (int i = 0; i < k; i++) {
                        int s = samples[from + i] * f;
                        for (int j = 0; j < f; j++) x[i * f + j] = data.features()[s + j];
                    }
                    Map<String, TensorValue> y = serving.predict(job.modelId, Map.of(input.inputName(), new InputTensor(input.shape(k), x)))
                            .orElseThrow(() -> new IllegalStateException("Model " + job.modelId + " was deleted while the job ran"));
                    csv.write(samples, from, k, y);
                    job.done.addAndGet(k);
                }
            }
            Files.move(partial, csv(job.id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            job.status = BatchStatus.FINISHED;
            LOG.infof("Batch prediction %s finished: %d samples", job.id, job.total);
        } catch (IOException | RuntimeException e) {
            job.error = e instanceof IOException ? "Cannot write the results: " + e.getMessage() : e.getMessage();
            job.status = BatchStatus.FAILED;
            LOG.warnf(e, "Batch prediction %s failed after %d of %d samples", job.id, job.done.get(), job.total);
            try {
                Files.deleteIfExists(partial);
            } catch (IOException suppressed) {
                LOG.warnf("Cannot delete %s: %s", partial, suppressed.getMessage());
            }
        } finally {
            job.finishedAt = Instant.now();
            save(job.view());
        }
    }

    private int[] samples(Dataset data, String part) {
        if (part.equals("all")) return IntStream.range(0, data.size()).toArray();
        Split split = datasets.split(data.id(), null);
        return switch (part) {
            case "train" -> split.train();
            case "validation" -> split.validation();
            default -> split.test();
        };
    }

    private void remember(Job job) {
        synchronized (jobs) {
            jobs.put(job.id, job);
            for (Iterator<Job> it = jobs.values().iterator(); jobs.size() > MAX_IN_MEMORY && it.hasNext(); ) {
                if (it.next().status.ended()) it.remove();
            }
        }
    }

    /** Writes the job's state beside its results (to a temporary file first, then moved into place). */
    private void save(BatchJobView view) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(view.jobId() + ".json.tmp");
            Files.writeString(tmp, json.write(view));
            Files.move(tmp, dir.resolve(view.jobId() + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the state of batch prediction " + view.jobId() + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path csv(String jobId) {
        return dir.resolve(jobId + ".csv");
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
