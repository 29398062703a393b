package dev.netwright.ui.editor;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphCosts;
import dev.netwright.ui.Formats;

import java.util.List;

/**
 * The editor's status bar: how many layers and connections, the model's totals (parameters, forward FLOPs per
 * sample), the training memory {@link GraphCosts#estimate} gives for a batch size and optimizer chosen here, and
 * whether the design can be trained. Changing the batch size or optimizer only redraws the estimate.
 */
public class CostBar extends Div {
    private final Span counts = new Span();
    private final Span totals = new Span();
    private final Span memory = new Span();
    private final IntegerField batch = new IntegerField();
    private final Select<String> optimizer = new Select<>();
    private final Span validity = new Span();
    private GraphAnalysis analysis;

    public CostBar() {
        addClassName("nw-statusbar");
        counts.addClassName("nw-stat-counts");
        totals.addClassName("nw-stat-totals");
        memory.addClassName("nw-stat-memory");
        validity.addClassName("nw-validity");

        batch.setValue(32);
        batch.setMin(1);
        batch.setMax(1 << 16);
        batch.setStepButtonsVisible(true);
        batch.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        batch.addClassName("nw-stat-batch");
        // not "Batch size": that label belongs to the training form
        batch.getElement().setAttribute("aria-label", "Samples per step for the memory estimate");
        batch.setPrefixComponent(new Span("batch"));
        batch.addValueChangeListener(e -> showMemory());

        optimizer.setItems(List.copyOf(Formats.OPTIMIZERS.keySet()));
        optimizer.setItemLabelGenerator(Formats::optimizer);
        optimizer.setValue("adam");
        optimizer.addThemeVariants(SelectVariant.LUMO_SMALL);
        optimizer.addClassName("nw-stat-optimizer");
        optimizer.setAriaLabel("Optimizer state for the memory estimate");
        optimizer.addValueChangeListener(e -> showMemory());

        Div estimate = new Div(memory, batch, optimizer);
        estimate.addClassName("nw-stat-estimate");
        add(counts, totals, estimate, validity);
    }

    /** Shows the counts, totals and memory of {@code analysis}; errors block training, warnings do not. */
    public void show(int layers, int connections, GraphAnalysis analysis, long errors, long warnings) {
        this.analysis = analysis;
        counts.setText(layers + (layers == 1 ? " layer · " : " layers · ") + connections + (connections == 1 ? " connection" : " connections"));
        totals.setText(CanvasModel.count(analysis.totalParameters()) + " parameters · " + CanvasModel.si(analysis.totalFlops())
                + " FLOPs / sample");
        totals.getElement().setAttribute("title", CanvasModel.count(analysis.totalFlops())
                + " forward FLOPs per sample (2 per multiply-add); a training step costs about 3× that");
        validity.setText((errors == 0 ? "✓ Ready to train" : errors + (errors == 1 ? " problem" : " problems"))
                + (warnings == 0 ? "" : " · " + warnings + (warnings == 1 ? " warning" : " warnings")));
        validity.getElement().setAttribute("data-state", errors == 0 ? "valid" : "invalid");
        showMemory();
    }

    /** Takes the batch size and optimizer of a template or run (unknown optimizers are left as they are). */
    public void setTraining(int batchSize, String optimizerId) {
        if (batchSize >= 1) batch.setValue(batchSize);
        if (optimizerId != null && Formats.OPTIMIZERS.containsKey(optimizerId)) optimizer.setValue(optimizerId);
    }

    public int getBatchSize() {
        Integer b = batch.getValue();
        return b == null || b < 1 ? 1 : b;
    }

    public String getOptimizer() {
        return optimizer.getValue() == null ? "adam" : optimizer.getValue();
    }

    /** The memory text shown ("Training memory ≈ 2.82 MiB"). */
    public String getMemoryText() {
        return memory.getText();
    }

    /** "✓ Ready to train", "2 problems", with " · 1 warning" when there are warnings. */
    public String getValidityText() {
        return validity.getText();
    }

    public String getTotalsText() {
        return totals.getText();
    }

    private void showMemory() {
        if (analysis == null) return;
        GraphCosts.MemoryEstimate m;
        try {
            m = analysis.memory(getBatchSize(), getOptimizer());
        } catch (IllegalArgumentException e) {
            memory.setText("Training memory: –");
            memory.getElement().setAttribute("title", e.getMessage());
            return;
        }
        memory.setText("Training memory ≈ " + CanvasModel.bytes(m.totalBytes()));
        memory.getElement().setAttribute("title", "float32, batch " + m.batchSize() + ", " + Formats.optimizer(m.optimizer()) + ": "
                + "parameters " + CanvasModel.bytes(m.parameterBytes()) + ", gradients " + CanvasModel.bytes(m.gradientBytes())
                + ", optimizer state " + CanvasModel.bytes(m.optimizerStateBytes()) + ", activations " + CanvasModel.bytes(m.activationBytes())
                + ", saved for backward " + CanvasModel.bytes(m.savedForBackwardBytes())
                + ". An estimate: backend workspaces and transient gradients are not counted.");
    }
}
