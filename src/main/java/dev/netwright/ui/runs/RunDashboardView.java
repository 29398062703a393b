package dev.netwright.ui.runs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.data.Scaling;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.Imports;
import dev.netwright.training.EvaluationService;
import dev.netwright.data.Dataset;
import dev.netwright.graph.NodeSpec;
import dev.netwright.projects.ModelVersionView;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.ProjectService;
import dev.netwright.serving.ModelRegistry;
import dev.netwright.serving.ServingService;
import dev.netwright.training.ModelExportService;
import dev.netwright.training.MetricEvent;
import dev.netwright.training.RunConfig;
import dev.netwright.training.RunView;
import dev.netwright.training.TrainingService;
import dev.netwright.ui.Formats;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.ParityBadge;
import dev.netwright.ui.Routes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /runs/{id}}: one training run, live. Subscribes to the run's events while attached; metric events
 * grow the chart and the numbers, status events move the badge, and the end of the run shows the result, the
 * ONNX download and a form to try the model.
 */
@Route(value = "runs/:runId([0-9]+)", layout = MainLayout.class)
public class RunDashboardView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private static final Logger LOG = Logger.getLogger(RunDashboardView.class);
    private static final Set<String> ENDED = Set.of("FINISHED", "FAILED", "STOPPED", "INTERRUPTED");

    private final TrainingService training;
    private final DatasetService datasets;
    private final EvaluationService evaluations;
    private final ProjectService projects;
    private final ServingService serving;
    private final ModelRegistry registry;
    private final ModelExportService exports;

    private final Div breadcrumbs = new Div();
    private final H2 title = new H2();
    private final StatusBadge status = new StatusBadge();
    private final Button stop = new Button("Stop", VaadinIcon.STOP.create());
    private final Button pause = new Button("Pause", VaadinIcon.PAUSE.create());
    private final Div layers = new Div();
    private final Button rerun = new Button("Run again", VaadinIcon.REFRESH.create());
    private final Span settings = new Span();
    private final Span numbers = new Span();
    private final TrainingChart chart = new TrainingChart();
    private final Div error = new Div();
    private final Div outcome = new Div();
    private final Div content = new Div();
    private final Div missing = new Div();

    private RunView run;
    private ModelVersionView version;
    private String state;
    private AutoCloseable subscription;

    public RunDashboardView(TrainingService training, ProjectService projects, ServingService serving, DatasetService datasets,
                            EvaluationService evaluations, ModelRegistry registry, ModelExportService exports) {
        this.registry = registry;
        this.exports = exports;
        this.training = training;
        this.evaluations = evaluations;
        this.datasets = datasets;
        this.projects = projects;
        this.serving = serving;
        addClassName("nw-page");
        addClassName("nw-run");

        breadcrumbs.addClassName("nw-breadcrumbs");
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        stop.addClickListener(e -> stop());
        pause.addClickListener(e -> togglePause());
        rerun.getElement().setAttribute("title", "A new run with the same design, data set, split and settings");
        rerun.addClickListener(e -> Routes.navigate(Routes.run(training.rerun(run.id()).id())));
        Div heading = new Div(title, status);
        heading.addClassName("nw-run-heading");
        Div controls = new Div(rerun, pause, stop);
        controls.addClassName("nw-run-controls");
        Div header = new Div(new Div(heading, settings), controls);
        header.addClassName("nw-run-header");
        settings.addClassName("nw-run-settings");

        numbers.addClassName("nw-run-numbers");
        Card chartCard = new Card();
        chartCard.addThemeVariants(CardVariant.LUMO_OUTLINED);
        chartCard.setTitle("Loss and accuracy per epoch");
        chartCard.setHeaderSuffix(numbers);
        chartCard.add(chart);
        chartCard.addClassName("nw-chart-card");

        error.addClassName("nw-error-box");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        outcome.addClassName("nw-outcome");
        outcome.setVisible(false);

        layers.addClassName("nw-layer-stats");
        layers.setVisible(false);
        content.add(breadcrumbs, header, error, chartCard, layers, outcome);
        missing.addClassName("nw-empty-page");
        missing.setVisible(false);
        add(content, missing);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("runId").orElse(-1L);
        try {
            run = training.get(id);
            version = projects.version(run.modelVersionId());
        } catch (NotFoundException e) {
            run = null;
            content.setVisible(false);
            missing.setVisible(true);
            missing.removeAll();
            missing.add(new H2("Run not found"), new Span(e.getMessage() + ". "), Routes.link("Back to the projects", Routes.projects()));
            return;
        }
        content.setVisible(true);
        missing.setVisible(false);
        breadcrumbs.removeAll();
        String projectName = projects.get(version.projectId()).name();
        breadcrumbs.add(Routes.link("← " + projectName, Routes.editor(version.projectId())), new Span("·"),
                Routes.link("All runs", Routes.projectRuns(version.projectId())));
        title.setText("Run #" + run.id());
        RunConfig c = run.config();
        String dataset = datasetName(run.datasetId());
        settings.setText("Data set " + dataset + " · " + Formats.optimizer(c.optimizer()) + " · learning rate " + Formats.setting(c.learningRate())
                + (c.schedule() == null ? "" : " (" + c.schedule().type() + " schedule)")
                + " · " + Formats.plural(c.epochs(), "epoch") + " · batch " + c.batchSize() + " · seed " + c.seed() + " · model version " + version.version()
                + (c.split() == null ? "" : " · split " + Imports.percent(c.split()))
                + (c.fold() == null ? "" : " · cross-validation fold " + (c.fold().index() + 1) + " of " + c.fold().k())
                + (c.scalingOrNone() == Scaling.NONE ? "" : " · inputs " + c.scalingOrNone().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                + (c.augmentationOrNone().isNone() ? "" : " · augmented"));
        showStatus(run.status().name(), run.error());
    }

    @Override
    public String getPageTitle() {
        return (run == null ? "Run" : "Run #" + run.id()) + " · Netwright";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (run == null) return;
        chart.reset();
        numbers.setText("");
        // the history so far arrives first (synchronously, queued behind this request), then live events
        subscription = training.subscribe(run.id(), new LiveUpdates(event.getUI(), this::onEvents));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debugf("Closing the subscription of run %d: %s", run.id(), e.getMessage());
            }
            subscription = null;
        }
        super.onDetach(event);
    }

    private void onEvents(List<MetricEvent> events) {
        List<TrainingChart.Point> points = new ArrayList<>();
        MetricEvent last = null;
        String newStatus = null;
        String message = null;
        for (MetricEvent e : events) {
            if (e.isMetric()) {
                points.add(new TrainingChart.Point(e.epoch(), e.loss(), e.accuracy() == null ? null : e.accuracy() * 100,
                        e.valLoss(), e.valAccuracy() == null ? null : e.valAccuracy() * 100));
                last = e;
            } else if (e.status() != null) {
                newStatus = e.status();
                message = e.message();
            }
        }
        chart.addPoints(points);
        if (last != null) numbers.setText(numbers(last));
        events.stream().filter(e -> e.layers() != null).reduce((a, b) -> b).ifPresent(this::showLayers);
        if (newStatus != null && !newStatus.equals(state)) {
            if (ENDED.contains(newStatus)) {
                run = training.get(run.id());
                showStatus(run.status().name(), run.error());
            } else {
                showStatus(newStatus, message);
            }
        }
    }

    /** Per-parameter gradient and weight norms and update-to-weight ratios of the latest epoch's last step. */
    private void showLayers(MetricEvent e) {
        layers.removeAll();
        com.vaadin.flow.dom.Element table = new com.vaadin.flow.dom.Element("table");
        com.vaadin.flow.dom.Element head = new com.vaadin.flow.dom.Element("tr");
        for (String h : List.of("parameter", "gradient norm", "weight norm", "update / weight")) {
            head.appendChild(new com.vaadin.flow.dom.Element("th").setText(h));
        }
        table.appendChild(head);
        for (MetricEvent.LayerStat l : e.layers()) {
            com.vaadin.flow.dom.Element tr = new com.vaadin.flow.dom.Element("tr");
            tr.appendChild(new com.vaadin.flow.dom.Element("td").setText(l.name()));
            tr.appendChild(new com.vaadin.flow.dom.Element("td").setText(String.format(java.util.Locale.ROOT, "%.3g", l.gradNorm())));
            tr.appendChild(new com.vaadin.flow.dom.Element("td").setText(String.format(java.util.Locale.ROOT, "%.3g", l.weightNorm())));
            tr.appendChild(new com.vaadin.flow.dom.Element("td").setText(String.format(java.util.Locale.ROOT, "%.2e", l.updateRatio())));
            table.appendChild(tr);
        }
        Span title = new Span("Per-layer diagnostics at step " + e.step() + " (epoch " + e.epoch() + "; an update/weight ratio near 1e-3 is healthy)");
        title.addClassName("nw-result-note");
        Div wrap = new Div();
        wrap.addClassName("nw-per-class");
        wrap.getElement().appendChild(table);
        layers.add(title, wrap);
        if (e.activations() != null && !e.activations().isEmpty()) {
            com.vaadin.flow.dom.Element acts = new com.vaadin.flow.dom.Element("table");
            com.vaadin.flow.dom.Element h = new com.vaadin.flow.dom.Element("tr");
            for (String c : List.of("node output", "mean", "std", "min", "max", "zeros", "histogram")) h.appendChild(new com.vaadin.flow.dom.Element("th").setText(c));
            acts.appendChild(h);
            for (MetricEvent.ActivationStat a : e.activations()) {
                com.vaadin.flow.dom.Element tr = new com.vaadin.flow.dom.Element("tr");
                tr.appendChild(new com.vaadin.flow.dom.Element("td").setText(a.node()));
                for (double v : new double[]{a.mean(), a.std(), a.min(), a.max()}) {
                    tr.appendChild(new com.vaadin.flow.dom.Element("td").setText(String.format(java.util.Locale.ROOT, "%.3g", v)));
                }
                tr.appendChild(new com.vaadin.flow.dom.Element("td").setText(String.format(java.util.Locale.ROOT, "%.0f%%", 100 * a.zeroFraction())));
                com.vaadin.flow.dom.Element bars = new com.vaadin.flow.dom.Element("span");
                bars.getClassList().add("nw-histogram");
                bars.setAttribute("title", String.format(java.util.Locale.ROOT, "%d bins from %.3g to %.3g", a.counts().length, a.min(), a.max()));
                int max = java.util.Arrays.stream(a.counts()).max().orElse(1);
                for (int count : a.counts()) {
                    com.vaadin.flow.dom.Element bar = new com.vaadin.flow.dom.Element("span");
                    bar.getStyle().set("height", Math.max(1, Math.round(28.0 * count / Math.max(1, max))) + "px");
                    bars.appendChild(bar);
                }
                tr.appendChild(new com.vaadin.flow.dom.Element("td").appendChild(bars));
                acts.appendChild(tr);
            }
            Span actTitle = new Span("Activations at that step: each node's output over the batch (many zeros after a ReLU: dead units;"
                    + " a std far from 1 deep in the net: vanishing or exploding signals)");
            actTitle.addClassName("nw-result-note");
            Div actWrap = new Div();
            actWrap.addClassName("nw-per-class");
            actWrap.addClassName("nw-activation-stats");
            actWrap.getElement().appendChild(acts);
            layers.add(actTitle, actWrap);
        }
        layers.setVisible(true);
    }

    /** Resuming a stopped, interrupted or failed run from its checkpoint, optionally with another learning rate. */
    private Div resumePanel() {
        var c = run.checkpoint();
        Div panel = new Div();
        panel.addClassName("nw-resume");
        if (c == null) {
            panel.add(new Span("There is no checkpoint to resume from: run it again."));
            return panel;
        }
        com.vaadin.flow.component.textfield.NumberField lr = new com.vaadin.flow.component.textfield.NumberField("Learning rate");
        lr.setMin(0);
        lr.setMax(10);
        lr.setStep(0.0001);
        double current = run.config().learningRate();
        lr.setValue("FAILED".equals(state) ? current / 10 : current);
        if ("FAILED".equals(state)) lr.setHelperText("The run diverged: a tenth of its rate is suggested");
        Button resume = new Button(String.format(java.util.Locale.ROOT, "Resume from the checkpoint (epoch %d, step %d)", c.epoch(), c.step()),
                VaadinIcon.PLAY.create());
        resume.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        resume.addClassName("nw-resume-button");
        resume.addClickListener(e -> {
            Double v = lr.getValue();
            if (v == null || !(v > 0 && v <= 10)) {
                lr.setInvalid(true);
                lr.setErrorMessage("A number in (0, 10]");
                return;
            }
            resume.setEnabled(false);
            try {
                training.resume(run.id(), v == current ? null : v);
                com.vaadin.flow.component.UI.getCurrent().getPage().reload();
            } catch (RuntimeException ex) {
                resume.setEnabled(true);
                lr.setInvalid(true);
                lr.setErrorMessage(ex.getMessage());
            }
        });
        Span when = new Span("Saved " + Formats.ago(java.time.Instant.ofEpochMilli(c.savedAtMs())) + "; training continues exactly where it was.");
        when.addClassName("nw-result-note");
        panel.add(new Div(lr, resume), when);
        return panel;
    }

    private static String numbers(MetricEvent e) {
        String s = "epoch " + e.epoch() + " · loss " + Formats.number(e.loss());
        if (e.accuracy() != null) s += " · accuracy " + Formats.percent(e.accuracy());
        if (e.valLoss() != null) s += " · validation loss " + Formats.number(e.valLoss());
        if (e.valAccuracy() != null) s += " · validation accuracy " + Formats.percent(e.valAccuracy());
        if (e.samplesPerSec() != null) s += " · " + Formats.count(e.samplesPerSec()) + " samples/s";
        return s;
    }

    private void showStatus(String stored, String message) {
        state = stored;
        status.setStatus(stored);
        boolean active = "QUEUED".equals(stored) || "RUNNING".equals(stored) || "PAUSED".equals(stored);
        stop.setVisible(active);
        stop.setEnabled(active);
        stop.setText("Stop");
        pause.setVisible("RUNNING".equals(stored) || "PAUSED".equals(stored));
        rerun.setVisible(!active);
        pause.setEnabled(true);
        pause.setText("PAUSED".equals(stored) ? "Resume" : "Pause");
        pause.setIcon(("PAUSED".equals(stored) ? VaadinIcon.PLAY : VaadinIcon.PAUSE).create());
        error.setVisible(false);
        outcome.setVisible(false);
        switch (Formats.status(stored)) {
            case "FAILED" -> {
                error.removeAll();
                String text = message == null ? "The run failed." : message;
                if (run.failedStep() != null && !text.contains("step")) text += " (at step " + run.failedStep() + ")";
                error.add(new Span("Training failed"), new Div(text));
                if (run.checkpoint() != null) error.add(resumePanel());
                error.setVisible(true);
            }
            case "INTERRUPTED" -> {
                outcome.removeAll();
                outcome.add(new Div(message == null ? "The server stopped while this run was training." : message), resumePanel());
                outcome.setVisible(true);
            }
            case "FINISHED" -> showOutcome();
            case "STOPPED" -> {
                outcome.removeAll();
                var m = run.metrics();
                outcome.add(new Div("Stopped by the user" + (m == null || m.epoch() == null ? "" : " after epoch " + m.epoch())
                        + ". No model was kept: resume it, or train again."), resumePanel());
                outcome.setVisible(true);
            }
            default -> { }
        }
    }

    private void showOutcome() {
        outcome.removeAll();
        RunView.Metrics m = run.metrics();
        Div result = new Div();
        result.addClassName("nw-result");
        if (m != null && m.accuracy() != null) {
            Span acc = new Span("Final accuracy: " + Formats.percent(m.accuracy()));
            acc.addClassName("nw-result-main");
            result.add(acc);
        }
        if (m != null) {
            String details = "final loss " + Formats.number(m.loss());
            if (m.epoch() != null) details += " · " + Formats.plural(m.epoch(), "epoch");
            if (m.elapsedMs() != null) details += " in " + Formats.duration(m.elapsedMs());
            Span d = new Span(details);
            d.addClassName("nw-result-details");
            result.add(d);
        }
        var diagnosis = run.diagnosis();
        if (diagnosis != null) {
            Span badge = new Span(diagnosis.label());
            badge.getElement().getThemeList().add("badge " + (diagnosis.highBias() || diagnosis.highVariance() ? "contrast" : "success"));
            badge.addClassName("nw-diagnosis");
            Span why = new Span(String.format(java.util.Locale.ROOT, "training error %.1f%%, validation error %.1f%% (target error %.1f%%)%s",
                    100 * diagnosis.trainError(), 100 * diagnosis.validationError(),
                    100 * (run.config().targetError() == null ? 0 : run.config().targetError()),
                    diagnosis.remedies().isEmpty() ? "" : " · try: " + String.join("; ", diagnosis.remedies())));
            why.addClassName("nw-result-note");
            result.add(new Div(badge, why));
        }
        if (run.note() != null) {
            Span note = new Span(run.note());
            note.addClassName("nw-result-note");
            result.add(note);
        }
        Card card = new Card();
        card.addThemeVariants(CardVariant.LUMO_OUTLINED);
        card.setTitle("Trained model");
        card.add(result);
        if (run.modelId() != null) {
            Anchor download = new Anchor(Routes.onnx(run.modelId()), "Download ONNX");
            download.setDownload(true);
            download.addClassName("nw-download");
            download.addComponentAsFirst(VaadinIcon.DOWNLOAD_ALT.create());
            Button export = new Button("Export…", VaadinIcon.COG.create(), e -> new ExportDialog(exports, run.id()).open());
            export.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            export.setTooltipText("Export again with another opset, or without the input scaling folded in");
            export.addClassName("nw-export-button");
            card.setHeaderSuffix(new Div(download, export, Routes.link("Model page", Routes.model(run.modelId()))));
            registry.get(run.modelId()).ifPresent(model -> card.add(new ParityBadge(model.parity())));
            Dataset dataset = loadDataset(run.datasetId());
            card.add(new TryItForm(serving, run.modelId(), dataset, outputsLogits()));
        }
        outcome.add(card);
        if (run.modelId() != null) outcome.add(new EvaluationPanel(evaluations, run.id()));
        outcome.setVisible(true);
    }

    /** True when the design's Output trains on logits (bce_with_logits): the model's output is then a logit. */
    private boolean outputsLogits() {
        return version.graph().nodes().stream().filter(n -> "Output".equals(n.type())).map(NodeSpec::params)
                .anyMatch(p -> "bce_with_logits".equals(String.valueOf(p.get("loss"))));
    }

    private void togglePause() {
        pause.setEnabled(false);
        try {
            run = "PAUSED".equals(state) ? training.resume(run.id()) : training.pause(run.id());
            showStatus(run.status().name(), run.error());
        } catch (dev.netwright.training.RunStateException e) {
            run = training.get(run.id());
            showStatus(run.status().name(), run.error());
        }
    }

    private void stop() {
        stop.setEnabled(false);
        stop.setText("Stopping…");
        training.stop(run.id());
    }

    /** The data set's name, or its id when it no longer exists. */
    private String datasetName(String id) {
        try {
            return datasets.get(id).name();
        } catch (NotFoundException e) {
            return id;
        }
    }

    private Dataset loadDataset(String id) {
        try {
            return datasets.load(id);
        } catch (NotFoundException e) {
            return null;
        }
    }
}
