package dev.netwright.bench;

import dev.netwright.data.Augmentation;
import dev.netwright.data.BatchLoader;
import dev.netwright.data.Dataset;
import dev.netwright.data.DatasetCodec;
import dev.netwright.data.GeneratorCatalog;
import dev.netwright.data.Normalization;
import dev.netwright.data.Scaling;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.backend.cpu.CpuThreads;
import dev.netwright.engine.loss.Loss;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Throughput of the data pipeline next to the training it feeds, to show the loader is not the bottleneck: the
 * {@link BatchLoader} alone (batch 128, shuffled, standardized; without and with augmentation flip + shift 2 +
 * rotation 10°) in samples/s, and the MLP 784-512-256-10 of {@link CpuBenchmark} (Adam, batch 128) trained from
 * pre-normalized arrays and fed by the loader. Also times {@link DatasetCodec} writing and reading the set and
 * fitting the normalization. Data: the Fashion-MNIST training set ({@code --data}, default
 * /usr/share/datasets/fashion-mnist), else 20,000 generated shapes-28 images.
 *
 * <p>Every rate is the median of {@code --windows} windows of {@code --seconds} each, taken in turn with the other
 * settings of its group after a warm-up of {@code --warmup-seconds} each.
 * Options: {@code --threads N} (training threads; default all cores) {@code --windows 5 --seconds 2
 * --warmup-seconds 3 --data DIR}. Run with {@code scripts/bench.sh --loader}.
 */
public final class LoaderBenchmark {
    private static final int BATCH = 128;
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");

    private LoaderBenchmark() {
    }

    /** Fills the next batch and returns where its features and targets are. */
    interface Feed {
        float[][] next();
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = options(args);
        int threads = Integer.parseInt(opt.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        int windows = Integer.parseInt(opt.getOrDefault("windows", "5"));
        double seconds = Double.parseDouble(opt.getOrDefault("seconds", "2"));
        double warmup = Double.parseDouble(opt.getOrDefault("warmup-seconds", "3"));
        Dataset d = load(Path.of(opt.getOrDefault("data", "/usr/share/datasets/fashion-mnist")));
        int n = d.size();
        System.out.printf(Locale.ROOT, "netwright loader benchmark: java %s, %d cores, %d training thread(s), data: %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), threads, d.description());

        codec(d);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        long t0 = System.nanoTime();
        Normalization norm = Normalization.fit(d, all, Scaling.STANDARDIZE);
        System.out.printf(Locale.ROOT, "fit     STANDARDIZE on %d samples of %s: %.3f s%n", n, d.featureShape(), (System.nanoTime() - t0) / 1e9);

        Augmentation aug = new Augmentation(true, 2, 10, 0);
        String plain = "batch 128, shuffle, standardize", augmented = plain + ", augment (flip, shift 2, rotation 10)";
        Consumer<float[][]> nothing = b -> { };
        double[][] l = run(List.of(new Case("loader", 1, "plain", plain, loaderFeed(new BatchLoader(d, all, BATCH, true, norm, null, 1)), nothing),
                new Case("loader", 1, "augmented", augmented, loaderFeed(new BatchLoader(d, all, BATCH, true, norm, aug, 1)), nothing)),
                warmup, windows, seconds);

        CpuThreads.setThreads(threads);
        double[][] r = run(List.of(new Case("mlp", threads, "arrays", "from pre-normalized arrays (no loader)", arrayFeed(d, norm), mlpStep()),
                        new Case("mlp", threads, "loader", "fed by the loader", loaderFeed(new BatchLoader(d, all, BATCH, true, norm, null, 2)), mlpStep()),
                        new Case("mlp", threads, "loader-augmented", "fed by the loader with augmentation",
                                loaderFeed(new BatchLoader(d, all, BATCH, true, norm, aug, 2)), mlpStep())),
                warmup, windows, seconds);
        System.out.printf(Locale.ROOT, "summary: the loader alone makes %.0fx (with augmentation %.1fx) the samples/s the MLP trains at; fed by it"
                        + " the MLP trains at %.0f%% (%.0f%%) of its speed from ready arrays%n", median(l[0]) / median(r[0]), median(l[1]) / median(r[0]),
                100 * median(r[1]) / median(r[0]), 100 * median(r[2]) / median(r[0]));
    }

    /** One measured setting: what feeds the batches and what each batch is used for, on how many threads. */
    record Case(String what, int threads, String key, String setting, Feed feed, Consumer<float[][]> step) {
    }

    /**
     * Warms every case up, then measures them window by window in turn (case 1, case 2, …, case 1, …) so that load
     * from other processes hits all alike; prints and returns the samples/s of each window per case.
     */
    static double[][] run(List<Case> cases, double warmupSeconds, int windows, double seconds) {
        for (Case c : cases) {
            long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
            while (System.nanoTime() < end) c.step.accept(c.feed.next());
        }
        double[][] r = new double[cases.size()][windows];
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < cases.size(); i++) r[i][w] = window(cases.get(i), seconds);
        }
        for (int i = 0; i < cases.size(); i++) report(cases.get(i), r[i]);
        return r;
    }

