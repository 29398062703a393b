package dev.netwright.ui.models;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.ProjectView;
import dev.netwright.serving.BatchJobView;
import dev.netwright.serving.BatchPredictionService;
import dev.netwright.serving.BatchStatus;
import dev.netwright.ui.Formats;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Batch prediction on the model page: choose a data set (the built-in ones and every project's) and a part, start a
 * background job, watch its progress (pushed to the page) and download the results as CSV when it has finished.
 */
final class BatchPanel extends Div {
    private static final Logger LOG = Logger.getLogger(BatchPanel.class);
    private static final long POLL_MS = 250;

    private final BatchPredictionService batches;
    private final long modelId;
    private final Runnable onProgress;
    private final Select<DatasetView> dataset = new Select<>();
    private final Select<String> part = new Select<>();
    private final Button start = new Button("Start batch prediction", VaadinIcon.PLAY.create());
    private final Div status = new Div();
    private final ProgressBar bar = new ProgressBar();
    private final Span progress = new Span();
    private final Div error = new Div();
    private final Div result = new Div();
    private final Map<String, String> projectNames = new ConcurrentHashMap<>();
    private volatile String watching;

    /** @param onProgress called (on the page) whenever the job's progress is shown, to refresh the latency numbers */
    BatchPanel(BatchPredictionService batches, DatasetService datasets, ProjectService projects, long modelId, Runnable onProgress) {
        this.batches = batches;
        this.modelId = modelId;
        this.onProgress = onProgress;
        addClassName("nw-model-batch");

        List<DatasetView> choices = new ArrayList<>(datasets.builtins());
        for (ProjectView p : projects.list()) {
            projectNames.put(String.valueOf(p.id()), p.name());
            try {
                choices.addAll(datasets.list(p.id()));
            } catch (NotFoundException e) {
                // deleted meanwhile
            }
        }
        dataset.setLabel("Data set");
        dataset.setItems(choices);
        dataset.setItemLabelGenerator(this::label);
        dataset.setPlaceholder("choose a data set");
        dataset.setWidth("22em");
        part.setLabel("Samples");
        part.setItems(BatchPredictionService.PARTS);
        part.setItemLabelGenerator(p -> p.equals("all") ? "all" : p + " part");
        part.setValue("all");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> start());
        Div form = new Div(dataset, part, start);
        form.addClassName("nw-model-batch-form");

        bar.setWidth("16em");
        status.addClassName("nw-model-batch-status");
        status.add(progress, bar);
        status.setVisible(false);
        progress.getElement().setAttribute("aria-live", "polite");
        error.addClassName("nw-form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        result.addClassName("nw-model-batch-result");
        add(form, status, error, result);
    }

    private String label(DatasetView d) {
        String shape = "[" + String.join(", ", d.featureShape().stream().map(String::valueOf).toList()) + "]";
        String owner = d.builtin() || d.projectId() == null ? "built-in" : projectNames.getOrDefault(String.valueOf(d.projectId()), "project " + d.projectId());
        return d.name() + " · " + shape + " · " + Formats.count(d.size()) + " samples · " + owner;
    }

    private void start() {
        error.setVisible(false);
        if (dataset.getValue() == null) {
            showError("Choose a data set first");
            return;
        }
        BatchJobView job;
        try {
            job = batches.start(modelId, dataset.getValue().id(), part.getValue())
                    .orElseThrow(() -> new IllegalArgumentException("Model " + modelId + " is no longer registered"));
        } catch (IllegalArgumentException | NotFoundException e) {
            showError(e.getMessage());
            return;
        }
        result.removeAll();
        show(job);
        watch(job.jobId());
    }

    /** Follows the job on a virtual thread until it ends or the page goes away. */
    private void watch(String jobId) {
        watching = jobId;
        UI ui = UI.getCurrent();
        Thread.ofVirtual().name("batch-progress-" + jobId).start(() -> {
            try {
                while (jobId.equals(watching)) {
                    Thread.sleep(POLL_MS);
                    BatchJobView job = batches.find(jobId).orElse(null);
                    if (job == null) return;
                    ui.access(() -> show(job));
                    if (job.status().ended()) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.debugf("Stopped following batch prediction %s: %s", jobId, e.getMessage());
            }
        });
    }

    private void show(BatchJobView job) {
        status.setVisible(true);
        start.setEnabled(job.status().ended());
        bar.setValue(job.total() == 0 ? 0 : (double) job.done() / job.total());
        progress.setText(job.status().name().charAt(0) + job.status().name().substring(1).toLowerCase() + ": "
                + Formats.count(job.done()) + " of " + Formats.count(job.total()) + " samples");
        progress.getElement().setAttribute("data-status", job.status().name());
        if (job.status() == BatchStatus.FAILED) showError("The batch prediction failed: " + job.error());
        if (job.status() == BatchStatus.FINISHED) {
            result.removeAll();
            Anchor download = new Anchor("api/batch-predictions/" + job.jobId() + "/results.csv", "Download results (CSV)");
            download.setDownload(true);
            download.addClassName("nw-download");
            download.addComponentAsFirst(VaadinIcon.DOWNLOAD_ALT.create());
            result.add(download);
        }
        onProgress.run();
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        watching = null;
        super.onDetach(detachEvent);
    }
}
