package dev.netwright.onnx;

import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Init;
import dev.netwright.graph.layer.ActivationLayer;
import dev.netwright.graph.layer.DenseLayer;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.OutputLayer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class OnnxMappingTest {
    @Test
    void paletteTable() {
        Map<String, List<String>> t = OnnxMapping.table();
        assertEquals(LayerCatalog.all().size(), t.size());
        assertEquals(List.of(), t.get("Input"));
        assertEquals(List.of("Gemm"), t.get("Dense"));
        assertEquals(List.of(), t.get("Dropout"));
        assertEquals(List.of("Flatten"), t.get("Flatten"));
        assertEquals(List.of("Identity"), t.get("Output"));
        assertEquals(List.of("Identity"), t.get("Identity"));
        assertEquals(List.of("LeakyRelu"), t.get("LeakyReLU"));
        assertEquals(List.of("Softplus"), t.get("Softplus"));
        assertEquals(List.of("LogSoftmax"), t.get("LogSoftmax"));
    }

    @Test
    void multiOpLayers() {
        assertEquals(List.of("Gemm", "Tanh"), OnnxMapping.opsFor(new DenseLayer(3, true, Activation.Kind.TANH, Init.GLOROT_UNIFORM)));
        assertEquals(List.of("Mul", "Softplus", "Div"), OnnxMapping.opsFor(new ActivationLayer(Activation.Kind.SOFTPLUS, 2f)));
        assertEquals(List.of("GreaterOrEqual", "Cast"), OnnxMapping.opsFor(Activation.Kind.STEP));
        assertEquals(List.of("Identity"), OnnxMapping.opsFor(new OutputLayer(Loss.MSE)));
        for (Activation.Kind k : Activation.Kind.values()) assertFalse(OnnxMapping.opsFor(k).isEmpty(), k.toString());
    }
}
