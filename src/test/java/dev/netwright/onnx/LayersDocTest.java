package dev.netwright.onnx;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/layers.md is generated from the catalog and the ONNX emitters; this fails when it is out of date.
 * With {@code -Dnetwright.docs.write=true} it rewrites the file instead.
 */
class LayersDocTest {
    @Test
    void layersMarkdownIsUpToDate() throws Exception {
        String expected = LayersDoc.render();
        if (Boolean.getBoolean("netwright.docs.write")) {
            Files.writeString(LayersDoc.PATH, expected, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(LayersDoc.PATH), LayersDoc.PATH.toAbsolutePath() + " is missing; generate it with: " + LayersDoc.REGENERATE);
        String actual = Files.readString(LayersDoc.PATH, StandardCharsets.UTF_8);
        assertEquals(expected, actual, "docs/layers.md is out of date; regenerate it with: " + LayersDoc.REGENERATE);
    }

    @Test
    void everyLayerHasARow() {
        String md = LayersDoc.render();
        for (var t : dev.netwright.graph.layer.LayerCatalog.all()) assertTrue(md.contains("| **" + t.type() + "** |"), t.type());
    }
}
