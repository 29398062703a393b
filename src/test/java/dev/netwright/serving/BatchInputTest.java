package dev.netwright.serving;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which data sets feed which model inputs, and what the refusal says. */
class BatchInputTest {
    private static ModelSignature signature(String name, Long... shape) {
        List<String> dims = Arrays.stream(shape).map(d -> d < 0 ? "batch" : null).toList();
        return signature(new ModelSignature.TensorSpec(name, "float32", List.of(shape), dims));
    }

    private static ModelSignature signature(ModelSignature.TensorSpec... inputs) {
        return new ModelSignature(List.of(inputs), List.of(new ModelSignature.TensorSpec("output", "float32", List.of(-1L, 10L), Arrays.asList("batch", null))),
                17, Map.of("ai.onnx", 17L), 8, null, "g", null);
    }

    private static Dataset data(int... shape) {
        Shape s = Shape.of(shape);
        return new Dataset("set", "Set", "", Task.REGRESSION, s, 1, List.of(), new float[2 * s.size()], new float[2]);
    }

    @Test
    void samplesFitByTheirValues() {
        BatchInput images = BatchInput.of(1, signature("input", -1L, 1L, 28L, 28L), data(784), 256);
        assertEquals("input", images.inputName());
        assertArrayEquals(new long[]{5, 1, 28, 28}, images.shape(5));
        assertEquals(256, images.maxChunk());
        assertArrayEquals(new long[]{3, 784}, BatchInput.of(1, signature("x", -1L, 784L), data(1, 28, 28), 256).shape(3));
        assertArrayEquals(new long[]{2, 6, 3}, BatchInput.of(1, signature("x", -1L, -1L, 3L), data(6, 3), 256).shape(2), "dynamic sequence length");
        assertArrayEquals(new long[]{2, 784}, BatchInput.of(1, signature("x", -1L, -1L), data(1, 28, 28), 256).shape(2), "a dynamic width takes the rest");
        assertEquals(1, BatchInput.of(1, signature("x", 1L, 2L), data(2), 256).maxChunk(), "a fixed batch of one");
    }

    @Test
    void misfitsNameBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> BatchInput.of(4, signature("input", -1L, 4L), data(2), 256));
        assertEquals("Input 'input' of model 4 expects shape [batch, 4], 4 values per sample; data set 'set' has samples of shape [2], 2 values each", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchInput.of(4, signature("x", -1L, -1L, 3L), data(6, 4), 256));
        assertTrue(e.getMessage().contains("expects shape [batch, batch, 3]; data set 'set' has samples of shape [6, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchInput.of(4, signature("x", 8L, 2L), data(2), 256));
        assertTrue(e.getMessage().contains("a fixed batch of 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchInput.of(4, signature(
                new ModelSignature.TensorSpec("a", "float32", List.of(-1L, 2L), Arrays.asList("batch", null)),
                new ModelSignature.TensorSpec("b", "float32", List.of(-1L, 2L), Arrays.asList("batch", null))), data(2), 256));
        assertTrue(e.getMessage().contains("model 4 has 2 inputs ['a', 'b']"), e.getMessage());
    }
}
