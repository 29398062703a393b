package dev.netwright.ui.models;

import dev.netwright.serving.ImageInput;
import dev.netwright.serving.ModelSignature;
import dev.netwright.serving.ModelSignature.TensorSpec;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The try-it form a signature gets, and pictures as 28×28 input (plain JUnit, no browser). */
class InputPlanTest {
    private static TensorSpec input(String name, String type, Long... shape) {
        return new TensorSpec(name, type, List.of(shape), Arrays.stream(shape).map(d -> d < 0 ? "batch" : null).toList());
    }

    private static ModelSignature signature(TensorSpec... inputs) {
        return new ModelSignature(List.of(inputs), List.of(input("output", "float32", -1L, 10L)), 17, Map.of("ai.onnx", 17L), 8, null, "g", null);
    }

    @Test
    void imageModelsGetThePad() {
        for (ModelSignature s : List.of(signature(input("input", "float32", -1L, 1L, 28L, 28L)),
                signature(input("x", "float32", -1L, 784L)), signature(input("x", "float32", 1L, 28L, 28L)))) {
            InputPlan p = InputPlan.of(s);
            assertEquals(InputPlan.Kind.IMAGE, p.kind(), s.inputs().toString());
            assertEquals(28, p.side());
        }
        assertEquals(16, InputPlan.of(signature(input("x", "float32", -1L, 1L, 16L, 16L))).side());
        assertArrayEquals(new long[]{1, 1, 28, 28}, InputPlan.of(signature(input("input", "float32", -1L, 1L, 28L, 28L))).tensors().getFirst().batchOfOne());
        assertEquals(InputPlan.Kind.NONE, InputPlan.of(signature(input("x", "float32", -1L, 3L, 28L, 28L))).kind(), "colour: 2352 values");
    }

    @Test
    void smallInputsGetFields() {
        InputPlan p = InputPlan.of(signature(input("input", "float32", -1L, 4L)));
        assertEquals(InputPlan.Kind.TABLE, p.kind());
        assertEquals(1, p.tensors().getFirst().rows());
        assertEquals(4, p.tensors().getFirst().cols());
        InputPlan seq = InputPlan.of(signature(input("input", "float32", -1L, 6L, 3L), input("mask", "int64", -1L, 6L)));
        assertEquals(InputPlan.Kind.TABLE, seq.kind());
        assertEquals(List.of(6, 1), seq.tensors().stream().map(InputPlan.Tensor::rows).toList());
        assertEquals(List.of(3, 6), seq.tensors().stream().map(InputPlan.Tensor::cols).toList());
    }

    @Test
    void otherInputsSayWhy() {
        assertTrue(InputPlan.of(signature(input("x", "float32", -1L, 100L))).reason().contains("100 values per sample"));
        assertTrue(InputPlan.of(signature(input("x", "float32", -1L, -1L))).reason().contains("dynamic dimensions"));
        assertTrue(InputPlan.of(signature(input("x", "string", -1L, 2L))).reason().contains("is string"));
        assertTrue(InputPlan.of(null).reason().contains("cannot be read"));
    }

    @Test
    void picturesBecomeLightInkOnDark() throws Exception {
        // a black bar on white paper, 56×56: inverted, scaled to 28×28
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 56, 56);
        g.setColor(Color.BLACK);
        g.fillRect(24, 8, 8, 40);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        double[] x = ImageInput.read(png.toByteArray(), 28, true);
        assertEquals(784, x.length);
        assertEquals(1.0, x[14 * 28 + 13], 1e-6, "ink in the middle");
        assertEquals(0.0, x[14 * 28 + 2], 1e-6, "background");
        double[] asIs = ImageInput.read(png.toByteArray(), 28, false);
        assertEquals(0.0, asIs[14 * 28 + 13], 1e-6, "not inverted when not asked");
        assertThrows(IllegalArgumentException.class, () -> ImageInput.read("not a picture".getBytes(), 28, true));
    }
}
