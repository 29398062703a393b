package dev.netwright.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import dev.netwright.onnx.ExportOptions;
import dev.netwright.onnx.ParityCheck;
import dev.netwright.onnx.UnsupportedOpsetException;
import dev.netwright.serving.ModelView;
import dev.netwright.training.ModelExportService;
import dev.netwright.ui.ParityBadge;
import dev.netwright.ui.Routes;

import java.util.stream.IntStream;

/**
 * "Export…" on a finished run: the opset (13–21, default 17) and whether the input scaling is folded into the graph.
 * "Export" exports through {@link ModelExportService} first, so a refusal (an op that needs a later opset, a network
 * that cannot be rebuilt) shows its message here instead of a broken download; on success the parity of the new file is
 * shown with a link to {@code GET /api/runs/{id}/onnx?opset=..&foldPreprocessing=..}.
 */
@CssImport("./src/onnx.css")
class ExportDialog extends Dialog {
    private final ModelExportService exports;
    private final long runId;
    private final Select<Integer> opset = new Select<>();
    private final Checkbox fold = new Checkbox("Fold the input scaling into the model", true);
    private final Div result = new Div();

    ExportDialog(ModelExportService exports, long runId) {
        this.exports = exports;
        this.runId = runId;
        setHeaderTitle("Export run #" + runId + " as ONNX");
        addClassName("nw-export-dialog");

        opset.setLabel("Opset");
        opset.setItems(IntStream.rangeClosed(ExportOptions.MIN_OPSET, ExportOptions.MAX_OPSET).boxed().toList());
        opset.setValue(ExportOptions.DEFAULT_OPSET);
        opset.setHelperText("17 is the default; older runtimes may need a lower one");
        opset.addClassName("nw-export-opset");
        fold.setTooltipText("Off: the model takes already scaled samples; the scaling constants stay in its metadata");
        fold.addClassName("nw-export-fold");
        opset.addValueChangeListener(e -> result.setVisible(false));
        fold.addValueChangeListener(e -> result.setVisible(false));

        result.addClassName("nw-export-result");
        result.setVisible(false);
        add(new Div(opset, fold), result);

        Button export = new Button("Export", VaadinIcon.COG.create(), e -> export());
        export.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        export.addClassName("nw-export-check");
        getFooter().add(new Button("Close", e -> close()), export);
    }

    /** Exports with the chosen options and shows the parity and the download, or why it cannot. */
    private void export() {
        int o = opset.getValue() == null ? ExportOptions.DEFAULT_OPSET : opset.getValue();
        boolean f = fold.getValue();
        result.removeAll();
        result.removeClassName("nw-export-failed");
        try {
            ModelExportService.Export e = exports.reexport(runId, o, f);
            result.add(new ParityBadge(parity(e.parity())));
            if (!e.storedParity().ok()) {
                Span stored = new Span("The network rebuilt from the stored model differs from it: " + e.storedParity().describe());
                stored.addClassName("nw-export-warning");
                result.add(stored);
            }
            Anchor download = new Anchor(Routes.runOnnx(runId, o, f), "Download opset " + o + (f ? "" : ", unscaled") + " ONNX");
            download.setDownload(true);
            download.addClassName("nw-download");
            download.addClassName("nw-export-download");
            download.addComponentAsFirst(VaadinIcon.DOWNLOAD_ALT.create());
            result.add(download);
        } catch (UnsupportedOpsetException ex) {
            failed("Cannot export at opset " + ex.opset() + ":");
            UnorderedList layers = new UnorderedList();
            ex.violations().forEach(v -> layers.add(new ListItem("layer '" + v.nodeId() + "' (" + v.layerType() + ") is written as "
                    + v.op() + ", which needs opset " + v.minimumOpset() + " or later")));
            result.add(layers);
        } catch (RuntimeException ex) {
            failed(ex.getMessage());
        }
        result.setVisible(true);
    }

    private void failed(String message) {
        Span text = new Span(message);
        text.addClassName("nw-export-error");
        result.add(text);
        result.addClassName("nw-export-failed");
        result.getElement().setAttribute("role", "alert");
    }

    private static ModelView.Parity parity(ParityCheck.Result r) {
        return ModelView.Parity.of(r.error() == null ? r.maxAbs() : null, r.error() == null ? r.maxRel() : null, r.samples(), r.ok());
    }
}
