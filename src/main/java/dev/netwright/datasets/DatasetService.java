package dev.netwright.datasets;

import dev.netwright.config.DataLimits;
import dev.netwright.data.Augmentation;
import dev.netwright.data.BuiltinDatasets;
import dev.netwright.data.Dataset;
import dev.netwright.data.GeneratorCatalog;
import dev.netwright.data.Split;
import dev.netwright.data.SplitSpec;
import dev.netwright.data.Splits;
import dev.netwright.data.Task;
import dev.netwright.data.io.ImportLimits;
import dev.netwright.data.io.Imported;
import dev.netwright.engine.Shape;
import dev.netwright.persistence.DatasetEntity;
import dev.netwright.persistence.DatasetRepository;
import dev.netwright.persistence.JsonColumns;
import dev.netwright.persistence.ProjectRepository;
import dev.netwright.persistence.RunEntity;
import dev.netwright.persistence.RunRepository;
import dev.netwright.persistence.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's data sets: imports uploaded files, generates procedural sets, stores the samples once
 * ({@link DatasetStore}) and their description in the database, and answers what the UI and the trainer ask:
 * the data set, its split, a preview. Built-in data sets ({@link BuiltinDatasets}) are read-only and belong to every
 * project.
 */
@ApplicationScoped
public class DatasetService {
    private final SampleDatasets samples;
    private static final Logger LOG = Logger.getLogger(DatasetService.class);
    /** Data sets below this size train on everything by default (a 70/30 split of XOR's four points is useless). */
    private static final int SMALL = 20;
    private static final long DEFAULT_SPLIT_SEED = 1;

