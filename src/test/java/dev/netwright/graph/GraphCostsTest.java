package dev.netwright.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.netwright.graph.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FLOPs and training memory against numbers computed by hand. */
class GraphCostsTest {

    /** The seed's LeNet-5 for 28×28 images: C1 padded by 2, max pooling, dense 120-84-10. */
    static GraphSpec leNet5() {
        return graph().node("input", "Input", Map.of("shape", List.of(1, 28, 28)))
                .node("c1", "Conv2D", Map.of("filters", 6, "kernel", 5, "padding", "2", "activation", "relu"))
                .node("s2", "MaxPool2D", Map.of())
                .node("c3", "Conv2D", Map.of("filters", 16, "kernel", 5, "activation", "relu"))
                .node("s4", "MaxPool2D", Map.of())
                .node("flat", "Flatten", Map.of())
                .node("f5", "Dense", Map.of("units", 120, "activation", "relu"))
                .node("f6", "Dense", Map.of("units", 84, "activation", "relu"))
                .node("logits", "Dense", Map.of("units", 10))
                .node("output", "Output", Map.of("loss", "cross_entropy"))
                .edge("input", "c1").edge("c1", "s2").edge("s2", "c3").edge("c3", "s4").edge("s4", "flat").edge("flat", "f5")
                .edge("f5", "f6").edge("f6", "logits").edge("logits", "output").build();
    }

    @Test
    void leNet5Flops() {
        GraphAnalysis a = GraphAnalyzer.analyze(leNet5());
        assertTrue(a.isValid(), a.problems().toString());
        // 2 per multiply-add: output positions × weights per position
        assertEquals(2L * (6 * 28 * 28) * (1 * 5 * 5), a.flops().get("c1"));     // 235,200
        assertEquals(2L * (16 * 10 * 10) * (6 * 5 * 5), a.flops().get("c3"));    // 480,000
        assertEquals(2L * 400 * 120, a.flops().get("f5"));
        assertEquals(2L * 120 * 84, a.flops().get("f6"));
        assertEquals(2L * 84 * 10, a.flops().get("logits"));
        for (String free : List.of("input", "s2", "s4", "flat", "output")) assertEquals(0L, a.flops().get(free), free);
        assertEquals(833_040L, a.totalFlops());
        assertEquals(61_706L, a.totalParameters());
    }

    @Test
    void leNet5TrainingMemoryWithAdam() {
        GraphCosts.MemoryEstimate m = GraphCosts.estimate(GraphAnalyzer.analyze(leNet5()), 32, "adam");
        assertEquals(61_706L, m.parameters());
        assertEquals(61_706L * 4, m.parameterBytes());
        assertEquals(61_706L * 4, m.gradientBytes());
        assertEquals(2, m.optimizerStateSlots());
        assertEquals(2 * 61_706L * 4, m.optimizerStateBytes());
        // outputs per sample: input 784, c1 4,704, s2 1,176, c3 1,600, s4 400, f5 120, f6 84, logits 10 (Flatten, Output: views)
        assertEquals(8_878L * 32 * 4, m.activationBytes());
        // pre-activations of the four layers with a built-in ReLU
        assertEquals((4_704L + 1_600 + 120 + 84) * 32 * 4, m.savedForBackwardBytes());
        assertEquals(2_956_704L, m.totalBytes());
    }

    /** Input [4] → Dense 8 relu → Dense 3 → Output. */
    @Test
    void mlpFlopsAndMemoryPerOptimizer() {
        GraphAnalysis a = GraphAnalyzer.analyze(graph().node("in", "Input", Map.of("shape", List.of(4)))
                .node("h", "Dense", Map.of("units", 8, "activation", "relu")).node("y", "Dense", Map.of("units", 3))
                .node("out", "Output", Map.of("loss", "cross_entropy")).edge("in", "h").edge("h", "y").edge("y", "out").build());
        assertEquals(64L, a.flops().get("h"));
        assertEquals(48L, a.flops().get("y"));
        assertEquals(112L, a.totalFlops());

        GraphCosts.MemoryEstimate sgd = a.memory(10, "sgd");
        assertEquals(67L * 4, sgd.parameterBytes());                        // 4·8 + 8 + 8·3 + 3
        assertEquals(67L * 4, sgd.gradientBytes());
        assertEquals(0L, sgd.optimizerStateBytes());
        assertEquals((4 + 8 + 3) * 10L * 4, sgd.activationBytes());
        assertEquals(8 * 10L * 4, sgd.savedForBackwardBytes());
        assertEquals(1_456L, sgd.totalBytes());
        assertEquals(1_456L + 67 * 4, a.memory(10, "momentum").totalBytes());
        assertEquals(1_456L + 2 * 67 * 4, a.memory(10, "Adam").totalBytes());

        GraphCosts.MemoryEstimate closedForm = a.memory(10, "least_squares");
        assertEquals(0L, closedForm.gradientBytes() + closedForm.optimizerStateBytes() + closedForm.savedForBackwardBytes());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> a.memory(10, "wobbly")).getMessage().contains("wobbly"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> a.memory(0, "sgd")).getMessage().contains("batchSize"));
    }

    @Test
    void recurrentAndTransposedConvolutionFlops() {
        GraphAnalysis a = GraphAnalyzer.analyze(graph().node("in", "Input", Map.of("shape", List.of(30, 2)))
                .node("lstm", "LSTM", Map.of("units", 32, "return_sequences", true)).node("gru", "GRU", Map.of("units", 5))
                .node("out", "Output", Map.of()).edge("in", "lstm").edge("lstm", "gru").edge("gru", "out").build());
        assertEquals(2L * 30 * 4 * 32 * (2 + 32), a.flops().get("lstm"));
        assertEquals(2L * 30 * 3 * 5 * (32 + 5), a.flops().get("gru"));
        // per step: the hidden state plus LSTM's 4 gates and cell, GRU's 3 gates
        assertEquals((30L * 32 * 6 + 30L * 5 * 4) * 4, a.memory(1, "sgd").savedForBackwardBytes());

        GraphAnalysis up = GraphAnalyzer.analyze(graph().node("in", "Input", Map.of("shape", List.of(8, 7, 7)))
                .node("up", "ConvTranspose2D", Map.of("filters", 4)).node("out", "Output", Map.of()).edge("in", "up").edge("up", "out").build());
        assertEquals(2L * (8 * 7 * 7) * 4 * 2 * 2, up.flops().get("up"));
    }
}
