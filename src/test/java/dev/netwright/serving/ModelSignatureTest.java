package dev.netwright.serving;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Named prediction inputs checked against a signature; every message names what was expected and what came. */
class ModelSignatureTest {
    static final ModelSignature TWO = OnnxModels.check(ProtoModels.twoInputs());

    static InputTensor t(long[] shape, int values) {
        return new InputTensor(shape, new double[values]);
    }

    static String refused(Map<String, InputTensor> inputs) {
        return assertThrows(IllegalArgumentException.class, () -> TWO.checkInputs(inputs)).getMessage();
    }

    @Test
    void acceptsInputsThatFit() {
        TWO.checkInputs(Map.of("ids", t(new long[]{2, 3}, 6), "scale", t(new long[]{1}, 1)));
        TWO.checkInputs(Map.of("ids", t(new long[]{0, 3}, 0), "scale", t(new long[]{1}, 1)));
    }

    @Test
    void namesMissingAndUnknownInputs() {
        assertEquals("missing input ['scale']; the model's inputs are ['ids', 'scale']",
                refused(Map.of("ids", t(new long[]{1, 3}, 3))));
        assertEquals("missing inputs ['ids', 'scale']; the model's inputs are ['ids', 'scale']", refused(Map.of()));
        Map<String, InputTensor> extra = new LinkedHashMap<>();
        extra.put("ids", t(new long[]{1, 3}, 3));
        extra.put("scale", t(new long[]{1}, 1));
        extra.put("bias", t(new long[]{1}, 1));
        assertEquals("unknown input 'bias'; the model's inputs are ['ids', 'scale']", refused(extra));
    }

    @Test
    void namesExpectedAndReceivedShapes() {
        assertEquals("input 'ids' expects shape [batch, 3], got [2, 4]",
                refused(Map.of("ids", t(new long[]{2, 4}, 8), "scale", t(new long[]{1}, 1))));
        assertEquals("input 'ids' expects shape [batch, 3], got [6]",
                refused(Map.of("ids", t(new long[]{6}, 6), "scale", t(new long[]{1}, 1))));
        assertEquals("input 'scale' expects shape [1], got [1, 1]",
                refused(Map.of("ids", t(new long[]{2, 3}, 6), "scale", t(new long[]{1, 1}, 1))));
    }

    @Test
    void valueCountMustBeTheShapes() {
        assertEquals("input 'ids' has shape [2, 3], which holds 6 values; got 5",
                refused(Map.of("ids", t(new long[]{2, 3}, 5), "scale", t(new long[]{1}, 1))));
    }

    @Test
    void aSymbolicDimensionHasOneSizeAcrossInputs() {
        ModelSignature s = new ModelSignature(
                java.util.List.of(new ModelSignature.TensorSpec("a", "float32", java.util.List.of(-1L, 2L), java.util.Arrays.asList("batch", null)),
                        new ModelSignature.TensorSpec("b", "float32", java.util.List.of(-1L), java.util.List.of("batch"))),
                java.util.List.of(new ModelSignature.TensorSpec("y", "float32", java.util.List.of(-1L), java.util.List.of("batch"))),
                17, Map.of("ai.onnx", 17L), 8, null, "g", null);
        Map<String, InputTensor> in = new LinkedHashMap<>();
        in.put("a", t(new long[]{3, 2}, 6));
        in.put("b", t(new long[]{4}, 4));
        var e = assertThrows(IllegalArgumentException.class, () -> s.checkInputs(in));
        assertEquals("dimension 'batch' is 3 in input 'a' but 4 in input 'b' [4]", e.getMessage());
    }
}
