package dev.netwright.serving;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The latency window: nearest-rank percentiles over the last N predictions, bounded, safe across threads. */
class LatencyWindowTest {
    @Test
    void percentilesAreNearestRankInMilliseconds() {
        LatencyWindow w = new LatencyWindow(1000);
        List<Integer> ms = new ArrayList<>(IntStream.rangeClosed(1, 100).boxed().toList());
        Collections.shuffle(ms, new java.util.Random(1));
        for (int v : ms) w.record(v * 1_000_000L);
        LatencyStats s = w.stats(7);
        assertEquals(7, s.modelId());
        assertEquals(100, s.count());
        assertEquals(100, s.window());
        assertEquals(50.0, s.p50Ms());
        assertEquals(90.0, s.p90Ms());
        assertEquals(99.0, s.p99Ms());
        assertEquals(50.5, s.meanMs());
        assertEquals(100.0, s.maxMs());
    }

    @Test
    void onlyTheLastPredictionsCount() {
        LatencyWindow w = new LatencyWindow(10);
        for (int i = 0; i < 25; i++) w.record(i < 15 ? 1_000_000_000L : 2_000L); // 15 slow ones, then 10 fast ones
        LatencyStats s = w.stats(1);
        assertEquals(25, s.count());
        assertEquals(10, s.window());
        assertEquals(0.002, s.p99Ms());
        assertEquals(0.002, s.maxMs());
    }

    @Test
    void emptyAndSingleWindows() {
        LatencyStats empty = new LatencyWindow(5).stats(3);
        assertEquals(0, empty.count());
        assertNull(empty.p50Ms());
        assertNull(empty.meanMs());
        LatencyWindow one = new LatencyWindow(5);
        one.record(1_500_000);
        assertEquals(1.5, one.stats(3).p50Ms());
        assertEquals(1.5, one.stats(3).p99Ms());
        assertThrows(IllegalArgumentException.class, () -> new LatencyWindow(0));
    }

    @Test
    void recordsFromManyThreads() throws Exception {
        LatencyWindow w = new LatencyWindow(100);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 32; t++) pool.submit(() -> IntStream.range(0, 1000).forEach(i -> w.record(1000)));
        }
        assertEquals(32_000, w.stats(1).count());
        assertEquals(100, w.stats(1).window());
        assertEquals(0.001, w.stats(1).maxMs());
    }
}
