package dev.netwright.serving;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Predictions from trained models. Keeps one {@link InferenceSession} per trained-model id in a bounded
 * LRU cache ({@code netwright.serving.cache-size}, default {@value #DEFAULT_CACHE_SIZE}); an evicted
 * session is closed once no prediction is using it, and all are closed at shutdown.
 * <p>Every successful prediction records its latency (waiting for and loading the session included) in a window of the
 * model's last {@code netwright.serving.latency-window} predictions (default {@value #DEFAULT_LATENCY_WINDOW}):
 * {@link #latency(long)}.
 * <p>An unknown model id gives {@link Optional#empty()} (the REST layer maps it to 404). Input that does
 * not fit the model gives {@link IllegalArgumentException}; ONNX Runtime failures {@link ServingException}.
 */
@ApplicationScoped
public class ServingService {
    public static final int DEFAULT_CACHE_SIZE = 32;
    public static final int DEFAULT_LATENCY_WINDOW = 1000;

    private final ModelStore store;
    private final int capacity;
    /** Access-ordered: the eldest entry is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<Long, Entry> cache = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;
    private final int latencyWindow;
    private final Map<Long, LatencyWindow> latencies = new ConcurrentHashMap<>();

    /** A cached session and how many predictions are running on it. */
    private static final class Entry {
        final InferenceSession session;
        int users;
        boolean retired;

        Entry(InferenceSession session) {
            this.session = session;
        }
    }

    @Inject
    public ServingService(ModelStore store,
                          @ConfigProperty(name = "netwright.serving.cache-size", defaultValue = "" + DEFAULT_CACHE_SIZE) int capacity,
                          @ConfigProperty(name = "netwright.serving.latency-window", defaultValue = "" + DEFAULT_LATENCY_WINDOW) int latencyWindow) {
        if (capacity < 1) throw new IllegalArgumentException("netwright.serving.cache-size must be >= 1. Received: " + capacity);
        if (latencyWindow < 1) throw new IllegalArgumentException("netwright.serving.latency-window must be >= 1. Received: " + latencyWindow);
        this.store = store;
        this.capacity = capacity;
        this.latencyWindow = latencyWindow;
    }

    public ServingService(ModelStore store, int capacity) {
        this(store, capacity, DEFAULT_LATENCY_WINDOW);
    }

    public ServingService(ModelStore store) {
        this(store, DEFAULT_CACHE_SIZE);
    }

    /** Runs a batch of input vectors (one row per sample) through model {@code modelId}; empty if no such model. */
    public Optional<float[][]> predict(long modelId, float[][] inputs) {
        return withSession(modelId, s -> s.run(inputs));
    }

    /** Runs one input tensor (row-major data, full shape with the batch first); empty if no such model. */
    public Optional<TensorData> predict(long modelId, float[] data, long[] shape) {
        return withSession(modelId, s -> s.run(data, shape));
    }

    /**
     * Runs named input tensors (converted to each input's element type) through model {@code modelId}; returns every
     * tensor output by name; empty if no such model.
     */
    public Optional<Map<String, TensorValue>> predict(long modelId, Map<String, InputTensor> inputs) {
        return withSession(modelId, s -> s.run(inputs));
    }

    /**
     * The latencies of the model's recent predictions (count since start, p50, p90, p99, mean, max over the window); all
     * null but the count while it has none.
     */
    public LatencyStats latency(long modelId) {
        LatencyWindow w = latencies.get(modelId);
        return w == null ? new LatencyStats(modelId, 0, 0, null, null, null, null, null) : w.stats(modelId);
    }

    /** Drops the cached session and the latency window of {@code modelId} (call after the model is deleted or replaced). */
    public synchronized void evict(long modelId) {
        latencies.remove(modelId);
        Entry e = cache.remove(modelId);
        if (e != null) retire(e);
    }

    /** How many sessions are cached now. */
    public synchronized int cachedSessions() {
        return cache.size();
    }

    /** Closes every cached session; predictions afterwards fail with {@link IllegalStateException}. */
    @PreDestroy
    public synchronized void close() {
        closed = true;
        cache.values().forEach(this::retire);
        cache.clear();
    }

    /** For tests: the cached session of {@code modelId}, without touching the LRU order. */
    synchronized Optional<InferenceSession> cached(long modelId) {
        for (Map.Entry<Long, Entry> e : cache.entrySet()) {
            if (e.getKey() == modelId) return Optional.of(e.getValue().session);
        }
        return Optional.empty();
    }

    private <T> Optional<T> withSession(long modelId, Function<InferenceSession, T> call) {
        long start = System.nanoTime();
        Entry e = acquire(modelId);
        if (e == null) return Optional.empty();
        T result;
        try {
            result = call.apply(e.session);
        } finally {
            release(e);
        }
        latencies.computeIfAbsent(modelId, id -> new LatencyWindow(latencyWindow)).record(System.nanoTime() - start);
        return Optional.of(result);
    }

    private Entry acquire(long modelId) {
        synchronized (this) {
            ensureOpen();
            Entry e = cache.get(modelId);
            if (e != null) {
                e.users++;
                return e;
            }
        }
        // load outside the lock: other models keep serving meanwhile
        Optional<ModelStore.StoredModel> model = store.find(modelId);
        if (model.isEmpty()) return null;
        InferenceSession session = InferenceSession.load(model.get().onnx());
        synchronized (this) {
            Entry e = closed ? null : cache.get(modelId);
            if (closed || e != null) {
                session.close(); // shut down meanwhile, or another thread loaded the same model first
                ensureOpen();
                e.users++;
                return e;
            }
            e = new Entry(session);
            e.users = 1;
            cache.put(modelId, e);
            for (Iterator<Entry> it = cache.values().iterator(); cache.size() > capacity; ) {
                Entry eldest = it.next();
                it.remove();
                retire(eldest);
            }
            return e;
        }
    }

    private synchronized void release(Entry e) {
        e.users--;
        if (e.retired && e.users == 0) e.session.close();
    }

    private void retire(Entry e) {
        e.retired = true;
        if (e.users == 0) e.session.close();
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("The serving service is shut down");
    }
}
