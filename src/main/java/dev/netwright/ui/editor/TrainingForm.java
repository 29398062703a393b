package dev.netwright.ui.editor;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.shared.Registration;
import dev.netwright.data.Dataset;
import dev.netwright.projects.Template;
import dev.netwright.training.RunConfig;
import dev.netwright.ui.Formats;

import java.util.List;

/** How to train the design: data set, optimizer and its settings. "Train" fires a {@link TrainEvent}. */
public class TrainingForm extends Div {
    /** What to train with. */
    public record Request(String datasetId, RunConfig config) {
    }

    public static class TrainEvent extends ComponentEvent<TrainingForm> {
        private final Request request;

        public TrainEvent(TrainingForm source, Request request) {
            super(source, false);
            this.request = request;
        }

        public Request getRequest() {
            return request;
        }
    }

    private final Select<Dataset> dataset = new Select<>();
    private final Select<String> optimizer = new Select<>();
    private final NumberField learningRate = new NumberField("Learning rate");
    private final IntegerField epochs = new IntegerField("Epochs");
    private final IntegerField batchSize = new IntegerField("Batch size");
    private final IntegerField seed = new IntegerField("Seed");
    private final Select<String> schedule = new Select<>();
    private final Div error = new Div();
    private final Button train = new Button("Train", VaadinIcon.PLAY.create());

    public TrainingForm(List<Dataset> datasets) {
        addClassName("nw-training-form");
        dataset.setLabel("Data set");
        dataset.setItems(datasets);
        dataset.setItemLabelGenerator(Dataset::name);
        dataset.addValueChangeListener(e -> dataset.setHelperText(e.getValue() == null ? null
                : e.getValue().description() + " (" + e.getValue().size() + " samples)"));
        optimizer.setLabel("Optimizer");
        optimizer.setItems(Formats.OPTIMIZERS.keySet());
        optimizer.setItemLabelGenerator(Formats::optimizer);
        learningRate.setMin(0);
        learningRate.setMax(10);
        learningRate.setErrorMessage("A number in (0, 10]");
        epochs.setMin(1);
        epochs.setMax(100_000);
        epochs.setErrorMessage("1 to 100,000");
        batchSize.setMin(1);
        batchSize.setMax(65_536);
        batchSize.setStepButtonsVisible(true);
        batchSize.setErrorMessage("1 to 65,536");
        seed.setHelperText("Same seed, same run: weights, shuffling and dropout");
        schedule.setLabel("Learning-rate schedule");
        schedule.setItems(SCHEDULES);
        schedule.setItemLabelGenerator(TrainingForm::scheduleLabel);
        schedule.setValue("constant");

        FormLayout form = new FormLayout(dataset, optimizer, learningRate, epochs, batchSize, schedule, seed);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2));
        form.setColspan(dataset, 2);
        form.setColspan(seed, 2);
        form.setColspan(schedule, 2);

        error.addClassName("nw-form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        train.setWidthFull();
        train.addClickListener(e -> submit());

        add(new H3("Training"), form, error, train);
        setValues(datasets.isEmpty() ? null : datasets.getFirst().id(), new RunConfig("adam", 0.01, 100, 32, 1));
    }

    /** Fills the form with a template's data set and settings (the seed stays). */
    public void apply(Template t) {
        setValues(t.datasetId(), new RunConfig(t.optimizer(), t.learningRate(), t.epochs(), t.batchSize(), seedValue()));
    }

    /** Fills the form, e.g. with the settings of the project's last run. */
    public void setValues(String datasetId, RunConfig c) {
        dataset.getListDataView().getItems().filter(d -> d.id().equals(datasetId)).findFirst().ifPresent(dataset::setValue);
        if (c.optimizer() != null && Formats.OPTIMIZERS.containsKey(c.optimizer())) optimizer.setValue(c.optimizer());
        learningRate.setValue(c.learningRate());
        epochs.setValue(c.epochs());
        batchSize.setValue(c.batchSize());
        seed.setValue((int) c.seed());
        schedule.setValue(c.schedule() != null && SCHEDULES.contains(c.schedule().type()) ? c.schedule().type() : "constant");
        clearError();
    }

    /** Shows why training could not start, next to the button. */
    public void setError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    public void clearError() {
        error.setText("");
        error.setVisible(false);
    }

    public void setBusy(boolean busy) {
        train.setEnabled(!busy);
    }

    private long seedValue() {
        return seed.getValue() == null ? 1 : seed.getValue();
    }

    private void submit() {
        clearError();
        boolean ok = true;
        if (dataset.getValue() == null) {
            dataset.setErrorMessage("Choose a data set");
            dataset.setInvalid(true);
            ok = false;
        }
        Double lr = learningRate.getValue();
        if (lr == null || !(lr > 0 && lr <= 10)) {
            learningRate.setInvalid(true);
            ok = false;
        }
        if (epochs.getValue() == null || epochs.isInvalid()) {
            epochs.setInvalid(true);
            ok = false;
        }
        if (batchSize.getValue() == null || batchSize.isInvalid()) {
            batchSize.setInvalid(true);
            ok = false;
        }
        if (!ok) {
            setError("Check the highlighted fields.");
            return;
        }
        RunConfig config = new RunConfig(optimizer.getValue(), lr, epochs.getValue(), batchSize.getValue(), seedValue(),
                schedule(schedule.getValue(), epochs.getValue()));
        fireEvent(new TrainEvent(this, new Request(dataset.getValue().id(), config)));
    }

    static final List<String> SCHEDULES = List.of("constant", "cosine", "step", "plateau");

    static String scheduleLabel(String type) {
        return switch (type) {
            case "cosine" -> "Cosine annealing to 0 over the run";
            case "step" -> "Step: ×0.1 after each third of the run";
            case "plateau" -> "Halve when the loss stops improving (patience 10)";
            default -> "Constant";
        };
    }

    /** The schedule the choice stands for, sized to the run's epochs (null for constant). */
    static RunConfig.Schedule schedule(String type, int epochs) {
        return switch (type == null ? "constant" : type) {
            case "cosine" -> new RunConfig.Schedule("cosine", java.util.Map.of("t_max", (double) epochs, "eta_min", 0.0));
            case "step" -> new RunConfig.Schedule("step", java.util.Map.of("step_size", (double) Math.max(1, epochs / 3), "gamma", 0.1));
            case "plateau" -> new RunConfig.Schedule("plateau", java.util.Map.of("factor", 0.5, "patience", 10.0));
            default -> null;
        };
    }

    public Registration addTrainListener(ComponentEventListener<TrainEvent> listener) {
        return addListener(TrainEvent.class, listener);
    }
}