    /** Samples/s of one case over about {@code seconds}. */
    static double window(Case c, double seconds) {
        long t0 = System.nanoTime(), stop = t0 + (long) (seconds * 1e9), batches = 0;
        do {
            c.step.accept(c.feed.next());
            batches++;
        } while (System.nanoTime() < stop);
        return batches * BATCH / ((System.nanoTime() - t0) / 1e9);
    }

    // ***** data *****

    /** Fashion-MNIST through {@link CpuBenchmark.Data} when its files exist, else generated shapes-28. */
    static Dataset load(Path dir) throws IOException {
        if (Files.isReadable(dir.resolve("train-images-idx3-ubyte.gz")) && Files.isReadable(dir.resolve("train-labels-idx1-ubyte.gz"))) {
            CpuBenchmark.Data fm = CpuBenchmark.Data.load(dir);
            return new Dataset("fashion-mnist", "Fashion-MNIST", fm.description(), Task.MULTICLASS, Shape.of(1, 28, 28), 1, FASHION,
                    fm.images(), fm.labels());
        }
        Dataset s = GeneratorCatalog.generate("shapes-28", Map.of("size", 20_000.0), "shapes-28", "Shapes 28×28");
        return new Dataset(s.id(), s.name(), "20000 generated shapes-28 images (no Fashion-MNIST in " + dir + ")", s.task(),
                s.featureShape(), s.targetSize(), s.classNames(), s.features(), s.targets());
    }

    /** Times writing the data set file (and its SHA-256) and reading it back. */
    static void codec(Dataset d) throws IOException {
        Path tmp = Files.createTempFile("loader-bench-", ".nwds");
        try {
            long t0 = System.nanoTime();
            String sha;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                sha = DatasetCodec.write(d, out);
            }
            double write = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            Dataset back = DatasetCodec.read(tmp, "check");
            double read = (System.nanoTime() - t1) / 1e9;
            if (!Arrays.equals(back.features(), d.features())) throw new IllegalStateException("codec round trip changed the features");
            System.out.printf(Locale.ROOT, "codec   %d × %s, file %.1f MB: write + SHA-256 %.3f s, read %.3f s (first run, JIT cold), sha256 %s…%n",
                    d.size(), d.featureShape(), Files.size(tmp) / 1e6, write, read, sha.substring(0, 12));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ***** feeds and steps *****

    /** Full batches from the loader, starting a new epoch when one ends (the partial last batch is skipped). */
    static Feed loaderFeed(BatchLoader loader) {
        if (loader.size() < BATCH) throw new IllegalArgumentException("The benchmark needs at least " + BATCH + " samples. Received: " + loader.size());
        loader.startEpoch();
        float[][] out = {loader.features(), loader.targets()};
        return () -> {
            while (loader.next() < BATCH) loader.startEpoch();
            return out;
        };
    }

    /** The baseline of {@link CpuBenchmark}: consecutive batches copied out of pre-normalized arrays. */
    static Feed arrayFeed(Dataset d, Normalization norm) {
        float[] x = d.features().clone();
        norm.apply(x, d.size());
        int f = d.featureSize(), batches = d.size() / BATCH;
        float[] xb = new float[BATCH * f], yb = new float[BATCH];
        float[][] out = {xb, yb};
        int[] cursor = {0};
        return () -> {
            int at = (cursor[0]++ % batches) * BATCH;
            System.arraycopy(x, at * f, xb, 0, BATCH * f);
            System.arraycopy(d.targets(), at, yb, 0, BATCH);
            return out;
        };
    }

    /** One Adam step of a fresh MLP 784-512-256-10 on a batch. */
    static Consumer<float[][]> mlpStep() {
        CpuBenchmark.Model model = CpuBenchmark.build("mlp");
        Shape xs = Shape.of(BATCH, 784), ys = Shape.of(BATCH);
        return b -> {
            Tensor loss = Loss.CROSS_ENTROPY.compute(model.forward(Tensor.of(xs, b[0])), Tensor.of(ys, b[1]));
            model.optimizer().zeroGrad();
            loss.backward();
            model.optimizer().step();
        };
    }

    // ***** output *****

    static void report(Case c, double[] sps) {
        StringBuilder list = new StringBuilder();
        for (double v : sps) list.append(list.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f", v));
        System.out.printf(Locale.ROOT, "%-6s t=%d  %-72s samples/s: %s  median %.0f%n", c.what, c.threads, c.setting, list, median(sps));
        System.out.printf(Locale.ROOT, "RESULT impl=netwright model=%s threads=%d setting=%s samples_per_s=%.0f%n", c.what, c.threads, c.key, median(sps));
    }

    static double median(double[] v) {
        return CpuBenchmark.median(v);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("Unexpected argument " + args[i]);
            String key = args[i].substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) m.put(key.substring(0, eq), key.substring(eq + 1));
            else m.put(key, i + 1 < args.length ? args[++i] : "");
        }
        return m;
    }
}
