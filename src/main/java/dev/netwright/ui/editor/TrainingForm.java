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
    /** What to train with; {@code folds} ≥ 2 asks for a k-fold cross-validation instead of one run (null: one run). */
    public record Request(String datasetId, RunConfig config, Integer folds) {
        public Request(String datasetId, RunConfig config) {
            this(datasetId, config, null);
        }
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
    private final Div optimizerSettings = new Div();
    private final java.util.Map<String, NumberField> optionFields = new java.util.LinkedHashMap<>();
    private final NumberField l1 = new NumberField("L1 penalty");
    private final NumberField weightNoise = new NumberField("Weight noise (std)");
    private final NumberField clipNorm = new NumberField("Clip gradient norm");
    private final Checkbox includeBiases = new Checkbox("Penalise biases too");
    private final IntegerField checkpointEvery = new IntegerField("Checkpoint every (epochs)");
    private final IntegerField diagnosticsEvery = new IntegerField("Layer diagnostics every (steps)");
    private final NumberField targetError = new NumberField("Target error (%)");
    private final IntegerField folds = new IntegerField("Cross-validation folds (k)");
    private final dev.netwright.ui.data.DataChart schedulePreview = new dev.netwright.ui.data.DataChart();
    private final dev.netwright.ui.data.DataChart bowl = new dev.netwright.ui.data.DataChart();
    private final Div bowlCaption = new Div();
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

        add(new H3("Training"), form, augmentation, advanced(), previews(), error, train);
        setValues(datasets.isEmpty() ? null : datasets.getFirst().id(), new RunConfig("adam", 0.01, 100, 32, 1));
        optimizer.addValueChangeListener(e -> {
            showOptimizerSettings(e.getValue(), null);
            updatePreviews();
        });
        learningRate.addValueChangeListener(e -> updatePreviews());
        epochs.addValueChangeListener(e -> updatePreviews());
        schedule.addValueChangeListener(e -> updatePreviews());
        updatePreviews();
    }

    /** The settings a demanding user tunes: the optimizer's own, more regularization, checkpoints, diagnostics, k-fold. */
    private com.vaadin.flow.component.details.Details advanced() {
        optimizerSettings.addClassName("nw-optimizer-settings");
        for (NumberField f : List.of(l1, weightNoise, clipNorm)) {
            f.setMin(0);
            f.setStep(0.0001);
        }
        l1.setHelperText("λ·Σ|w| on weights");
        weightNoise.setHelperText("Gradients taken at w + N(0, std²)");
        clipNorm.setHelperText("Global L2 norm of the gradients; empty = off");
        checkpointEvery.setMin(1);
        checkpointEvery.setHelperText("Empty: after an epoch when the last checkpoint is 30 s old");
        diagnosticsEvery.setMin(1);
        diagnosticsEvery.setHelperText("Empty: the last step of each epoch");
        targetError.setMin(0);
        targetError.setMax(99);
        targetError.setHelperText("e.g. human-level error, for the bias/variance diagnosis");
        folds.setMin(0);
        folds.setMax(20);
        folds.setValue(0);
        folds.setHelperText("0 = one run; k ≥ 2: k runs, one per fold, reported as mean ± std");
        FormLayout more = new FormLayout(l1, weightNoise, clipNorm, includeBiases, checkpointEvery, diagnosticsEvery, targetError, folds);
        more.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2));
        Div settingsTitle = new Div("Optimizer settings");
        settingsTitle.addClassName("nw-form-subtitle");
        var details = new com.vaadin.flow.component.details.Details("Advanced settings", new Div(settingsTitle, optimizerSettings, more));
        details.addClassName("nw-advanced");
        return details;
    }

    private Div previews() {
        schedulePreview.setHeight("160px");
        schedulePreview.addClassName("nw-schedule-preview");
        bowl.setHeight("220px");
        bowl.addClassName("nw-bowl");
        bowlCaption.addClassName("nw-form-subtitle");
        var lr = new com.vaadin.flow.component.details.Details("Learning rate per epoch", schedulePreview);
        var path = new com.vaadin.flow.component.details.Details("This optimizer on the bowl w1² + 5·w2²", new Div(bowlCaption, bowl));
        lr.addClassName("nw-schedule-details");
        path.addClassName("nw-bowl-details");
        return new Div(lr, path);
    }

    /** One number field per setting of the optimizer, with its default (or the saved value). */
    private void showOptimizerSettings(String name, java.util.Map<String, Double> values) {
        optimizerSettings.removeAll();
        optionFields.clear();
        var defaults = name == null ? null : dev.netwright.engine.optim.Optimizers.DEFAULTS.get(name);
        if (defaults == null) {
            optimizerSettings.add(new Div(name == null ? "" : "No settings besides the learning rate"));
            return;
        }
        FormLayout f = new FormLayout();
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2));
        defaults.forEach((key, dflt) -> {
            NumberField field = new NumberField(key.replace('_', ' '));
            field.setMin(0);
            field.setStep(0.001);
            Double v = values == null ? null : values.get(key);
            field.setValue(v != null ? v : dflt);
            if (dflt == null) field.setPlaceholder("0.01·lr");
            field.getElement().setAttribute("data-setting", key);
            field.addValueChangeListener(e -> updatePreviews());
            optionFields.put(key, field);
            f.add(field);
        });
        optimizerSettings.add(f);
    }

    /** The settings that differ from the optimizer's defaults (null: none). */
    private java.util.Map<String, Double> optimizerOptions() {
        var defaults = dev.netwright.engine.optim.Optimizers.DEFAULTS.get(optimizer.getValue());
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        optionFields.forEach((k, f) -> {
            Double v = f.getValue();
            if (v != null && (defaults == null || !v.equals(defaults.get(k)))) out.put(k, v);
        });
        return out.isEmpty() ? null : out;
    }

    /** Redraws the learning-rate curve of the chosen schedule and the optimizer's path on the bowl. */
    private void updatePreviews() {
        Double lr = learningRate.getValue();
        Integer n = epochs.getValue();
        if (lr == null || !(lr > 0 && lr <= 10) || n == null || n < 1) return;
        RunConfig.Schedule sch = schedule(schedule.getValue(), n);
        double[] rates = sch == null ? java.util.stream.DoubleStream.generate(() -> lr).limit(Math.min(n, 2000)).toArray()
                : dev.netwright.engine.optim.LrSchedule.preview(sch.type(), lr, sch.options(), Math.min(n, 2000));
        schedulePreview.setLines(List.of(new dev.netwright.ui.data.DataChart.Series("learning rate", rates)));
        String name = optimizer.getValue();
        if (name == null || !dev.netwright.engine.optim.Optimizers.NAMES.contains(name)) {
            bowlCaption.setText(Formats.optimizer(name) + " does not descend a loss surface step by step");
            bowl.setPaths(List.of());
            return;
        }
        try {
            var path = dev.netwright.engine.optim.QuadraticBowl.descend(name, lr, optimizerOptions(), -1.5, 1, 100);
            var end = path.getLast();
            bowlCaption.setText(String.format(java.util.Locale.ROOT, "100 steps from (−1.5, 1): %s at (%.3g, %.3g), f = %.3g",
                    path.size() < 101 ? "diverged after " + (path.size() - 1) + " steps," : "ends", end.w1(), end.w2(), end.f()));
            bowl.setPaths(path.stream().map(p -> new dev.netwright.ui.data.DataChart.ScatterPoint(p.w1(), p.w2(), Formats.optimizer(name))).toList());
        } catch (IllegalArgumentException e) {
            bowlCaption.setText(e.getMessage());
        }
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
        setValues(t.datasetId(), new RunConfig(t.optimizer(), t.learningRate(), t.epochs(), t.batchSize(), seedValue(), null, null,
                t.scalingOrNone(), null));
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
        var r = c.regularization();
        l1.setValue(r == null ? null : r.l1());
        weightNoise.setValue(r == null ? null : r.weightNoise());
        clipNorm.setValue(r == null ? null : r.clipNorm());
        includeBiases.setValue(r != null && Boolean.TRUE.equals(r.includeBiases()));
        checkpointEvery.setValue(c.checkpointEvery());
        diagnosticsEvery.setValue(c.diagnosticsEvery());
        targetError.setValue(c.targetError() == null ? null : c.targetError() * 100);
        showOptimizerSettings(optimizer.getValue(), c.optimizerOptions());
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
        int k = value(folds.getValue());
        if (k == 1 || k > 20) {
            folds.setInvalid(true);
            setError("Cross-validation needs 2 to 20 folds (0 for one run).");
            return;
        }
        boolean regularize = value(l2.getValue()) > 0 || value(l1.getValue()) > 0 || value(weightNoise.getValue()) > 0
                || value(clipNorm.getValue()) > 0;
        RunConfig.Regularization reg = regularize ? new RunConfig.Regularization(positive(l1.getValue()), positive(l2.getValue()),
                positive(clipNorm.getValue()), null, positive(weightNoise.getValue()), includeBiases.getValue() ? true : null, null) : null;
        RunConfig config = new RunConfig(optimizer.getValue(), lr, epochs.getValue(), batchSize.getValue(), seedValue(),
                schedule(schedule.getValue(), epochs.getValue()),
                k >= 2 || DEFAULT_SPLIT.equals(split.getValue()) ? null : Imports.parseSplit(split.getValue(), true, seedValue()),
                scaling.getValue(), aug == null || aug.isNone() ? null : aug, reg,
                value(patience.getValue()) > 0 ? new RunConfig.EarlyStopping(k >= 2 ? "val_loss" : earlyStoppingMetric(), patience.getValue(), null, true) : null)
                .with(optimizerOptions(), checkpointEvery.getValue(), diagnosticsEvery.getValue(),
                        targetError.getValue() == null ? null : targetError.getValue() / 100);
        fireEvent(new TrainEvent(this, new Request(dataset.getValue().id(), config, k >= 2 ? k : null)));
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

    private static Double positive(Double v) {
        return v == null || v <= 0 ? null : v;
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
