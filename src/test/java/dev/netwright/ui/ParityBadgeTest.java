package dev.netwright.ui;

import dev.netwright.serving.ModelView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parity line of the model and run pages, without a browser. */
class ParityBadgeTest {
    @Test
    void provenExportShowsTheNumbersAndTheTolerance() {
        assertEquals("Exported model ≡ trained network: max |Δ| 3.1e-7, max rel 2.0e-6 over 256 samples (tolerance 1e-4 + 1e-3·|y|)",
                ParityBadge.text(ModelView.Parity.of(3.1e-7, 2.0e-6, 256, true)));
        assertEquals("0", ParityBadge.sci(0));
        assertEquals("1.2e3", ParityBadge.sci(1234));
    }

    @Test
    void aFailedCheckIsLoud() {
        ParityBadge badge = new ParityBadge(ModelView.Parity.of(0.5, 0.25, 100, false));
        assertEquals("failed", badge.getElement().getAttribute("data-parity"));
        assertEquals("alert", badge.getElement().getAttribute("role"));
        assertTrue(badge.hasClassName("nw-parity-failed"));
        assertTrue(ParityBadge.text(ModelView.Parity.of(0.5, 0.25, 100, false))
                .startsWith("The exported model differs from the trained network beyond the tolerance: max |Δ| 5.0e-1"));
        assertTrue(ParityBadge.text(ModelView.Parity.of(null, null, 100, false)).startsWith("ONNX Runtime could not run"));
        assertTrue(ParityBadge.text(null).contains("not checked"));
    }
}
