package dev.netwright.ui.versions;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.config.ModelLimits;
import dev.netwright.graph.InvalidGraphException;
import dev.netwright.projects.ModelImportService;
import dev.netwright.projects.ModelVersionView;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.ProjectView;
import dev.netwright.ui.Author;
import dev.netwright.ui.Formats;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.Routes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /projects/{id}/versions}: the project's saved versions, newest first, a visual diff of two of them
 * (default: the previous and the latest), restore of an old version as the new latest one, JSON export, and the import of
 * an ONNX file as the next version ({@link OnnxImportPanel}).
 */
@Route(value = "projects/:projectId([0-9]+)/versions", layout = MainLayout.class)
@CssImport("./src/versions.css")
public class VersionsView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private final ProjectService projects;
    private final Div breadcrumbs = new Div();
    private final H2 title = new H2();
    private final Div restored = new Div();
    private final Grid<ModelVersionView> grid = new Grid<>();
    private final Select<ModelVersionView> a = new Select<>();
    private final Select<ModelVersionView> b = new Select<>();
    private final Span compareHint = new Span();
    private final VersionDiff diff = new VersionDiff();
    private final Div compare;
    private final OnnxImportPanel onnxImport;
    /** Parameter counts by version id: a saved version never changes. */
    private final Map<Long, Long> parameters = new HashMap<>();
    private ProjectView project;
    private List<ModelVersionView> versions = List.of();
    /** True while load() sets both pickers, so the diff is drawn once. */
    private boolean loading;

    public VersionsView(ProjectService projects, ModelImportService imports, ModelLimits limits) {
        this.projects = projects;
        onnxImport = new OnnxImportPanel(imports, limits.maxUploadSize().asLongValue(), this::load);
        addClassNames("nw-page", "nw-versions-page");
        breadcrumbs.addClassName("nw-breadcrumbs");
        restored.addClassName("nw-restored");
        restored.getElement().setAttribute("role", "status");
        restored.setVisible(false);

        grid.addColumn(v -> "Version " + v.version()).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ModelVersionView::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(v -> Formats.dateTime(v.createdAt())).setHeader("Saved").setAutoWidth(true);
        grid.addColumn(v -> Formats.author(v.author())).setHeader("Author").setAutoWidth(true);
        grid.addColumn(v -> v.graph().nodes().size()).setHeader("Nodes").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(v -> Formats.count(parameters.computeIfAbsent(v.id(), id -> projects.validate(v.graph()).totalParameters())))
                .setHeader("Parameters").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(this::actions)).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No versions yet. Every \"Save version\" in the editor adds one.");

        a.setLabel("A (before)");
        b.setLabel("B (after)");
        for (Select<ModelVersionView> s : List.of(a, b)) {
            s.setItemLabelGenerator(v -> "Version " + v.version() + " · " + v.name() + " · by " + Formats.author(v.author()));
            s.addValueChangeListener(e -> showDiff());
        }
        compareHint.addClassName("nw-lead");
        Div pickers = new Div(a, b);
        pickers.addClassName("nw-diff-pickers");
        compare = new Div(new H3("Compare two versions"), pickers, compareHint, diff);
        compare.addClassName("nw-diff-compare");
        add(breadcrumbs, title, onnxImport, restored, grid, compare);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("projectId").orElse(-1L);
        breadcrumbs.removeAll();
        restored.setVisible(false);
        try {
            project = projects.get(id);
        } catch (NotFoundException e) {
            project = null;
            title.setText("Project not found");
            grid.setVisible(false);
            compare.setVisible(false);
            onnxImport.setVisible(false);
            breadcrumbs.add(Routes.link("← Projects", Routes.projects()));
            return;
        }
        grid.setVisible(true);
        onnxImport.setVisible(true);
        onnxImport.setProject(id);
        breadcrumbs.add(Routes.link("← " + project.name(), Routes.editor(id)), new Span("·"), Routes.link("Runs", Routes.projectRuns(id)),
                new Span("·"), Routes.link("Data", Routes.datasets(id)));
        title.setText("Versions of " + project.name());
        load();
    }

    @Override
    public String getPageTitle() {
        return (project == null ? "Versions" : "Versions of " + project.name()) + " · Netwright";
    }

    /** Reads the versions (newest first) and compares the previous with the latest. */
    private void load() {
        versions = projects.versions(project.id());
        grid.setItems(versions);
        a.setItems(versions);
        b.setItems(versions);
        compare.setVisible(!versions.isEmpty());
        if (versions.size() < 2) {
            a.clear();
            b.clear();
            diff.setVisible(false);
            compareHint.setText("Save a second version in the editor to compare two designs.");
            compareHint.setVisible(true);
            return;
        }
        compareHint.setVisible(false);
        loading = true;
        a.setValue(versions.get(1));
        b.setValue(versions.get(0));
        loading = false;
        showDiff();
    }

    private void showDiff() {
        if (loading) return;
        ModelVersionView from = a.getValue(), to = b.getValue();
        diff.setVisible(from != null && to != null);
        if (from != null && to != null) diff.show(from, to);
    }

    private Div actions(ModelVersionView v) {
        Anchor json = new Anchor(Routes.versionJson(v.id()), "JSON");
        json.setDownload(true);
        json.getElement().setAttribute("title", "Download version " + v.version() + " as graph JSON");
        json.addComponentAsFirst(VaadinIcon.DOWNLOAD_ALT.create());
        json.addClassName("nw-version-json");
        Div actions = new Div(json);
        actions.addClassName("nw-version-actions");
        if (!versions.isEmpty() && v.id() != versions.get(0).id()) {
            Button restore = new Button("Restore", VaadinIcon.ROTATE_LEFT.create(), e -> confirmRestore(v));
            restore.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            restore.setAriaLabel("Restore version " + v.version());
            restore.setTooltipText("Save version " + v.version() + "'s design as the new latest version");
            actions.addComponentAsFirst(restore);
        }
        return actions;
    }

    private void confirmRestore(ModelVersionView v) {
        int next = versions.get(0).version() + 1;
        String unsaved = projects.draft(project.id()).map(d -> " The editor's unsaved changes (autosaved " + Formats.ago(d.updatedAt())
                + ") are discarded: the editor opens version " + next + ".").orElse("");
        ConfirmDialog confirm = new ConfirmDialog("Restore version " + v.version() + "?",
                "Its design is saved as version " + next + ", the new latest version. No version is changed or deleted." + unsaved,
                "Restore version " + v.version(), e -> restore(v));
        confirm.setCancelable(true);
        confirm.open();
    }

    private void restore(ModelVersionView v) {
        restored.removeAll();
        onnxImport.setProject(project.id()); // one message at a time
        try {
            ModelVersionView saved = projects.restore(v.id(), Author.current());
            restored.add(new Span("Version " + v.version() + " restored as version " + saved.version() + ". "),
                    Routes.link("Open in the editor", Routes.editor(project.id())));
            restored.removeClassName("nw-restore-failed");
        } catch (InvalidGraphException e) {
            restored.add(new Span("Version " + v.version() + " cannot be restored: " + e.getMessage()));
            restored.addClassName("nw-restore-failed");
        }
        restored.setVisible(true);
        load();
    }
}
