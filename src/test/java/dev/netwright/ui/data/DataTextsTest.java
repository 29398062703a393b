package dev.netwright.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netwright.data.SplitSpec;
import dev.netwright.datasets.SplitView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class DataTextsTest {

    @Test
    void samplesAndShapes() {
        assertEquals("1 sample", DataTexts.samples(1));
        assertEquals("60,000 samples", DataTexts.samples(60_000));
        assertEquals("[1 × 28 × 28]", DataTexts.shape(List.of(1, 28, 28)));
    }

    @Test
    void splitsReadAsTheirPresets() {
        assertEquals("70/30", DataTexts.splitPercent(SplitSpec.preset("70/30", 1)));
        assertEquals("60/20/20", DataTexts.splitPercent(SplitSpec.preset("60/20/20", 1)));
        assertEquals("98/1/1", DataTexts.splitPercent(SplitSpec.preset("98/1/1", 1)));
        assertEquals("62.5/37.5", DataTexts.splitPercent(new SplitSpec(0.625, 0.375, 0, false, 1)));
        SplitView v = new SplitView(SplitSpec.preset("60/20/20", 3), false, 8, 2, 2, List.of(), List.of(), List.of());
        assertEquals("8 / 2 / 2", DataTexts.splitSizes(v));
        assertEquals("60/20/20 · stratified · seed 3", DataTexts.splitDescription(v));
    }

    @Test
    void bytes() {
        assertEquals("512 bytes", DataTexts.bytes(512));
        assertEquals("1.5 KiB", DataTexts.bytes(1536));
        assertEquals("512.0 MiB", DataTexts.bytes(512L << 20));
    }

    @Test
    void originListsFilesWithSizeAndShortHashAndGeneratorParameters() {
        Map<String, Object> upload = Map.of("files", List.of(Map.of("field", "file", "name", "iris.csv", "bytes", 2048,
                "sha256", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")));
        assertEquals(List.of("iris.csv · 2.0 KiB · sha256 0123456789ab"), DataTexts.origin(upload));
        assertEquals(List.of("t10k-labels-idx1-ubyte.gz (test labels) · 5.0 KiB · sha256 abc"), DataTexts.origin(Map.of("files",
                List.of(Map.of("field", "testLabels", "name", "t10k-labels-idx1-ubyte.gz", "bytes", 5120, "sha256", "abc")))));
        assertEquals(List.of("noise = 0.1"), DataTexts.origin(Map.of("params", Map.of("noise", 0.1))));
        assertEquals("Generated: moons", DataTexts.source("generated", Map.of("generator", "moons")));
    }
}
