package dev.netwright.ui.data;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.netwright.config.DataLimits;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.ProjectView;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.Routes;

import java.util.Map;

/**
 * {@code /projects/{id}/data}: the data sets a project trains on. Left the project's own (uploaded or generated)
 * and the built-in ones; right the selected one in detail ({@link DatasetDetail}). "Upload…" and "Generate…" add
 * data sets. The selection is kept in the URL ({@code ?dataset=42}), so a reload or a link shows the same one.
 */
@Route(value = "projects/:projectId([0-9]+)/data", layout = MainLayout.class)
public class DatasetsView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private final ProjectService projects;
    private final DatasetService datasets;
    private final long maxUploadSize;

    private final Div breadcrumbs = new Div();
    private final H2 title = new H2();
    private final DatasetList list;
    private final DatasetDetail detail;
    private final Div content = new Div();
    private final Div missing = new Div();
    private ProjectView project;
    private DatasetView selected;

    public DatasetsView(ProjectService projects, DatasetService datasets, DataLimits limits) {
        this.projects = projects;
        this.datasets = datasets;
        this.maxUploadSize = limits.maxUploadSize().asLongValue();
        addClassName("nw-page");
        addClassName("nw-data-page");
        breadcrumbs.addClassName("nw-breadcrumbs");

        list = new DatasetList(d -> show(d, true));
        detail = new DatasetDetail(datasets, split -> refreshList(), this::deleted);

        Button upload = new Button("Upload…", VaadinIcon.UPLOAD.create(), e -> openUpload());
        upload.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button generate = new Button("Generate…", VaadinIcon.MAGIC.create(), e -> openGenerate());
        Div actions = new Div(upload, generate);
        actions.addClassName("nw-data-actions");
        Paragraph lead = new Paragraph("Upload tables (CSV), MNIST-style IDX files or image folders, or generate data; check the classes, "
                + "the split and the samples before training.");
        lead.addClassName("nw-lead");
        Div header = new Div(new Div(title, lead), actions);
        header.addClassName("nw-data-page-header");

        Div body = new Div(list, detail);
        body.addClassName("nw-data-body");
        content.add(breadcrumbs, header, body);
        missing.addClassName("nw-empty-page");
        missing.setVisible(false);
        add(content, missing);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("projectId").orElse(-1L);
        try {
            project = projects.get(id);
        } catch (NotFoundException e) {
            project = null;
            content.setVisible(false);
            missing.setVisible(true);
            missing.removeAll();
            missing.add(new H2("Project not found"), new Span(e.getMessage() + ". "), Routes.link("Back to the projects", Routes.projects()));
            return;
        }
        content.setVisible(true);
        missing.setVisible(false);
        breadcrumbs.removeAll();
        breadcrumbs.add(Routes.link("← " + project.name(), Routes.editor(id)), new Span("·"), Routes.link("Runs", Routes.projectRuns(id)));
        title.setText("Data of " + project.name());
        selected = null;
        refreshList();
        show(initial(event.getLocation().getQueryParameters().getSingleParameter("dataset").orElse(null)), false);
    }

    /** The data set named in the URL when it is this project's or built-in, else the first in the list. */
    private DatasetView initial(String wanted) {
        if (wanted != null) {
            try {
                DatasetView d = datasets.get(wanted);
                if (d.builtin() || Long.valueOf(project.id()).equals(d.projectId())) return d;
            } catch (NotFoundException e) {
                // show the first one instead
            }
        }
        return list.first();
    }

    @Override
    public String getPageTitle() {
        return (project == null ? "Data" : "Data of " + project.name()) + " · Netwright";
    }

    private void refreshList() {
        list.setItems(datasets.list(project.id()), datasets.builtins());
        if (selected != null) list.select(selected.id());
    }

    /** Shows a data set (none: an empty detail), selected in the list; with {@code inUrl} the URL says which. */
    private void show(DatasetView d, boolean inUrl) {
        selected = d;
        if (d == null) {
            detail.showNothing();
            return;
        }
        list.select(d.id());
        detail.show(d);
        if (inUrl) {
            UI.getCurrent().getPage().getHistory().replaceState(null,
                    new Location(Routes.datasets(project.id()), QueryParameters.simple(Map.of("dataset", d.id()))));
        }
    }

    private void added(DatasetView d) {
        refreshList();
        show(d, true);
        Notification.show("Added " + d.name() + " (" + DataTexts.samples(d.size()) + ")", 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void deleted(DatasetView d) {
        selected = null;
        refreshList();
        show(list.first(), true);
    }

    private void openUpload() {
        new UploadDialog(datasets, project.id(), maxUploadSize, this::added).open();
    }

    private void openGenerate() {
        new GenerateDialog(datasets, project.id(), this::added).open();
    }
}
