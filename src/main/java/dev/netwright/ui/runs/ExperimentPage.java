package dev.netwright.ui.runs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.training.ExperimentService;
import dev.netwright.training.ExperimentView;
import dev.netwright.training.RunView;
import dev.netwright.ui.Formats;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.Routes;

import java.util.Locale;

/**
 * {@code /experiments/{id}}: a k-fold cross-validation: each fold's run with its status and last-epoch numbers, and
 * per metric the mean ± standard deviation over the finished folds (the seeds' cross-validation risk is the mean
 * validation loss). Refreshes once a second until every fold has ended.
 */
@Route(value = "experiments/:experimentId([0-9]+)", layout = MainLayout.class)
public class ExperimentPage extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private final ExperimentService experiments;
    private final Div breadcrumbs = new Div();
    private final H2 title = new H2();
    private final Div summary = new Div();
    private final Grid<RunView> folds = new Grid<>();
    private long id = -1;
    private String pageTitle = "Cross-validation";

    public ExperimentPage(ExperimentService experiments) {
        this.experiments = experiments;
        addClassName("nw-page");
        breadcrumbs.addClassName("nw-breadcrumbs");
        summary.addClassName("nw-experiment-summary");
        folds.addColumn(new ComponentRenderer<>(r -> Routes.link("#" + r.id(), Routes.run(r.id())))).setHeader("Run").setAutoWidth(true).setFlexGrow(0);
        folds.addColumn(r -> r.config().fold() == null ? "–" : "fold " + (r.config().fold().index() + 1)).setHeader("Validation part").setAutoWidth(true);
        folds.addColumn(new ComponentRenderer<>(r -> new StatusBadge(r.status().name()))).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        folds.addColumn(r -> r.metrics() == null ? "–" : Formats.number(r.metrics().valLoss())).setHeader("Validation loss")
                .setTextAlign(ColumnTextAlign.END);
        folds.addColumn(r -> r.metrics() == null ? "–" : Formats.percent(r.metrics().valAccuracy())).setHeader("Validation accuracy")
                .setTextAlign(ColumnTextAlign.END);
        folds.addColumn(r -> r.metrics() == null ? "–" : Formats.number(r.metrics().loss())).setHeader("Training loss")
                .setTextAlign(ColumnTextAlign.END);
        folds.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        folds.setAllRowsVisible(true);
        add(breadcrumbs, title, summary, folds);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = event.getRouteParameters().getLong("experimentId").orElse(-1L);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent e) {
        e.getUI().setPollInterval(1000);
        e.getUI().addPollListener(p -> {
            if (isAttached() && id >= 0) refresh();
        });
    }

    @Override
    protected void onDetach(DetachEvent e) {
        e.getUI().setPollInterval(-1);
    }

    private void refresh() {
        ExperimentView x;
        try {
            x = experiments.get(id);
        } catch (NotFoundException e) {
            pageTitle = "Cross-validation not found";
            title.setText(pageTitle);
            summary.removeAll();
            folds.setVisible(false);
            return;
        }
        breadcrumbs.removeAll();
        breadcrumbs.add(Routes.link("← Runs of the project", Routes.projectRuns(x.projectId())));
        pageTitle = x.k() + "-fold cross-validation #" + x.id();
        title.setText(pageTitle + " on " + x.datasetId());
        summary.removeAll();
        summary.add(new StatusBadge(x.status()));
        summary.add(card("Validation loss (cross-validation risk)", x.valLoss(), false));
        summary.add(card("Validation accuracy", x.valAccuracy(), true));
        summary.add(card("Training loss", x.loss(), false));
        summary.add(card("Training accuracy", x.accuracy(), true));
        folds.setItems(x.runs());
        if (!"RUNNING".equals(x.status()) && !"QUEUED".equals(x.status())) UI.getCurrent().setPollInterval(-1);
    }

    private static Div card(String label, ExperimentView.Summary s, boolean percent) {
        Div c = new Div();
        c.addClassName("nw-metric-card");
        Span value = new Span(s == null ? "–" : percent
                ? String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * s.mean(), 100 * s.std())
                : String.format(Locale.ROOT, "%.4g ± %.2g", s.mean(), s.std()));
        value.addClassName("nw-metric-value");
        Span caption = new Span(label + (s == null ? "" : " · " + s.values().size() + " folds"));
        caption.addClassName("nw-metric-label");
        c.add(value, caption);
        return c;
    }

    @Override
    public String getPageTitle() {
        return pageTitle + " · Netwright";
    }
}
