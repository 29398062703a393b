package dev.netwright.onnx;

import dev.netwright.engine.Shape;
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
        assertEquals(List.of("Gemm", "GreaterOrEqual", "Cast"), t.get("Perceptron"));
        assertEquals(List.of("Reshape"), t.get("Reshape"));
        assertEquals(List.of("Cast", "Gather"), t.get("Embedding"));
        assertEquals(List.of("Conv"), t.get("Conv1D"));
        assertEquals(List.of("Conv"), t.get("Conv2D"));
        assertEquals(List.of("ConvTranspose"), t.get("ConvTranspose2D"));
        assertEquals(List.of("MaxPool"), t.get("MaxPool2D"));
        assertEquals(List.of("AveragePool"), t.get("AvgPool1D"));
        assertEquals(List.of("GlobalAveragePool", "Flatten"), t.get("GlobalAvgPool2D"));
        assertEquals(List.of("GlobalMaxPool", "Flatten"), t.get("GlobalMaxPool2D"));
        assertEquals(List.of("BatchNormalization"), t.get("BatchNorm"));
        assertEquals(List.of("LayerNormalization"), t.get("LayerNorm"));
        assertEquals(List.of("Gemm"), t.get("WeightNormDense"));
        assertEquals(List.of(), t.get("AlphaDropout"));
        assertEquals(List.of(), t.get("GaussianNoise"));
        assertEquals(List.of("Transpose", "RNN", "Squeeze"), t.get("SimpleRNN"));
        assertEquals(List.of("Transpose", "LSTM", "Squeeze"), t.get("LSTM"));
        assertEquals(List.of("Transpose", "GRU", "Squeeze"), t.get("GRU"));
        assertEquals(List.of("Concat"), t.get("Concat"));
        assertEquals(List.of("Add"), t.get("Add"));
        assertEquals(List.of("Mul"), t.get("Multiply"));
        assertEquals(List.of("PRelu"), t.get("PReLU"));
    }

    @Test
    void layerOpsDependOnParameters() {
        var lstm = LayerCatalog.find("LSTM").orElseThrow().parse(Map.of("return_sequences", true));
        assertEquals(List.of("Transpose", "LSTM", "Squeeze", "Transpose"), OnnxMapping.opsFor(lstm, List.of(Shape.of(5, 3))));
        var add = LayerCatalog.find("Add").orElseThrow().parse(Map.of("inputs", 3));
        assertEquals(List.of("Add", "Add"), OnnxMapping.opsFor(add, List.of(Shape.of(2), Shape.of(2), Shape.of(2))));
        var conv = LayerCatalog.find("Conv2D").orElseThrow().parse(Map.of("activation", "relu"));
        assertEquals(List.of("Conv", "Relu"), OnnxMapping.opsFor(conv, List.of(Shape.of(1, 8, 8))));
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
