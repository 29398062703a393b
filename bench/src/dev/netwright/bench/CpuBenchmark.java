package dev.netwright.bench;

import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.TensorScope;
import dev.netwright.engine.Rng;
import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.cpu.CpuBackend;
import dev.netwright.engine.backend.cpu.CpuThreads;
import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Conv2d;
import dev.netwright.engine.nn.Flatten;
import dev.netwright.engine.nn.Init;
import dev.netwright.engine.nn.Linear;
import dev.netwright.engine.nn.MaxPool2d;
import dev.netwright.engine.nn.Module;
import dev.netwright.engine.optim.Optimizer;
import dev.netwright.engine.optim.Optimizers;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Training throughput of the CPU backend: MLP 784-512-256-10 (ReLU, Adam lr 1e-3, batch 128) and LeNet-5 (ReLU,
 * SGD lr 0.01 momentum 0.9, batch 64) on 28x28 inputs with cross-entropy, plus SGEMM at 1024^3 and 2048^3.
 * Mirrors {@code bench/pytorch_bench.py}; run both with {@code scripts/bench.sh} (see bench/README.md).
 *
 * <p>Each model trains at least {@code --warmup} steps and {@code --warmup-seconds} (the JIT compiles the vector
 * kernels meanwhile), then {@code --windows} timed windows of {@code --steps} steps,
 * walking through the data epoch after epoch (so effects that appear after the first epoch, such as denormal
 * optimizer state, are measured). Prints samples/s and GFLOP/s per window, their median, and one machine-readable
 * {@code RESULT} line per measurement, with the Java heap allocated per training step over the timed windows
 * ({@code com.sun.management.ThreadMXBean}): by the training thread and the kernel workers of {@code CpuThreads}, and
 * by all threads (which adds what the JVM itself allocates meanwhile, e.g. for the JIT).
 *
 * <p>The training step is the allocation-free loop of {@link TensorScope}: input and target tensors made once and
 * refilled in place, each step inside a scope that hands its activations back to the backend when it closes.
 * {@code --reuse false} runs the plain loop instead (new input tensors every step, no scope), for comparison.
 *
 * <p>Options: {@code --threads 1,2 --models mlp,lenet --gemm 1024,2048 --windows 5 --steps 200 --warmup 50
 * --warmup-seconds 5 --reuse true --data DIR} (Fashion-MNIST IDX files; random 28x28 data when absent).
 */
public final class CpuBenchmark {
    private static final Loss LOSS = Loss.CROSS_ENTROPY;

    private CpuBenchmark() {
    }

