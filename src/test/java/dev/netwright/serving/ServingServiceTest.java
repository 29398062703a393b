package dev.netwright.serving;

import dev.netwright.graph.Network;
import dev.netwright.onnx.OnnxExporter;
import dev.netwright.onnx.TestNets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.netwright.onnx.TestNets.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain JUnit: the store is a map behind a lambda that counts loads. */
class ServingServiceTest {
    static Network xor;
    static byte[] xorBytes;

    final Map<Long, byte[]> models = new ConcurrentHashMap<>();
    final AtomicInteger loads = new AtomicInteger();
    final ModelStore store = id -> {
        loads.incrementAndGet();
        return Optional.ofNullable(models.get(id)).map(b -> new ModelStore.StoredModel(id, b));
    };

    @BeforeAll
    static void export() {
        xor = TestNets.trainedXor(300);
        xorBytes = OnnxExporter.export(xor, "xor");
    }

    @Test
    void predictsAndCachesTheSession() {
        models.put(1L, xorBytes);
        ServingService s = new ServingService(store, 4);
        float[][] y = s.predict(1, new float[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}}).orElseThrow();
        float[] expected = TestNets.infer(xor, TestNets.XOR_X).toArray();
        for (int i = 0; i < 4; i++) assertClose(new float[]{expected[i]}, y[i], 1e-5, 1e-4, "row " + i);
        s.predict(1, new float[][]{{1, 1}});
        assertEquals(1, loads.get(), "the second prediction reuses the session");
        assertEquals(1, s.cachedSessions());
        s.close();
    }

    @Test
    void unknownModelIsEmpty() {
        ServingService s = new ServingService(store);
        assertEquals(Optional.empty(), s.predict(99, new float[][]{{0, 1}}));
        assertEquals(0, s.cachedSessions());
    }

    @Test
    void badInputIsIllegalArgument() {
        models.put(1L, xorBytes);
        ServingService s = new ServingService(store);
        var e = assertThrows(IllegalArgumentException.class, () -> s.predict(1, new float[][]{{1, 2, 3}}));
        assertEquals("expected input of shape [N, 2], got [N, 3]", e.getMessage());
        s.close();
    }

    @Test
    void evictsTheLeastRecentlyUsedAndClosesIt() {
        for (long id = 1; id <= 3; id++) models.put(id, xorBytes);
        ServingService s = new ServingService(store, 2);
        float[][] x = {{0, 1}};
        s.predict(1, x);
        s.predict(2, x);
        InferenceSession first = s.cached(1).orElseThrow();
        s.predict(1, x); // 1 is now the most recent, 2 the eldest
        s.predict(3, x);
        assertEquals(2, s.cachedSessions());
        assertTrue(s.cached(2).isEmpty(), "2 was the least recently used");
        assertFalse(first.isClosed());
        InferenceSession third = s.cached(3).orElseThrow();

        s.evict(1);
        assertTrue(first.isClosed());
        assertEquals(1, s.cachedSessions());

        s.close();
        assertTrue(third.isClosed());
        assertEquals(0, s.cachedSessions());
        assertThrows(IllegalStateException.class, () -> s.predict(3, x));
    }

    @Test
    void concurrentPredictionsSurviveEvictions() throws Exception {
        for (long id = 1; id <= 4; id++) models.put(id, xorBytes);
        ServingService s = new ServingService(store, 2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        float[][] y = s.predict(1 + (i + offset) % 4, new float[][]{{1, 0}}).orElseThrow();
                        assertEquals(1, y[0].length);
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdown();
            s.close();
        }
        assertTrue(loads.get() > 4, "sessions were evicted and reloaded: " + loads.get());
    }

    @Test
    void rejectsANonPositiveCacheSize() {
        assertThrows(IllegalArgumentException.class, () -> new ServingService(store, 0));
    }

    @Test
    void concurrentNamedPredictionsShareOneSession() throws Exception {
        models.put(7L, ProtoModels.twoInputs().toByteArray());
        ServingService s = new ServingService(store, 2);
        s.predict(7, Map.of("ids", new InputTensor(new long[]{0, 3}, new double[0]),
                "scale", new InputTensor(new long[]{1}, new double[]{1}))).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        double v = offset * 100 + i + 1; // not 0: -0.0 and 0.0 differ for assertArrayEquals
                        Map<String, TensorValue> y = s.predict(7, Map.of(
                                "ids", new InputTensor(new long[]{1, 3}, new double[]{v, -v, 1}),
                                "scale", new InputTensor(new long[]{1}, new double[]{2}))).orElseThrow();
                        assertArrayEquals(new float[]{(float) (2 * v), (float) (-2 * v), 2}, (float[]) y.get("y").data());
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdown();
            s.close();
        }
        assertEquals(1, loads.get(), "one session, shared by every thread");
    }
}
