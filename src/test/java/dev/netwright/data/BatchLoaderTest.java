package dev.netwright.data;

import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchLoaderTest {

    /** n samples of two features (i, 2i) with target i, so every batch row says which sample it is. */
    static Dataset indexed(int n) {
        float[] x = new float[2 * n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 2 * i;
            y[i] = i;
        }
        return new Dataset("ix", "ix", "", Task.REGRESSION, Shape.of(2), 1, List.of(), x, y);
    }

    /** The sample ids of one epoch, batch by batch. */
    static List<int[]> epoch(BatchLoader l) {
        List<int[]> out = new ArrayList<>();
        l.startEpoch();
        int b;
        while ((b = l.next()) > 0) {
            int[] ids = new int[b];
            for (int k = 0; k < b; k++) {
                ids[k] = (int) l.targets()[k];
                assertEquals(ids[k], l.features()[2 * k], "features and targets of the same sample");
            }
            out.add(ids);
        }
        return out;
    }

    @Test
    void everyIndexOncePerEpochWithAPartialLastBatch() {
        Dataset d = indexed(80);
        int[] idx = new int[50];
        for (int i = 0; i < 50; i++) idx[i] = 30 + i;
        BatchLoader l = new BatchLoader(d, idx, 7, true, null, null, 1);
        assertEquals(8, l.batchesPerEpoch());
        for (int e = 1; e <= 3; e++) {
            List<int[]> batches = epoch(l);
            assertEquals(8, batches.size());
            for (int b = 0; b < 7; b++) assertEquals(7, batches.get(b).length);
            assertEquals(1, batches.get(7).length, "50 = 7·7 + 1");
            int[] all = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
            assertArrayEquals(idx, all);
            assertEquals(0, l.next(), "the epoch is over");
            assertEquals(e, l.epoch());
        }
    }

    @Test
    void reproducibleForASeedAndReshuffledEveryEpoch() {
        Dataset d = indexed(40);
        int[] idx = java.util.stream.IntStream.range(0, 40).toArray();
        BatchLoader a = new BatchLoader(d, idx, 16, true, null, null, 5), b = new BatchLoader(d, idx, 16, true, null, null, 5);
        int[] first = null;
        for (int e = 0; e < 3; e++) {
            int[] ea = epoch(a).stream().flatMapToInt(Arrays::stream).toArray(), eb = epoch(b).stream().flatMapToInt(Arrays::stream).toArray();
            assertArrayEquals(ea, eb, "epoch " + e);
            if (first == null) first = ea;
            else assertNotEquals(Arrays.toString(first), Arrays.toString(ea), "a new order every epoch");
        }
        BatchLoader c = new BatchLoader(d, idx, 16, true, null, null, 6);
        assertNotEquals(Arrays.toString(first), Arrays.toString(epoch(c).stream().flatMapToInt(Arrays::stream).toArray()));
        BatchLoader inOrder = new BatchLoader(d, new int[]{5, 3, 9}, 2, false, null, null, 5);
        assertArrayEquals(new int[]{5, 3, 9}, epoch(inOrder).stream().flatMapToInt(Arrays::stream).toArray());
    }

    @Test
    void normalizationIsApplied() {
        Dataset d = indexed(30);
        int[] idx = java.util.stream.IntStream.range(0, 30).toArray();
        Normalization nz = Normalization.fit(d, idx, Scaling.STANDARDIZE);
        BatchLoader l = new BatchLoader(d, idx, 8, true, nz, null, 1);
        l.startEpoch();
        int b = l.next();
        for (int k = 0; k < b; k++) {
            int id = (int) l.targets()[k];
            assertEquals((id - nz.offset()[0]) * nz.scale()[0], l.features()[2 * k], 1e-6);
            assertEquals((2 * id - nz.offset()[1]) * nz.scale()[1], l.features()[2 * k + 1], 1e-6);
        }
    }

    /** The zero fill of a shift must be normalized too: 0 → (0 − 1)·2 = −2, while the ones become 0. */
    @Test
    void augmentationComesBeforeNormalization() {
        int n = 20;
        float[] x = new float[n * 36];
        Arrays.fill(x, 1f);
        Dataset d = new Dataset("img", "img", "", Task.MULTICLASS, Shape.of(1, 6, 6), 1, List.of("a"), x, new float[n]);
        Normalization nz = new Normalization(Scaling.STANDARDIZE, 36, 1, 36, new float[]{1}, new float[]{2});
        BatchLoader l = new BatchLoader(d, java.util.stream.IntStream.range(0, n).toArray(), n, true, nz,
                new Augmentation(false, 2, 0, 0), 3);
        l.startEpoch();
        assertEquals(n, l.next());
        long filled = 0;
        for (int i = 0; i < n * 36; i++) {
            float v = l.features()[i];
            assertTrue(v == 0f || v == -2f, "value " + v);
            if (v == -2f) filled++;
        }
        assertTrue(filled > 0, "some samples were shifted");
    }

    @Test
    void batchesAllocateNothing() {
        Dataset d = GeneratorCatalog.generate("shapes-28", java.util.Map.of("size", 300.0), "s", "s");
        int[] idx = java.util.stream.IntStream.range(0, 300).toArray();
        BatchLoader l = new BatchLoader(d, idx, 32, true, Normalization.fit(d, idx, Scaling.STANDARDIZE),
                new Augmentation(true, 2, 10, 0.05), 1);
        for (int e = 0; e < 3; e++) {
            l.startEpoch();
            while (l.next() > 0) {
                // warm up
            }
        }
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = bean.getThreadAllocatedBytes(tid);
        int batches = 0;
        for (int e = 0; e < 10; e++) {
            l.startEpoch();
            while (l.next() > 0) batches++;
        }
        long bytes = bean.getThreadAllocatedBytes(tid) - before;
        assertEquals(100, batches);
        assertTrue(bytes < 4096, bytes + " bytes allocated over " + batches + " batches of 32 × 784 values");
    }

    @Test
    void misuseIsReportedWithTheValues() {
        Dataset d = indexed(10);
        BatchLoader l = new BatchLoader(d, new int[]{1, 2}, 4, false, null, Augmentation.NONE, 1);
        assertThrows(IllegalStateException.class, l::next);
        assertEquals(2, l.features().length / 2, "buffers hold min(batchSize, samples)");
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchLoader(d, new int[]{1, 10}, 4, false, null, null, 1));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchLoader(d, new int[]{1}, 0, false, null, null, 1));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BatchLoader(d, new int[]{1}, 4, false, null, new Augmentation(true, 0, 0, 0), 1));
        assertTrue(e.getMessage().contains("[C,H,W]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BatchLoader(d, new int[]{1}, 4, false, Normalization.identity(Shape.of(3)), null, 1));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    }
}