    /** A feed-forward stack of layers with its optimizer and training-FLOP count per sample. */
    record Model(String name, List<Module> layers, int batch, Optimizer optimizer, double flopsPerSample, boolean image) {
        Tensor forward(Tensor x) {
            for (Module m : layers) x = m.forward(x);
            return x;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = options(args);
        int[] threads = ints(opt.getOrDefault("threads", "1," + Runtime.getRuntime().availableProcessors()));
        List<String> models = List.of(opt.getOrDefault("models", "mlp,lenet").split(","));
        int[] gemm = opt.getOrDefault("gemm", "1024,2048").isEmpty() ? new int[0] : ints(opt.getOrDefault("gemm", "1024,2048"));
        int windows = Integer.parseInt(opt.getOrDefault("windows", "5"));
        int steps = Integer.parseInt(opt.getOrDefault("steps", "200"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "50"));
        double warmupSeconds = Double.parseDouble(opt.getOrDefault("warmup-seconds", "5"));
        boolean reuse = Boolean.parseBoolean(opt.getOrDefault("reuse", "true"));
        Path dataDir = Path.of(opt.getOrDefault("data", "/usr/share/datasets/fashion-mnist"));

        Data data = Data.load(dataDir);
        System.out.printf(Locale.ROOT, "netwright CPU benchmark: java %s, %d cores, vector %d bits, data: %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize(), data.description);
        for (int t : threads) {
            CpuThreads.setThreads(t);
            for (String name : models) {
                Model model = build(name.trim());
                double[][] r = train(model, data, warmup, warmupSeconds, windows, steps, reuse);
                report(model.name, t, r[0], r[1], r[2][0], r[2][1], r[2][2], r[2][3]);
            }
            for (int n : gemm) gemm(n, t);
            if (gemm.length > 0) {
                // the MLP's three products at batch 128 (forward, input and weight gradient of the 784x512 layer)
                gemmShape(128, 512, 784, false, true, t);
                gemmShape(128, 784, 512, false, false, t);
                gemmShape(512, 784, 128, true, false, t);
            }
        }
    }

    // ***** models *****

    static Model build(String name) {
        Rng rng = new Rng(42);
        List<Module> layers = new ArrayList<>();
        Activation relu = new Activation(Activation.Kind.RELU);
        return switch (name) {
            case "mlp" -> {
                layers.addAll(List.of(new Linear(784, 512, true, Init.HE_UNIFORM, rng), relu,
                        new Linear(512, 256, true, Init.HE_UNIFORM, rng), relu,
                        new Linear(256, 10, true, Init.HE_UNIFORM, rng)));
                yield new Model("mlp", layers, 128, Optimizers.create("adam", params(layers), 1e-3, Map.of()),
                        trainFlops(new long[]{784L * 512, 512L * 256, 256L * 10}), false);
            }
            case "lenet" -> {
                int[] one = {1, 1};
                layers.addAll(List.of(
                        new Conv2d(1, 6, new int[]{5, 5}, one, new int[]{2, 2}, one, 1, true, Init.HE_UNIFORM, rng), relu,
                        new MaxPool2d(2),
                        new Conv2d(6, 16, new int[]{5, 5}, one, new int[]{0, 0}, one, 1, true, Init.HE_UNIFORM, rng), relu,
                        new MaxPool2d(2), new Flatten(),
                        new Linear(400, 120, true, Init.HE_UNIFORM, rng), relu,
                        new Linear(120, 84, true, Init.HE_UNIFORM, rng), relu,
                        new Linear(84, 10, true, Init.HE_UNIFORM, rng)));
                yield new Model("lenet", layers, 64, Optimizers.create("momentum", params(layers), 0.01, Map.of("momentum", 0.9)),
                        trainFlops(new long[]{6L * 28 * 28 * 25, 16L * 10 * 10 * 150, 400L * 120, 120L * 84, 84L * 10}), true);
            }
            default -> throw new IllegalArgumentException("Unknown model '" + name + "'. Known: mlp, lenet");
        };
    }

    private static List<Tensor> params(List<Module> layers) {
        List<Tensor> p = new ArrayList<>();
        for (Module m : layers) p.addAll(m.parameters().values());
        return p;
    }

    /**
     * Training FLOPs per sample from each weighted layer's multiply-adds: forward and weight gradient for every
     * layer, input gradient for all but the first (the data needs none); 2 FLOPs per multiply-add. Bias,
     * activation, pooling, loss and optimizer work is not counted.
     */
    static double trainFlops(long[] macs) {
        double f = 0;
        for (int i = 0; i < macs.length; i++) f += 2.0 * macs[i] * (i == 0 ? 2 : 3);
        return f;
    }

    // ***** training *****

    /** Returns {samples/s per window, GFLOP/s per window, {first loss, last loss, bytes allocated per timed step}}. */
    static double[][] train(Model model, Data data, int warmup, double warmupSeconds, int windows, int steps, boolean reuse) {
        int b = model.batch;
        Shape xs = model.image ? Shape.of(b, 1, 28, 28) : Shape.of(b, 784);
        int batches = data.count / b;
        int[] cursor = {0};
        Runnable step;
        if (reuse) {
            // made once, refilled every step; everything the step's ops allocate goes back to the backend at close
            Tensor x = Tensor.zeros(xs), y = Tensor.zeros(b);
            step = () -> {
                int at = (cursor[0]++ % batches) * b;
                x.copyFrom(data.images, at * 784);
                y.copyFrom(data.labels, at);
                try (TensorScope ignored = TensorScope.open()) {
                    model.optimizer.zeroGrad();
                    Tensor loss = LOSS.compute(model.forward(x), y);
                    lastLoss = loss.item();
                    loss.backward();
                    model.optimizer.step();
                }
            };
        } else {
            float[] xb = new float[b * 784], yb = new float[b];
            step = () -> {
                int at = (cursor[0]++ % batches) * b;
                System.arraycopy(data.images, at * 784, xb, 0, b * 784);
                System.arraycopy(data.labels, at, yb, 0, b);
                Tensor x = Tensor.of(xs, xb), y = Tensor.of(Shape.of(b), yb);
                Tensor loss = LOSS.compute(model.forward(x), y);
                model.optimizer.zeroGrad();
                loss.backward();
                model.optimizer.step();
                lastLoss = loss.item();
            };
        }
        // warm-up: the JIT needs a few seconds to compile the vector kernels for good
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++) step.run();
        double first = lastLoss;
        double[] sps = new double[windows], gf = new double[windows];
        long[] trainingThreads = trainingThreadIds();
        long own0 = allocatedBytes(trainingThreads), all0 = allocatedBytes();
        for (int w = 0; w < windows; w++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) step.run();
            double sec = (System.nanoTime() - t0) / 1e9;
            sps[w] = (double) steps * b / sec;
            gf[w] = sps[w] * model.flopsPerSample / 1e9;
        }
        long own1 = allocatedBytes(trainingThreads), all1 = allocatedBytes();
        double n = windows * steps;
        double own = own0 < 0 ? Double.NaN : (own1 - own0) / n, all = all0 < 0 ? Double.NaN : (all1 - all0) / n;
        return new double[][]{sps, gf, {first, lastLoss, own, all}};
    }

