package dev.netwright.ui.models;

import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.datasets.DatasetService;
import dev.netwright.projects.ProjectService;
import dev.netwright.serving.BatchPredictionService;
import dev.netwright.serving.ModelRegistry;
import dev.netwright.serving.ModelStage;
import dev.netwright.serving.ModelView;
import dev.netwright.serving.ServingService;
import dev.netwright.ui.Formats;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.ParityBadge;
import dev.netwright.ui.Routes;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code /models/{id}}: one registered model. For a run's model, the parity of its export with the trained network; its signature, stage (draft, staging, production), ONNX download, a
 * try-it form that fits its inputs, its recent latency statistics and batch prediction over a data set.
 */
@Route(value = "models/:modelId([0-9]+)", layout = MainLayout.class)
@CssImport("./src/models/models.css")
public class ModelDetailView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private final ModelRegistry registry;
    private final ServingService serving;
    private final BatchPredictionService batches;
    private final DatasetService datasets;
    private final ProjectService projects;
    private String title = "Model";

    public ModelDetailView(ModelRegistry registry, ServingService serving, BatchPredictionService batches, DatasetService datasets,
                           ProjectService projects) {
        this.registry = registry;
        this.serving = serving;
        this.batches = batches;
        this.datasets = datasets;
        this.projects = projects;
        addClassName("nw-page");
        addClassName("nw-model-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("modelId").orElse(-1L);
        removeAll();
        Optional<ModelView> model = registry.get(id);
        if (model.isEmpty()) {
            title = "Model not found";
            Div missing = new Div(new H2("Model not found"), new Span("Model " + id + " does not exist. "), Routes.link("All models", Routes.models()));
            missing.addClassName("nw-empty-page");
            add(missing);
            return;
        }
        show(model.get());
    }

    @Override
    public String getPageTitle() {
        return title + " · Netwright";
    }

    private void show(ModelView m) {
        title = m.name();
        Div breadcrumbs = new Div(Routes.link("Models", Routes.models()), new Span(" / " + m.name()));
        breadcrumbs.addClassName("nw-breadcrumbs");

        H2 name = new H2(m.name());
        Span stageBadge = new Span(m.stage());
        stageBadge.getElement().getThemeList().add("badge" + (ModelStage.PRODUCTION.id().equals(m.stage()) ? " success" : " contrast"));
        stageBadge.addClassName("nw-model-stage-badge");
        Div heading = new Div(name, stageBadge);
        heading.addClassName("nw-model-heading");

        Div facts = new Div();
        facts.addClassName("nw-model-facts");
        if (m.runId() != null) {
            facts.add(fact("Source", Routes.link("run " + m.runId(), Routes.run(m.runId()))));
        } else {
            facts.add(fact("Source", new Span("upload")));
        }
        facts.add(fact("Created", new Span(Formats.dateTime(m.createdAt()))),
                fact("Size", new Span(m.sizeBytes() == null ? "–" : ModelsView.bytes(m.sizeBytes()))),
                fact("SHA-256", shortHash(m.sha256())));

        Select<String> stage = new Select<>();
        stage.setLabel("Stage");
        stage.setItems(Arrays.stream(ModelStage.values()).map(ModelStage::id).toList());
        stage.setValue(m.stage());
        stage.addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null) return;
            try {
                ModelView updated = registry.setStage(m.id(), ModelStage.parse(e.getValue())).orElseThrow();
                stageBadge.setText(updated.stage());
                stageBadge.getElement().getThemeList().set("success", ModelStage.PRODUCTION.id().equals(updated.stage()));
                stageBadge.getElement().getThemeList().set("contrast", !ModelStage.PRODUCTION.id().equals(updated.stage()));
                Notification.show(ModelStage.PRODUCTION.id().equals(updated.stage())
                        ? "'" + updated.name() + "' model " + updated.id() + " is in production now; the previous production model of this name moved to staging"
                        : "Model " + updated.id() + " is " + updated.stage() + " now");
            } catch (RuntimeException ex) {
                stage.setValue(e.getOldValue());
                Notification.show(ex.getMessage());
            }
        });
        Anchor download = new Anchor(Routes.onnx(m.id()), "Download ONNX");
        download.setDownload(true);
        download.addClassName("nw-download");
        download.addComponentAsFirst(VaadinIcon.DOWNLOAD_ALT.create());
        Div actions = new Div(stage, download);
        actions.addClassName("nw-model-actions");

        Div header = new Div(new Div(heading, facts), actions);
        header.addClassName("nw-model-header");

        LatencyPanel latency = new LatencyPanel(serving, m.id());
        add(breadcrumbs, header);
        if (m.parity() != null || m.runId() != null) add(new ParityBadge(m.parity()));
        add(
                card("Signature", new SignaturePanel(m.signature())),
                card("Try it", new TryItPanel(registry, m.id(), m.signature(), latency::refresh)),
                card("Latency of recent predictions", latency),
                card("Batch prediction", new BatchPanel(batches, datasets, projects, m.id(), latency::refresh)));
    }

    private static Card card(String title, com.vaadin.flow.component.Component content) {
        Card card = new Card();
        card.addThemeVariants(CardVariant.LUMO_OUTLINED);
        card.setTitle(title);
        card.add(content);
        card.addClassName("nw-model-card");
        return card;
    }

    private static Div fact(String label, com.vaadin.flow.component.Component value) {
        Span l = new Span(label);
        l.addClassName("nw-fact-label");
        value.getElement().getClassList().add("nw-fact-value");
        Div d = new Div(l, value);
        d.addClassName("nw-model-fact");
        return d;
    }

    private static Span shortHash(String sha256) {
        Span s = new Span(sha256 == null ? "–" : sha256.substring(0, Math.min(12, sha256.length())) + "…");
        if (sha256 != null) s.getElement().setAttribute("title", sha256);
        return s;
    }
}
