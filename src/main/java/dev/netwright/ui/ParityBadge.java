package dev.netwright.ui;

import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.netwright.serving.ModelView;

import java.util.Locale;

/**
 * The proof that a run's exported ONNX model computes what the trained network does (ONNX Runtime vs the engine on the
 * run's samples, {@code ModelView.parity}): a success badge with the numbers, or a loud error badge when the export
 * differs beyond the tolerance. Shown on the model page and on the run page's "Trained model" card.
 */
@CssImport("./src/onnx.css")
public class ParityBadge extends Div {
    private static final String WHICH_SAMPLES = "ONNX Runtime ran the exported file and the engine ran the trained network on the same"
            + " samples: the run's validation samples, or its training samples when it has no validation part";

    public ParityBadge(ModelView.Parity parity) {
        addClassName("nw-parity");
        Span badge = new Span();
        badge.addClassName("nw-parity-badge");
        Span text = new Span(text(parity));
        text.addClassName("nw-parity-text");
        if (parity == null) {
            badge.setText("not checked");
            badge.getElement().getThemeList().add("badge contrast");
        } else if (parity.ok()) {
            badge.setText("ONNX ≡ trained");
            badge.getElement().getThemeList().add("badge success");
            getElement().setAttribute("data-parity", "ok");
        } else {
            badge.setText("ONNX differs from the trained network");
            badge.getElement().getThemeList().add("badge error primary");
            addClassName("nw-parity-failed");
            getElement().setAttribute("role", "alert");
            getElement().setAttribute("data-parity", "failed");
        }
        getElement().setAttribute("title", WHICH_SAMPLES);
        add(badge, text);
    }

    /**
     * "Exported model ≡ trained network: max |Δ| 3.1e-7, max rel 2.0e-6 over 256 samples (tolerance 1e-4 + 1e-3·|y|)",
     * or what went wrong.
     */
    public static String text(ModelView.Parity p) {
        if (p == null) return "This model was not checked against a trained network (an upload, or exported before the check existed).";
        String tolerance = "tolerance " + sci(p.tolerance().abs()).replace(".0e", "e") + " + " + sci(p.tolerance().rel()).replace(".0e", "e") + "·|y|";
        if (p.maxAbs() == null) {
            return "ONNX Runtime could not run the exported model on " + p.samples() + " samples: the export is not proven (" + tolerance + ")";
        }
        String numbers = "max |Δ| " + sci(p.maxAbs()) + ", max rel " + (p.maxRel() == null ? "–" : sci(p.maxRel()))
                + " over " + p.samples() + " samples (" + tolerance + ")";
        return p.ok() ? "Exported model ≡ trained network: " + numbers
                : "The exported model differs from the trained network beyond the tolerance: " + numbers;
    }

    /** 3.1e-7, 2.0e-6; 0 → "0". */
    static String sci(double v) {
        if (v == 0) return "0";
        return String.format(Locale.ROOT, "%.1e", v).replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e"); // 3.1e-07 → 3.1e-7
    }
}