    private static volatile double lastLoss;

    /** Bytes allocated so far by all threads (-1 where the JVM cannot tell). */
    static long allocatedBytes() {
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return t.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    /** Bytes allocated so far by the threads {@code ids} (-1 where the JVM cannot tell). */
    static long allocatedBytes(long[] ids) {
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            long sum = 0;
            for (long b : t.getThreadAllocatedBytes(ids)) sum += Math.max(b, 0);
            return sum;
        }
        return -1;
    }

    /** This thread and the kernel workers (threads "netwright-cpu-N", started by the warm-up's parallel loops). */
    static long[] trainingThreadIds() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Long> ids = new ArrayList<>(List.of(Thread.currentThread().threadId()));
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("netwright-cpu-")) ids.add(info.getThreadId());
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    static void report(String model, int threads, double[] sps, double[] gf, double firstLoss, double lastLoss,
                       double allocPerStep, double allocPerStepAll) {
        System.out.printf(Locale.ROOT, "%-6s threads=%d  samples/s: %s  median %.0f  (%.1f GFLOP/s)  loss %.3f -> %.3f"
                        + "  alloc/step %.1f KB (all threads %.1f KB)%n",
                model, threads, list(sps, "%.0f"), median(sps), median(gf), firstLoss, lastLoss, allocPerStep / 1e3,
                allocPerStepAll / 1e3);
        System.out.printf(Locale.ROOT, "RESULT impl=netwright model=%s threads=%d samples_per_s=%.0f gflops=%.2f windows=%s"
                        + " alloc_bytes_per_step=%.0f alloc_bytes_per_step_all_threads=%.0f%n",
                model, threads, median(sps), median(gf), list(sps, "%.0f").replace(' ', ','), allocPerStep, allocPerStepAll);
    }

    // ***** GEMM *****

    static void gemm(int n, int threads) {
        double g = gemmGflops(n, n, n, false, false, threads);
        System.out.printf(Locale.ROOT, "sgemm  threads=%d  %d^3: median %.1f GFLOP/s%n", threads, n, g);
        System.out.printf(Locale.ROOT, "RESULT impl=netwright model=gemm%d threads=%d gflops=%.2f%n", n, threads, g);
    }

    static void gemmShape(int m, int n, int k, boolean ta, boolean tb, int threads) {
        System.out.printf(Locale.ROOT, "sgemm  threads=%d  %dx%dx%d%s%s: median %.1f GFLOP/s%n", threads, m, n, k,
                ta ? " transA" : "", tb ? " transB" : "", gemmGflops(m, n, k, ta, tb, threads));
    }

    /** Median GFLOP/s of 5 windows after warm-up, c = op(a) op(b) through the backend's matmul. */
    static double gemmGflops(int m, int n, int k, boolean ta, boolean tb, int threads) {
        Backend be = CpuBackend.INSTANCE;
        Rng rng = new Rng(7);
        float[] av = new float[m * k], bv = new float[k * n];
        for (int i = 0; i < av.length; i++) av[i] = rng.uniform(-1, 1);
        for (int i = 0; i < bv.length; i++) bv[i] = rng.uniform(-1, 1);
        Buffer a = be.upload(av), b = be.upload(bv), c = be.alloc(m * n);
        double flop = 2.0 * m * n * k;
        int reps = (int) Math.max(1, Math.round(4e9 * threads / flop));
        Runnable run = () -> be.matmul(a, b, c, 1, m, n, k, ta, tb, false, false, false);
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 2 * reps || System.nanoTime() < warmupEnd; i++) run.run();
        double[] g = new double[5];
        for (int w = 0; w < g.length; w++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) run.run();
            g[w] = flop * reps / ((System.nanoTime() - t0) / 1e9) / 1e9;
        }
        return median(g);
    }

    // ***** data *****

    /** Training images (scaled to [0, 1], shuffled once with a fixed seed) and labels as floats. */
    record Data(float[] images, float[] labels, int count, String description) {
        static Data load(Path dir) throws IOException {
            Path img = dir.resolve("train-images-idx3-ubyte.gz"), lab = dir.resolve("train-labels-idx1-ubyte.gz");
            if (Files.isReadable(img) && Files.isReadable(lab)) {
                byte[] pixels = idx(img, 0x803), labels = idx(lab, 0x801);
                int n = labels.length;
                float[] x = new float[n * 784], y = new float[n];
                int[] order = new int[n];
                for (int i = 0; i < n; i++) order[i] = i;
                new Rng(1).shuffle(order);
                for (int i = 0; i < n; i++) {
                    int s = order[i];
                    for (int j = 0; j < 784; j++) x[i * 784 + j] = (pixels[s * 784 + j] & 0xff) / 255f;
                    y[i] = labels[s];
                }
                return new Data(x, y, n, "Fashion-MNIST " + n + " training images from " + dir);
            }
            int n = 60000;
            Rng rng = new Rng(1);
            float[] x = new float[n * 784], y = new float[n];
            for (int i = 0; i < x.length; i++) x[i] = rng.uniform(0, 1);
            for (int i = 0; i < n; i++) y[i] = rng.nextInt(10);
            return new Data(x, y, n, "random 28x28 (no Fashion-MNIST in " + dir + ")");
        }

        /** The payload of a gzipped IDX file with the given magic number. */
        private static byte[] idx(Path file, int magic) throws IOException {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file)); DataInputStream d = new DataInputStream(in)) {
                int m = d.readInt();
                if (m != magic) throw new IOException(file + ": IDX magic " + Integer.toHexString(m) + ", expected " + Integer.toHexString(magic));
                int size = d.readInt();
                for (int i = 0; i < (magic & 0xff) - 1; i++) size *= d.readInt();
                byte[] b = new byte[size];
                d.readFully(b);
                return b;
            }
        }
    }

    // ***** helpers *****

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String list(double[] v, String fmt) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) sb.append(sb.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, fmt, x));
        return sb.toString();
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
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
