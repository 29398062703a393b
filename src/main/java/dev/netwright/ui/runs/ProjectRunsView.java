package dev.netwright.ui.runs;

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
import dev.netwright.datasets.DatasetService;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.ProjectView;
import dev.netwright.training.RunView;
import dev.netwright.training.TrainingService;
import dev.netwright.ui.Formats;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.Routes;

import java.util.Comparator;

/** {@code /projects/{id}/runs}: every training run of a project, newest first, with status and results. */
@Route(value = "projects/:projectId([0-9]+)/runs", layout = MainLayout.class)
public class ProjectRunsView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private final ProjectService projects;
    private final TrainingService training;
    private final DatasetService datasets;
    private final Div breadcrumbs = new Div();
    private final H2 title = new H2();
    private final Grid<RunView> grid = new Grid<>();
    private ProjectView project;

    public ProjectRunsView(ProjectService projects, TrainingService training, DatasetService datasets) {
        this.projects = projects;
        this.training = training;
        this.datasets = datasets;
        addClassName("nw-page");
        breadcrumbs.addClassName("nw-breadcrumbs");

        grid.addColumn(new ComponentRenderer<>(r -> Routes.link("#" + r.id(), Routes.run(r.id())))).setHeader("Run")
                .setFlexGrow(0).setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(r -> new StatusBadge(r.status().name()))).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> datasetName(r.datasetId())).setHeader("Data set");
        grid.addColumn(r -> Formats.optimizer(r.config().optimizer()) + " · lr " + Formats.setting(r.config().learningRate()) + " · "
                + Formats.plural(r.config().epochs(), "epoch") + " · batch " + r.config().batchSize()).setHeader("Settings").setFlexGrow(2);
        grid.addColumn(r -> r.metrics() == null ? "–" : Formats.percent(r.metrics().accuracy())).setHeader("Final accuracy")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> r.metrics() == null ? "–" : Formats.number(r.metrics().loss())).setHeader("Final loss")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> Formats.dateTime(r.createdAt())).setHeader("Started").setAutoWidth(true);
        grid.addItemClickListener(e -> Routes.navigate(Routes.run(e.getItem().id())));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No runs yet. Open the editor, pick a data set and press Train.");
        add(breadcrumbs, title, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("projectId").orElse(-1L);
        breadcrumbs.removeAll();
        try {
            project = projects.get(id);
        } catch (NotFoundException e) {
            project = null;
            title.setText("Project not found");
            grid.setVisible(false);
            breadcrumbs.add(Routes.link("← Projects", Routes.projects()));
            return;
        }
        grid.setVisible(true);
        breadcrumbs.add(Routes.link("← " + project.name(), Routes.editor(id)), new Span("·"), Routes.link("Data", Routes.datasets(id)));
        title.setText("Runs of " + project.name());
        grid.setItems(training.listForProject(id).stream().sorted(Comparator.comparingLong(RunView::id).reversed()).toList());
    }

    @Override
    public String getPageTitle() {
        return (project == null ? "Runs" : "Runs of " + project.name()) + " · Netwright";
    }

    /** The data set's name, or its id when it no longer exists. */
    private String datasetName(String id) {
        try {
            return datasets.get(id).name();
        } catch (NotFoundException e) {
            return id;
        }
    }
}