    private final DatasetRepository datasets;
    private final ProjectRepository projects;
    private final RunRepository runs;
    private final DatasetStore store;
    private final JsonColumns json;
    private final ImportLimits limits;
    /** The last few data sets read from disk, by content hash (an epoch of training reads the whole set). */
    private final Map<String, Dataset> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Dataset> eldest) {
            return size() > 3;
        }
    };

    public DatasetService(DatasetRepository datasets, ProjectRepository projects, RunRepository runs, DatasetStore store,
                          JsonColumns json, DataLimits config, SampleDatasets samples) {
        this.samples = samples;
        this.datasets = datasets;
        this.projects = projects;
        this.runs = runs;
        this.store = store;
        this.json = json;
        this.limits = new ImportLimits(config.maxUncompressedSize().asLongValue(), config.maxZipEntries(),
                ImportLimits.DEFAULT.maxPixels());
    }

    /** The limits of zip imports (uncompressed bytes, entries, pixels per image). */
    public ImportLimits limits() {
        return limits;
    }

    // ---- create ----

    /**
     * Parses uploaded files into a new data set of the project (see {@link Imports} for formats and options).
     *
     * @throws dev.netwright.data.io.DataImportException the files are not what the format says (message names where)
     * @throws IllegalArgumentException                  bad options
     */
    public DatasetView importFiles(long projectId, Imports.Request request) {
        requireProject(projectId);
        String format = Imports.format(request);
        Imported imported = Imports.parse(request, limits);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("format", format);
        provenance.put("files", request.files().entrySet().stream().map(e -> Map.of("field", e.getKey(),
                "name", e.getValue().fileName(), "bytes", e.getValue().size(), "sha256", e.getValue().sha256())).toList());
        provenance.put("options", request.options());
        String name = request.name() == null || request.name().isBlank() ? imported.dataset().name() : request.name().trim();
        SplitSpec split = Imports.split(request.options(), imported.dataset().size());
        return save(projectId, name, format, imported, split, provenance);
    }

    /** Generates a procedural data set (see {@link GeneratorCatalog}) into the project. */
    public DatasetView generate(long projectId, String generator, Map<String, Double> params, String name, SplitSpec split) {
        requireProject(projectId);
        if (generator == null || generator.isBlank()) {
            throw new IllegalArgumentException("generator is required: one of " + GeneratorCatalog.all().stream().map(g -> g.id()).toList());
        }
        Map<String, Double> p = params == null ? Map.of() : params;
        var def = GeneratorCatalog.all().stream().filter(g -> g.id().equals(generator)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown generator '" + generator + "'. Choose one of "
                        + GeneratorCatalog.all().stream().map(g -> g.id()).toList()));
        String title = name == null || name.isBlank() ? def.name() : name.trim();
        Dataset d = GeneratorCatalog.generate(generator, p, "new", title);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("format", "generated");
        provenance.put("generator", generator);
        Map<String, Double> used = new LinkedHashMap<>();
        for (var param : def.params()) used.put(param.name(), p.getOrDefault(param.name(), param.defaultValue()));
        provenance.put("params", used);
        Imported imported = new Imported(d, List.of(), List.of(), List.of(), d.size());
        return save(projectId, title, "generated", imported, split == null ? defaultSplit(d.size()) : split, provenance);
    }

    private DatasetView save(long projectId, String name, String source, Imported imported, SplitSpec split, Map<String, Object> provenance) {
        if (name.length() > 200) throw new IllegalArgumentException("name must be at most 200 characters. Received: " + name.length());
        Dataset d = imported.dataset();
        if (d.size() == 0) throw new IllegalArgumentException("The data set has no samples");
        SplitView splitView = splitView(d, split, imported.sourceTrainCount());
        DatasetMetadata meta = new DatasetMetadata(d.classNames(), DatasetStats.classCounts(d), imported.columns(),
                imported.featureNames(), DatasetStats.featureStats(d, imported.featureNames()), imported.warnings(), provenance);
        long t0 = System.nanoTime();
        DatasetStore.Stored stored = store.store(d);
        try {
            DatasetEntity e = QuarkusTransaction.requiringNew().call(() -> {
                requireProject(projectId);
                DatasetEntity x = new DatasetEntity();
                x.projectId = projectId;
                x.name = name;
                x.description = truncate(d.description(), 2000);
                x.source = source;
                x.sha256 = stored.sha256();
                x.byteSize = stored.bytes();
                x.task = d.task().name();
                x.featureShape = Arrays.toString(d.featureShape().toArray()).replace(" ", "");
                x.targetSize = d.targetSize();
                x.sampleCount = d.size();
                x.sourceTrainCount = imported.sourceTrainCount();
                x.metadataJson = json.write(meta);
                x.splitJson = json.write(splitView);
                x.createdAt = Instant.now();
                datasets.persist(x);
                return x;
            });
            synchronized (cache) {
                cache.put(stored.sha256(), d);
            }
            LOG.infof("Data set %d '%s' stored: %d samples, %d bytes, sha256 %s (%.0f ms)", e.id, name, d.size(), stored.bytes(),
                    stored.sha256(), (System.nanoTime() - t0) / 1e6);
            return view(e);
        } catch (RuntimeException ex) {
            deleteFileIfUnused(stored.sha256());
            throw ex;
        }
    }

    // ---- read ----

    /** The project's own data sets, newest first. */
    public List<DatasetView> list(long projectId) {
        requireProject(projectId);
        return QuarkusTransaction.requiringNew().call(() -> datasets.findByProject(projectId).stream().map(this::view).toList());
    }

    /** What a run of the project can train on: the built-in data sets, then the project's own. */
    public List<DatasetView> choices(Long projectId) {
        List<DatasetView> all = new ArrayList<>(builtins());
        if (projectId != null) all.addAll(list(projectId));
        return all;
    }

    /** The generated built-in data sets, then the real samples this machine has (Fashion-MNIST). */
    public List<DatasetView> builtins() {
        List<DatasetView> all = new ArrayList<>(BuiltinDatasets.all().stream().map(this::builtinView).toList());
        for (var s : samples.all()) all.add(sampleView(s));
        return all;
    }

    private static final SplitSpec SAMPLE_SPLIT = new SplitSpec(0.9, 0.1, 0, true, DEFAULT_SPLIT_SEED);

    /** A sample with its source's test part: 90/10 of the training images for training and validation. */
    private DatasetView sampleView(dev.netwright.data.io.Imported s) {
        Dataset d = s.dataset();
        return builtinViews.computeIfAbsent(d.id(), k -> new DatasetView(d.id(), null, true, d.name(), d.description(), "sample",
                d.task(), dims(d.featureShape()), d.targetSize(), d.size(), DatasetStats.kind(d.featureShape(), d.task(), d.targetSize(), "idx"),
                d.classNames(), DatasetStats.classCounts(d), splitView(d, SAMPLE_SPLIT, s.sourceTrainCount()), List.of(), List.of(),
                DatasetStats.featureStats(d, List.of()), List.of(), Map.of("format", "idx", "sample", d.id()), null, null, null));
    }

    /** @throws NotFoundException unknown id */
    public DatasetView get(String id) {
        var builtin = BuiltinDatasets.find(id);
        if (builtin.isPresent()) return builtinView(builtin.get());
        var sample = samples.find(id);
        if (sample.isPresent()) return sampleView(sample.get());
        return QuarkusTransaction.requiringNew().call(() -> view(entity(id)));
    }

    /** The samples of a data set (read from disk once, then cached). */
    public Dataset load(String id) {
        var builtin = BuiltinDatasets.find(id);
        if (builtin.isPresent()) return builtin.get();
        var sample = samples.find(id);
        if (sample.isPresent()) return sample.get().dataset();
        DatasetEntity e = QuarkusTransaction.requiringNew().call(() -> entity(id));
        synchronized (cache) {
            Dataset d = cache.get(e.sha256);
            if (d != null) return rename(d, id, e);
        }
        Dataset d = store.load(e.sha256, id);
        synchronized (cache) {
            cache.put(e.sha256, d);
        }
        return rename(d, id, e);
    }

    private static Dataset rename(Dataset d, String id, DatasetEntity e) {
        if (id.equals(d.id()) && e.name.equals(d.name())) return d;
        return new Dataset(id, e.name, d.description(), d.task(), d.featureShape(), d.targetSize(), d.classNames(), d.features(), d.targets());
    }

    /** Where the source's own test part starts (IDX imports with test files), or -1. */
    public int sourceTestFrom(String id) {
        if (BuiltinDatasets.find(id).isPresent()) return -1;
        var sample = samples.find(id);
        if (sample.isPresent()) return sample.get().sourceTrainCount();
        DatasetEntity e = QuarkusTransaction.requiringNew().call(() -> entity(id));
        return e.sourceTrainCount < e.sampleCount ? e.sourceTrainCount : -1;
    }

    // ---- splits ----

    /** The split runs use by default. Built-in data sets keep theirs (choose another per run). */
    public SplitView setSplit(String id, SplitSpec spec) {
        if (spec == null) throw new IllegalArgumentException("A split is required, e.g. {\"preset\": \"60/20/20\"}");
        if (BuiltinDatasets.find(id).isPresent() || samples.has(id)) {
            throw new IllegalArgumentException("Built-in data set '" + id + "' keeps its split; choose a split in the run's settings instead");
        }
        Dataset d = load(id);
        SplitView v = splitView(d, spec, sourceTrainCount(id, d));
        QuarkusTransaction.requiringNew().run(() -> entity(id).splitJson = json.write(v));
        return v;
    }

    /** The indices of a run's split: {@code spec}, or the data set's default when null. */
    public Split split(String id, SplitSpec spec) {
        Dataset d = load(id);
        SplitSpec s = spec != null ? spec : get(id).split().spec();
        return Splits.split(d, s, testFrom(s, d, sourceTrainCount(id, d)));
    }

    /** k-fold cross-validation folds: sizes and class counts of each fold's train and validation parts. */
    public List<SplitView> folds(String id, int k, long seed, boolean stratified) {
        Dataset d = load(id);
        if (k < 2 || k > Math.min(100, d.size())) {
            throw new IllegalArgumentException("k must be in 2.." + Math.min(100, d.size()) + " for " + d.size() + " samples. Received: " + k);
        }
        List<SplitView> out = new ArrayList<>();
        for (Split s : Splits.kFold(d, k, seed, stratified)) {
            out.add(new SplitView(null, false, s.train().length, s.validation().length, 0, DatasetStats.classCounts(d, s.train()),
                    DatasetStats.classCounts(d, s.validation()), List.of()));
        }
        return out;
    }

    private int sourceTrainCount(String id, Dataset d) {
        int from = sourceTestFrom(id);
        return from < 0 ? d.size() : from;
    }

    /** With a source test part, a spec without a test fraction keeps the source's test samples as the test set. */
    private static int testFrom(SplitSpec s, Dataset d, int sourceTrainCount) {
        return sourceTrainCount < d.size() && s.test() == 0 ? sourceTrainCount : -1;
    }

    private static SplitView splitView(Dataset d, SplitSpec spec, int sourceTrainCount) {
        int testFrom = testFrom(spec, d, sourceTrainCount);
        Split s = Splits.split(d, spec, testFrom);
        return new SplitView(spec, testFrom >= 0, s.train().length, s.validation().length, s.test().length,
                DatasetStats.classCounts(d, s.train()), DatasetStats.classCounts(d, s.validation()), DatasetStats.classCounts(d, s.test()));
    }

    /** 70/30 stratified; everything for training when the set is tiny. */
    static SplitSpec defaultSplit(int samples) {
        return samples < SMALL ? new SplitSpec(1, 0, 0, false, DEFAULT_SPLIT_SEED) : SplitSpec.preset("70/30", DEFAULT_SPLIT_SEED);
    }

    // ---- preview ----

    public DatasetPreview preview(String id, int limit) {
        DatasetView v = get(id);
        return Previews.of(load(id), v.kind(), v.featureNames(), Math.max(1, Math.min(limit, 500)));
    }

    /** A sample and {@code count} augmented copies of it, as images, with warnings where the transform may change the label. */
    public Previews.AugmentationPreview augmentationPreview(String id, int sample, Augmentation a, int count, long seed) {
        Dataset d = load(id);
        if (sample < 0 || sample >= d.size()) throw new IllegalArgumentException("sample must be in 0.." + (d.size() - 1) + ". Received: " + sample);
        if (count < 1 || count > 64) throw new IllegalArgumentException("count must be in 1..64. Received: " + count);
        List<String> problems = a.problems(d.featureShape());
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        return Previews.augmentation(d, sample, a, count, seed);
    }

    // ---- delete ----

    /** Deletes a data set no run has used (its file too, unless another data set has the same samples). */
    public void delete(String id) {
        if (BuiltinDatasets.find(id).isPresent() || samples.has(id)) throw new IllegalArgumentException("Built-in data set '" + id + "' cannot be deleted");
        String sha = QuarkusTransaction.requiringNew().call(() -> {
            DatasetEntity e = entity(id);
            List<Long> used = runs.findByDataset(id).stream().map((RunEntity r) -> r.id).sorted().toList();
            if (!used.isEmpty()) throw new DatasetInUseException(id, used);
            datasets.delete(e);
            return e.sha256;
        });
        deleteFileIfUnused(sha);
    }

    private void deleteFileIfUnused(String sha) {
        boolean unused = QuarkusTransaction.requiringNew().call(() -> datasets.countBySha(sha) == 0);
        if (unused) {
            store.delete(sha);
            synchronized (cache) {
                cache.remove(sha);
            }
        }
    }

    // ---- views ----

    private DatasetEntity entity(String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            throw new NotFoundException("Data set", id);
        }
        return datasets.findByIdOptional(n).orElseThrow(() -> new NotFoundException("Data set", id));
    }

    private void requireProject(long projectId) {
        QuarkusTransaction.joiningExisting().run(() -> projects.findByIdOptional(projectId)
                .orElseThrow(() -> new NotFoundException("Project", projectId)));
    }

    private DatasetView view(DatasetEntity e) {
        DatasetMetadata m = json.read(e.metadataJson, DatasetMetadata.class, "data set metadata");
        SplitView split = json.read(e.splitJson, SplitView.class, "data set split");
        Shape shape = parseShape(e.featureShape);
        Task task = Task.valueOf(e.task);
        return new DatasetView(String.valueOf(e.id), e.projectId, false, e.name, e.description, e.source, task,
                dims(shape), e.targetSize, e.sampleCount, DatasetStats.kind(shape, task, e.targetSize, e.source), m.classes(), m.classCounts(), split,
                m.columns(), m.featureNames(), m.featureStats(), m.warnings(), m.provenance(), e.sha256, e.byteSize, e.createdAt);
    }

    private final Map<String, DatasetView> builtinViews = new java.util.concurrent.ConcurrentHashMap<>();

    private DatasetView builtinView(Dataset d) {
        return builtinViews.computeIfAbsent(d.id(), k -> new DatasetView(d.id(), null, true, d.name(), d.description(), "builtin",
                d.task(), dims(d.featureShape()), d.targetSize(), d.size(), DatasetStats.kind(d.featureShape(), d.task(), d.targetSize(), "builtin"),
                d.classNames(), DatasetStats.classCounts(d), splitView(d, defaultSplit(d.size()), d.size()), List.of(), List.of(),
                DatasetStats.featureStats(d, List.of()), List.of(), Map.of("format", "builtin"), null, null, null));
    }

    static List<Integer> dims(Shape s) {
        return Arrays.stream(s.toArray()).boxed().toList();
    }

    static Shape parseShape(String text) {
        String inner = text.replace("[", "").replace("]", "").trim();
        if (inner.isEmpty()) return Shape.of();
        return Shape.of(Arrays.stream(inner.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }


}
