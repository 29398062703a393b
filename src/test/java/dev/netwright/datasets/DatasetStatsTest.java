package dev.netwright.datasets;

import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How each kind of data set is previewed. */
class DatasetStatsTest {

    @Test
    void previewKindFollowsTheShapesOfFeaturesAndTargets() {
        assertEquals("images", DatasetStats.kind(Shape.of(1, 28, 28), Task.MULTICLASS, 1, "idx"));
        assertEquals("images", DatasetStats.kind(Shape.of(3, 8, 8), Task.MULTICLASS, 1, "images"));
        // a flattened square image in, one as regression targets out: an autoencoder's pairs
        assertEquals("image-pairs", DatasetStats.kind(Shape.of(784), Task.REGRESSION, 784, "builtin"));
        assertEquals("image-pairs", DatasetStats.kind(Shape.of(64), Task.REGRESSION, 64, "csv"));
        // not pairs: fewer targets than features, classes, no square, or too small to be a picture
        assertEquals("table", DatasetStats.kind(Shape.of(784), Task.REGRESSION, 10, "builtin"));
        assertEquals("table", DatasetStats.kind(Shape.of(784), Task.MULTICLASS, 1, "csv"));
        assertEquals("table", DatasetStats.kind(Shape.of(50), Task.REGRESSION, 50, "builtin"));
        assertEquals("table", DatasetStats.kind(Shape.of(49), Task.REGRESSION, 49, "builtin"));
        assertEquals("sequence", DatasetStats.kind(Shape.of(20, 1), Task.REGRESSION, 1, "builtin"));
        assertEquals("points", DatasetStats.kind(Shape.of(2), Task.BINARY, 1, "builtin"));
        assertEquals("table", DatasetStats.kind(Shape.of(2), Task.BINARY, 1, "csv"));
    }

    @Test
    void squareSideOfPerfectSquaresOnly() {
        assertEquals(28, DatasetStats.squareSide(784));
        assertEquals(8, DatasetStats.squareSide(64));
        assertEquals(0, DatasetStats.squareSide(50));
        assertEquals(0, DatasetStats.squareSide(0));
    }
}
