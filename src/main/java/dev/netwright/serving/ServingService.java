package dev.netwright.serving;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Predictions from trained models. Keeps one {@link InferenceSession} per trained-model id in a bounded
 * LRU cache ({@code netwright.serving.cache-size}, default {@value #DEFAULT_CACHE_SIZE}); an evicted
 * session is closed once no prediction is using it, and all are closed at shutdown.
 * <p>An unknown model id gives {@link Optional#empty()} (the REST layer maps it to 404). Input that does
 * not fit the model gives {@link IllegalArgumentException}; ONNX Runtime failures {@link ServingException}.
 */
@ApplicationScoped
public class ServingService {
    public static final int DEFAULT_CACHE_SIZE = 32;

    private final ModelStore store;
    private final int capacity;
    /** Access-ordered: the eldest entry is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<Long, Entry> cache = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

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
                          @ConfigProperty(name = "netwright.serving.cache-size", defaultValue = "" + DEFAULT_CACHE_SIZE) int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("netwright.serving.cache-size must be >= 1. Received: " + capacity);
        this.store = store;
        this.capacity = capacity;
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

    /** Drops the cached session of {@code modelId} (call after the model is deleted or replaced). */
    public synchronized void evict(long modelId) {
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
        Entry e = acquire(modelId);
        if (e == null) return Optional.empty();
        try {
            return Optional.of(call.apply(e.session));
        } finally {
            release(e);
        }
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
