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
import com.vaadin.flow.component.checkbox.Checkbox;
import dev.netwright.data.Augmentation;
import dev.netwright.data.Scaling;
import dev.netwright.datasets.DatasetView;
import dev.netwright.datasets.Imports;
import dev.netwright.projects.Template;
import dev.netwright.training.RunConfig;
import dev.netwright.ui.Formats;

import java.util.List;

/**
 * How to train the design: data set (built-in or the project's), its split and input scaling, image augmentation,
 * optimizer and its settings. "Train" fires a {@link TrainEvent}.
 */
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

    private final Select<DatasetView> dataset = new Select<>();
    private final Select<String> split = new Select<>();
    private final Select<Scaling> scaling = new Select<>();
    private final Checkbox flip = new Checkbox("Random horizontal flip");
    private final IntegerField shift = new IntegerField("Random shift (px)");
    private final NumberField rotation = new NumberField("Random rotation (°)");
    private final NumberField noise = new NumberField("Gaussian noise (std)");
    private final Div augmentation = new Div();
    private final NumberField l2 = new NumberField("Weight decay (L2)");
    private final IntegerField patience = new IntegerField("Early stopping patience");
    private final Select<String> optimizer = new Select<>();
    private final NumberField learningRate = new NumberField("Learning rate");
    private final IntegerField epochs = new IntegerField("Epochs");
    private final IntegerField batchSize = new IntegerField("Batch size");
    private final IntegerField seed = new IntegerField("Seed");
    private final Select<String> schedule = new Select<>();
    private final Div error = new Div();
    private final Button train = new Button("Train", VaadinIcon.PLAY.create());

    public TrainingForm(List<DatasetView> datasets) {
        addClassName("nw-training-form");
        dataset.setLabel("Data set");
        dataset.setItems(datasets);
        dataset.setItemLabelGenerator(d -> d.builtin() ? d.name() : d.name() + " (project)");
        dataset.addValueChangeListener(e -> onDataset(e.getValue()));
        split.setLabel("Split (train/validation/test %)");
        split.setItems(SPLITS);
        split.setItemLabelGenerator(this::splitLabel);
        split.setValue(DEFAULT_SPLIT);
        scaling.setLabel("Input scaling");
        scaling.setItems(Scaling.values());
        scaling.setItemLabelGenerator(TrainingForm::scalingLabel);
        scaling.setValue(Scaling.NONE);
        scaling.setHelperText("Fitted on the training split; the exported model applies it too");
        shift.setMin(0);
        shift.setMax(64);
        shift.setValue(0);
        rotation.setMin(0);
        rotation.setMax(180);
        rotation.setValue(0.0);
        noise.setMin(0);
        noise.setMax(10);
        noise.setStep(0.01);
        noise.setValue(0.0);
        FormLayout aug = new FormLayout(flip, shift, rotation, noise);
        aug.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2));
        aug.setColspan(flip, 2);
        Div augTitle = new Div("Augmentation of training images (preview it on the Data page)");
        augTitle.addClassName("nw-form-subtitle");
        augmentation.add(augTitle, aug);
        augmentation.setVisible(false);
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

        l2.setMin(0);
        l2.setMax(10);
        l2.setStep(0.0001);
        l2.setValue(0.0);
        l2.setHelperText("λ/2·Σw² on weights, not biases");
        patience.setMin(0);
        patience.setMax(10_000);
        patience.setValue(0);
        patience.setHelperText("Epochs without a better validation loss; 0 = off");
        FormLayout form = new FormLayout(dataset, split, scaling, optimizer, learningRate, epochs, batchSize, l2, patience, schedule, seed);
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

        add(new H3("Training"), form, augmentation, error, train);
        setValues(datasets.isEmpty() ? null : datasets.getFirst().id(), new RunConfig("adam", 0.01, 100, 32, 1));
    }

    /** Replaces the data sets to choose from (the built-in ones and the project's), keeping the choice if it is still there. */
    public void setDatasets(List<DatasetView> datasets) {
        String current = dataset.getValue() == null ? null : dataset.getValue().id();
        dataset.setItems(datasets);
        datasets.stream().filter(d -> d.id().equals(current)).findFirst()
                .or(() -> datasets.stream().findFirst()).ifPresent(dataset::setValue);
    }

    private void onDataset(DatasetView d) {
        dataset.setHelperText(d == null ? null : d.description() + " (" + d.size() + " samples)");
        split.setItemLabelGenerator(this::splitLabel);
        boolean images = d != null && "images".equals(d.kind());
        augmentation.setVisible(images);
        if (!images) {
            flip.setValue(false);
            shift.setValue(0);
            rotation.setValue(0.0);
            noise.setValue(0.0);
        }
    }

    private String splitLabel(String s) {
        if (!DEFAULT_SPLIT.equals(s)) return "100/0/0".equals(s) ? "Everything for training" : s;
        DatasetView d = dataset.getValue();
        if (d == null || d.split() == null || d.split().spec() == null) return "The data set's split";
        var spec = d.split().spec();
        return String.format(java.util.Locale.ROOT, "The data set's (%s: %d/%d/%d samples)", Imports.percent(spec),
                d.split().train(), d.split().validation(), d.split().test());
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
        scaling.setValue(c.scalingOrNone());
        l2.setValue(c.regularization() == null || c.regularization().l2() == null ? 0.0 : c.regularization().l2());
        patience.setValue(c.earlyStopping() == null ? 0 : c.earlyStopping().patience());
        String pct = c.split() == null ? DEFAULT_SPLIT : Imports.percent(c.split());
        split.setValue(SPLITS.contains(pct) ? pct : DEFAULT_SPLIT);
        Augmentation a = c.augmentationOrNone();
        flip.setValue(a.flipHorizontal());
        shift.setValue(a.maxShift());
        rotation.setValue(a.maxRotationDegrees());
        noise.setValue(a.noiseStd());
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
        Augmentation aug = augmentation.isVisible() ? new Augmentation(flip.getValue(), value(shift.getValue()),
                value(rotation.getValue()), value(noise.getValue())) : null;
        RunConfig config = new RunConfig(optimizer.getValue(), lr, epochs.getValue(), batchSize.getValue(), seedValue(),
                schedule(schedule.getValue(), epochs.getValue()),
                DEFAULT_SPLIT.equals(split.getValue()) ? null : Imports.parseSplit(split.getValue(), true, seedValue()),
                scaling.getValue(), aug == null || aug.isNone() ? null : aug,
                value(l2.getValue()) > 0 ? new RunConfig.Regularization(null, value(l2.getValue()), null, null) : null,
                value(patience.getValue()) > 0 ? new RunConfig.EarlyStopping(earlyStoppingMetric(), patience.getValue(), null, true) : null);
        fireEvent(new TrainEvent(this, new Request(dataset.getValue().id(), config)));
    }

    static final List<String> SCHEDULES = List.of("constant", "cosine", "step", "plateau", "warmup", "inverse_time");
    static final String DEFAULT_SPLIT = "default";
    static final List<String> SPLITS = List.of(DEFAULT_SPLIT, "70/30", "60/20/20", "98/1/1", "80/10/10", "100/0/0");

    static String scalingLabel(Scaling s) {
        return switch (s) {
            case NONE -> "None";
            case STANDARDIZE -> "Standardize (mean 0, variance 1)";
            case MIN_MAX -> "Min-max to [0, 1]";
        };
    }

    /** The validation loss when the chosen split has a validation part, else the training loss. */
    private String earlyStoppingMetric() {
        String sp = split.getValue();
        DatasetView d = dataset.getValue();
        boolean validation = DEFAULT_SPLIT.equals(sp) ? d != null && d.split() != null && d.split().validation() > 0
                : Imports.parseSplit(sp, true, 1).validation() > 0;
        return validation ? "val_loss" : "loss";
    }

    private static int value(Integer v) {
        return v == null ? 0 : v;
    }

    private static double value(Double v) {
        return v == null ? 0 : v;
    }

    static String scheduleLabel(String type) {
        return switch (type) {
            case "cosine" -> "Cosine annealing to 0 over the run";
            case "step" -> "Step: ×0.1 after each third of the run";
            case "plateau" -> "Halve when the loss stops improving (patience 10)";
            case "warmup" -> "Linear warm-up over the first 5 epochs";
            case "inverse_time" -> "Inverse time: lr / (1 + 0.1·epoch)";
            default -> "Constant";
        };
    }

    /** The schedule the choice stands for, sized to the run's epochs (null for constant). */
    static RunConfig.Schedule schedule(String type, int epochs) {
        return switch (type == null ? "constant" : type) {
            case "cosine" -> new RunConfig.Schedule("cosine", java.util.Map.of("t_max", (double) epochs, "eta_min", 0.0));
            case "step" -> new RunConfig.Schedule("step", java.util.Map.of("step_size", (double) Math.max(1, epochs / 3), "gamma", 0.1));
            case "plateau" -> new RunConfig.Schedule("plateau", java.util.Map.of("factor", 0.5, "patience", 10.0));
            case "warmup" -> new RunConfig.Schedule("warmup", java.util.Map.of("warmup_epochs", 5.0));
            case "inverse_time" -> new RunConfig.Schedule("inverse_time", java.util.Map.of("decay", 0.1));
            default -> null;
        };
    }

    public Registration addTrainListener(ComponentEventListener<TrainEvent> listener) {
        return addListener(TrainEvent.class, listener);
    }
}
