package dev.netwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netwright.engine.nn.Activation;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** f and f′ come from the engine (autograd for f′): compared with the closed forms. */
class ActivationPlotTest {

    private static ActivationPlot.Curve curve(String type, Map<String, Object> params) {
        return ActivationPlot.of(new NodeSpec("n", type, params, null), LayerCatalog.find(type).orElseThrow()).orElseThrow();
    }

    @Test
    void sigmoidAndTanhMatchTheirClosedForms() {
        ActivationPlot.Curve s = curve("Sigmoid", Map.of());
        ActivationPlot.Curve t = curve("Tanh", Map.of());
        assertEquals(ActivationPlot.POINTS, s.x().length);
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i], sig = 1 / (1 + Math.exp(-x));
            assertEquals(sig, s.f()[i], 1e-5);
            assertEquals(sig * (1 - sig), s.df()[i], 1e-5);
            assertEquals(Math.tanh(x), t.f()[i], 1e-5);
            assertEquals(1 - Math.tanh(x) * Math.tanh(x), t.df()[i], 1e-4);
        }
    }

    @Test
    void leakyReluUsesTheLayersSlopeAndSoftmaxIsDrawnForTwoInputs() {
        ActivationPlot.Curve leaky = curve("LeakyReLU", Map.of("alpha", 0.2));
        assertEquals(-0.8, leaky.f()[0], 1e-6);
        assertEquals(0.2, leaky.df()[0], 1e-6);
        assertEquals(1.0, leaky.df()[leaky.x().length - 1], 1e-6);

        ActivationPlot.Curve softmax = curve("Softmax", Map.of());
        ActivationPlot.Curve sigmoid = curve("Sigmoid", Map.of());
        for (int i = 0; i < softmax.x().length; i++) {
            assertEquals(sigmoid.f()[i], softmax.f()[i], 1e-5, "softmax of (x, 0) is the sigmoid");
            assertEquals(sigmoid.df()[i], softmax.df()[i], 1e-5);
        }
    }

    @Test
    void denseShowsItsActivationButNotTheIdentityAndOtherLayersNothing() {
        assertEquals("relu", curve("Dense", Map.of("activation", "relu")).name());
        assertTrue(ActivationPlot.of(new NodeSpec("d", "Dense", Map.of(), null), LayerCatalog.find("Dense").orElseThrow()).isEmpty());
        assertTrue(ActivationPlot.of(new NodeSpec("f", "Flatten", Map.of(), null), LayerCatalog.find("Flatten").orElseThrow()).isEmpty());
        assertTrue(ActivationPlot.of(new NodeSpec("d", "Dense", Map.of("units", -1, "activation", "relu"), null),
                LayerCatalog.find("Dense").orElseThrow()).isEmpty(), "invalid parameters: no plot");
        assertTrue(curve("PReLU", Map.of("slope", 0.5)).name().startsWith("PReLU"));
    }

    @Test
    void theSvgHasBothCurvesAndItsTitle() {
        String svg = ActivationPlot.svg(ActivationPlot.sample("ReLU", Activation.Kind.RELU, 0));
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains("class=\"nw-plot-f\" d=\"M"));
        assertTrue(svg.contains("class=\"nw-plot-df\" d=\"M"));
        assertTrue(svg.contains("<title>ReLU: f (solid) and f′ (dashed) on [-4, 4]</title>"));
    }
}
