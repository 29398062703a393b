import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.Network;
import dev.netwright.graph.NodeSpec;
import dev.netwright.onnx.OnnxExporter;
import dev.netwright.serving.ModelStore;
import dev.netwright.serving.ServingService;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving benchmark (bench/README.md, "Serving"): predict latency at batch 1 and throughput with concurrent clients,
 * in process through {@link ServingService} (ONNX Runtime, the app's session cache) and over HTTP against a running app
 * ({@code POST /api/models/{id}/predict} with one row, java.net.http on loopback, one virtual thread per client).
 * <p>Models: an MLP 784-128-10 (ReLU) exported by our engine with random weights, and PyTorch's MLP sample
 * ({@code ../shared/onnx-samples/mlp.onnx}, 4 inputs) when present. Each measurement: a warm-up (time and calls), then
 * a fixed time; latency percentiles are nearest-rank over every call of the window. Prints one {@code RESULT} line per
 * measurement.
 * <p>Run by {@code scripts/bench.sh --serving} (which builds, starts the app jar when no {@code --url} is given, and
 * puts target/classes and the runtime dependencies on the class path). Options: {@code --url http://host:port}
 * (HTTP part; none: in process only), {@code --seconds 10}, {@code --warmup-seconds 5}, {@code --clients 32},
 * {@code --samples ../shared/onnx-samples}.
 */
public class ServingBenchmark {
    record Model(String name, byte[] onnx, int width) {
    }

    record Result(long calls, double seconds, long[] nanos) {
        double perSecond() {
            return calls / seconds;
        }

        double ms(double p) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            int rank = (int) Math.ceil(p / 100 * s.length);
            return s[Math.clamp(rank - 1, 0, s.length - 1)] / 1e6;
        }

        double meanMs() {
            return Arrays.stream(nanos).average().orElse(0) / 1e6;
        }
    }

    interface Call {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        double seconds = Double.parseDouble(opt.getOrDefault("seconds", "10"));
        double warmup = Double.parseDouble(opt.getOrDefault("warmup-seconds", "5"));
        int clients = Integer.parseInt(opt.getOrDefault("clients", "32"));
        String url = opt.get("url");
        Path samples = Path.of(opt.getOrDefault("samples", "../shared/onnx-samples"));

        List<Model> models = new ArrayList<>();
        models.add(new Model("mlp-784-128-10", OnnxExporter.export(mlp(784, 128, 10), "mlp-784-128-10"), 784));
        if (Files.exists(samples.resolve("mlp.onnx"))) models.add(new Model("pytorch-mlp-sample", Files.readAllBytes(samples.resolve("mlp.onnx")), 4));
        System.out.printf(Locale.ROOT, "serving benchmark: %d cores, load %s, JDK %s, %s s per measurement after %s s warm-up, %d clients%n",
                Runtime.getRuntime().availableProcessors(), loadavg(), System.getProperty("java.version"), fmt(seconds), fmt(warmup), clients);

        for (Model m : models) {
            ServingService serving = new ServingService(id -> Optional.of(new ModelStore.StoredModel(id, m.onnx())));
            try {
                float[][] row = {randomRow(m.width(), 1)};
                Call call = () -> serving.predict(1, row).orElseThrow();
                report(m, "in-process", 1, measure(call, 1, warmup, seconds));
                report(m, "in-process", clients, measure(call, clients, warmup, seconds));
            } finally {
                serving.close();
            }
        }
        if (url == null) {
            System.out.println("(no --url: HTTP part skipped)");
            return;
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        awaitReady(http, url, Integer.parseInt(opt.getOrDefault("wait-seconds", "180")));
        for (Model m : models) {
            long id = upload(http, url, m);
            try {
                String body = "{\"inputs\": [" + Arrays.toString(randomRow(m.width(), 2)) + "]}";
                HttpRequest predict = HttpRequest.newBuilder(URI.create(url + "/api/models/" + id + "/predict"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                Call call = () -> {
                    HttpResponse<String> r = http.send(predict, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) throw new IllegalStateException("predict answered " + r.statusCode() + ": " + r.body());
                };
                report(m, "http", 1, measure(call, 1, warmup, seconds));
                report(m, "http", clients, measure(call, clients, warmup, seconds));
                String stats = http.send(HttpRequest.newBuilder(URI.create(url + "/api/models/" + id + "/stats")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                System.out.println("   server-side GET /stats (ServingService, last 1000 predictions): " + stats);
            } finally {
                http.send(HttpRequest.newBuilder(URI.create(url + "/api/models/" + id)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    /**
     * Runs {@code call} on {@code clients} virtual threads: a warm-up of {@code warmupSeconds} and at least
     * {@value #WARMUP_CALLS} calls (the JIT needs calls, not seconds, on a loaded machine; at most a minute), then
     * {@code seconds} timed; every call's latency.
     */
    static Result measure(Call call, int clients, double warmupSeconds, double seconds) throws Exception {
        run(call, clients, warmupSeconds, WARMUP_CALLS, false);
        return run(call, clients, seconds, 0, true);
    }

    static final int WARMUP_CALLS = 5000;

    private static Result run(Call call, int clients, double seconds, int minCalls, boolean keep) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        long[][] perClient = new long[clients][];
        int[] counts = new int[clients];
        List<Thread> threads = new ArrayList<>();
        Exception[] failure = new Exception[1];
        for (int c = 0; c < clients; c++) {
            int client = c;
            perClient[c] = new long[4096];
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    while (!stop.get()) {
                        long t = System.nanoTime();
                        call.run();
                        long dt = System.nanoTime() - t;
                        int n = counts[client];
                        if (n == perClient[client].length) perClient[client] = Arrays.copyOf(perClient[client], 2 * n);
                        perClient[client][n] = dt;
                        counts[client] = n + 1;
                    }
                } catch (Exception e) {
                    failure[0] = e;
                    stop.set(true);
                }
            }));
        }
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        while (minCalls > 0 && Arrays.stream(counts).sum() < minCalls && System.nanoTime() - start < 60e9 && failure[0] == null) Thread.sleep(100);
        stop.set(true);
        for (Thread t : threads) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure[0] != null) throw failure[0];
        if (!keep) return null;
        int calls = 0;
        for (int n : counts) calls += n;
        long[] all = new long[calls];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        return new Result(calls, elapsed, all);
    }

    static void report(Model m, String mode, int clients, Result r) {
        System.out.printf(Locale.ROOT, "RESULT serving model=%s mode=%s clients=%d calls=%d per_s=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f mean_ms=%.3f%n",
                m.name(), mode, clients, r.calls(), r.perSecond(), r.ms(50), r.ms(90), r.ms(99), r.meanMs());
    }

    /** Input [784] → Dense 128 ReLU → Dense 10 → Output (cross-entropy), random initial weights. */
    static Network mlp(int in, int hidden, int out) {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("input", "Input", Map.of("shape", List.of(in)), null),
                new NodeSpec("hidden", "Dense", Map.of("units", hidden, "activation", "relu"), null),
                new NodeSpec("logits", "Dense", Map.of("units", out), null),
                new NodeSpec("output", "Output", Map.of("loss", "cross_entropy"), null));
        List<EdgeSpec> edges = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(new EdgeSpec("e" + i, new EdgeSpec.PortRef(nodes.get(i - 1).id(), "out"), new EdgeSpec.PortRef(nodes.get(i).id(), "in")));
        }
        return Network.compile(new GraphSpec(null, 1, "mlp-" + in + "-" + hidden + "-" + out, nodes, edges), 1);
    }

    static float[] randomRow(int width, long seed) {
        Random r = new Random(seed);
        float[] x = new float[width];
        for (int i = 0; i < width; i++) x[i] = r.nextFloat();
        return x;
    }

    static long upload(HttpClient http, String url, Model m) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/models?name=bench-" + m.name()))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(m.onnx())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
        if (!id.find()) throw new IllegalStateException("no id in " + r.body());
        return Long.parseLong(id.group(1));
    }

    static void awaitReady(HttpClient http, String url, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not up yet
            }
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException(url + " did not become ready within " + seconds + " s");
            Thread.sleep(500);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("Options are --name value pairs; got " + Arrays.toString(args));
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    static String loadavg() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
