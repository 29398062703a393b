package dev.netwright.ui.editor;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import dev.netwright.datasets.DatasetService;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.InvalidGraphException;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.projects.ModelVersionView;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.ProjectView;
import dev.netwright.projects.Template;
import dev.netwright.projects.TemplateService;
import dev.netwright.training.RunView;
import dev.netwright.training.TrainingService;
import dev.netwright.ui.Formats;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.Routes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code /projects/{id}}: the network editor. Holds the design ({@link GraphDraft}); every edit from the canvas,
 * palette or inspector changes it, is validated by {@link ProjectService#validate} and redrawn with shapes and
 * problems. Saving and training never touch the design when they fail: the problems are pinned on the nodes.
 */
@Route(value = "projects/:projectId([0-9]+)", layout = MainLayout.class)
public class EditorView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private static final String DRAFT_KEY = "netwright.draft.";

    private final ProjectService projects;
    private final TemplateService templates;
    private final TrainingService training;
    private final dev.netwright.training.ExperimentService experiments;
    private final DatasetService datasets;

    private final NetworkCanvas canvas = new NetworkCanvas();
    private final InspectorPanel inspector = new InspectorPanel();
    private final TrainingForm form;
    private final H2 title = new H2();
    private final Span versionInfo = new Span();
    private final Span dirtyBadge = new Span("Unsaved changes");
    private final Select<Template> template = new Select<>();
    private final Button save = new Button("Save version", VaadinIcon.CHECK.create());
    private final Anchor runsLink = new Anchor();
    private final Anchor dataLink = new Anchor();
    private final Anchor versionsLink = new Anchor();
    private final Div banner = new Div();
    private final Span stats = new Span();
    private final Span validity = new Span();
    private final Div missing = new Div();

    private ProjectView project;
    private GraphDraft draft;
    private GraphAnalysis analysis;
    private Optional<ModelVersionView> latest = Optional.empty();
    /** Problems from a failed save or training start, shown until the design changes. */
    private List<GraphProblem> pinned = List.of();
    private String bannerMessage;
    private String selectedNode;
    private String selectedEdge;
    private long revision;
    private long fitKey;

    public EditorView(ProjectService projects, TemplateService templates, TrainingService training, DatasetService datasets,
                      dev.netwright.training.ExperimentService experiments) {
        this.experiments = experiments;
        this.projects = projects;
        this.templates = templates;
        this.training = training;
        this.datasets = datasets;
        this.form = new TrainingForm(datasets.builtins());
        addClassName("nw-editor");

        canvas.addGraphChangeListener(e -> onChange(e.getChange()));
        LayerPalette palette = new LayerPalette(LayerCatalog.all());
        palette.addAddLayerListener(e -> canvas.requestAdd(e.getType()));
        inspector.addParamChangeListener(e -> edit(() -> draft.setParam(e.getNodeId(), e.getParam(), e.getValue())));
        inspector.addDeleteNodeListener(e -> edit(() -> removeNode(e.getNodeId())));
        inspector.addDeleteEdgeListener(e -> edit(() -> removeEdge(e.getEdgeId())));
        form.addTrainListener(e -> train(e.getRequest()));

        template.setLabel("Template");
        template.setPlaceholder("Start from…");
        template.setItems(templates.list());
        template.setItemLabelGenerator(Template::name);
        template.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) chooseTemplate(e.getValue(), e.getOldValue());
        });
        save.addClickListener(e -> save());
        runsLink.getElement().setAttribute("router-link", true);
        runsLink.addClassName("nw-runs-link");
        dataLink.getElement().setAttribute("router-link", true);
        dataLink.addClassName("nw-runs-link");
        dataLink.setText("Data");
        versionsLink.getElement().setAttribute("router-link", true);
        versionsLink.addClassName("nw-runs-link");
        versionsLink.setText("Versions");
        dirtyBadge.getElement().getThemeList().add("badge contrast small");
        dirtyBadge.setVisible(false);

        Div heading = new Div(title, new Div(versionInfo, dirtyBadge));
        heading.addClassName("nw-editor-heading");
        Div actions = new Div(template, save, dataLink, versionsLink, runsLink);
        actions.addClassName("nw-editor-actions");
        Div header = new Div(heading, actions);
        header.addClassName("nw-editor-header");

        banner.addClassName("nw-banner");
        banner.getElement().setAttribute("role", "alert");
        banner.setVisible(false);
        canvas.addClassName("nw-editor-canvas");
        validity.addClassName("nw-validity");
        Div statusBar = new Div(stats, validity);
        statusBar.addClassName("nw-statusbar");
        Div center = new Div(banner, canvas, statusBar);
        center.addClassName("nw-editor-center");

        Div side = new Div(inspector, form);
        side.addClassName("nw-editor-side");
        Div body = new Div(palette, center, side);
        body.addClassName("nw-editor-body");
        missing.addClassName("nw-empty-page");
        missing.setVisible(false);
        add(header, body, missing);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("projectId").orElse(-1L);
        try {
            project = projects.get(id);
        } catch (NotFoundException e) {
            project = null;
            getChildren().forEach(c -> c.setVisible(c == missing));
            missing.removeAll();
            missing.add(new H2("Project not found"), new Span(e.getMessage() + ". "), Routes.link("Back to the projects", Routes.projects()));
            return;
        }
        getChildren().forEach(c -> c.setVisible(c != missing));
        selectedNode = null;
        selectedEdge = null;
        pinned = List.of();
        bannerMessage = null;
        template.clear();
        form.clearError();
        form.setDatasets(datasets.choices(id));
        title.setText(project.name());
        if (project.description() != null && !project.description().isBlank()) title.getElement().setAttribute("title", project.description());
        latest = projects.latestVersion(id);
        draft = new GraphDraft(latest.map(ModelVersionView::graph).orElseGet(() -> GraphDraft.starter(project.name())));
        GraphSpec kept = (GraphSpec) VaadinSession.getCurrent().getAttribute(DRAFT_KEY + id);
        if (kept != null) draft.replaceWith(kept);
        List<RunView> runs = training.listForProject(id);
        var lastRun = runs.stream().max(Comparator.comparingLong(RunView::id));
        if (lastRun.isPresent()) {
            form.setValues(lastRun.get().datasetId(), lastRun.get().config());
        } else {
            // a design saved from a template trains with that template's data set and settings until a run says otherwise
            String name = draft.toSpec().name();
            templates.list().stream().filter(t -> t.name().equals(name)).findFirst().ifPresent(form::apply);
        }
        runsLink.setHref(Routes.projectRuns(id));
        dataLink.setHref(Routes.datasets(id));
        versionsLink.setHref(Routes.versions(id));
        runsLink.setText(runs.isEmpty() ? "Runs" : "Runs (" + runs.size() + ")");
        fitKey++;
        refresh();
    }

    @Override
    public String getPageTitle() {
        return (project == null ? "Editor" : project.name()) + " · Netwright";
    }

    // ------------------------------------------------------------------ edits

    private void onChange(NetworkCanvas.Change change) {
        switch (change) {
            case NetworkCanvas.NodeAdded a -> {
                if (LayerCatalog.find(a.type()).isEmpty()) return;
                edit(() -> {
                    selectedNode = draft.addNode(a.type(), a.x(), a.y());
                    selectedEdge = null;
                });
            }
            case NetworkCanvas.NodeMoved m -> {
                draft.moveNode(m.nodeId(), m.x(), m.y());
                keepDraft();
                updateSaveState();
            }
            case NetworkCanvas.NodeRemoved r -> edit(() -> removeNode(r.nodeId()));
            case NetworkCanvas.NodeSelected s -> {
                selectedNode = s.nodeId();
                if (s.nodeId() != null) selectedEdge = null;
                refreshSelection();
            }
            case NetworkCanvas.EdgeAdded a -> edit(() -> draft.connect(a.fromNode(), a.fromPort(), a.toNode(), a.toPort()));
            case NetworkCanvas.EdgeRemoved r -> edit(() -> removeEdge(r.edgeId()));
            case NetworkCanvas.EdgeSelected s -> {
                selectedEdge = s.edgeId();
                if (s.edgeId() != null) selectedNode = null;
                refreshSelection();
            }
        }
    }

    /** Applies an edit to the design, then re-validates and redraws. Problems pinned by a failed save go away. */
    private void edit(Runnable change) {
        change.run();
        pinned = List.of();
        bannerMessage = null;
        keepDraft();
        refresh();
    }

    private void removeNode(String id) {
        draft.removeNode(id);
        if (id.equals(selectedNode)) selectedNode = null;
    }

    private void removeEdge(String id) {
        draft.removeEdge(id);
        if (id.equals(selectedEdge)) selectedEdge = null;
    }

    private void chooseTemplate(Template t, Template previous) {
        if (!draft.isDirty()) {
            loadTemplate(t);
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog("Replace the design?",
                "The canvas has unsaved changes. Loading the " + t.name() + " template replaces them.", "Load template", e -> loadTemplate(t));
        confirm.setCancelable(true);
        confirm.addCancelListener(e -> template.setValue(previous));
        confirm.open();
    }

    private void loadTemplate(Template t) {
        draft.replaceWith(t.graph());
        form.apply(t);
        selectedNode = null;
        selectedEdge = null;
        fitKey++;
        edit(() -> { });
    }

    /** Keeps unsaved work in the session, so leaving for the runs page and coming back loses nothing. */
    private void keepDraft() {
        VaadinSession.getCurrent().setAttribute(DRAFT_KEY + project.id(), draft.isDirty() ? draft.toSpec() : null);
    }

    // ------------------------------------------------------------------ save and train

    private void save() {
        try {
            ModelVersionView v = saveVersion();
            Notification.show("Saved as version " + v.version(), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidGraphException e) {
            pin(e.problems(), "Not saved: fix the problems marked on the canvas first. Your design is unchanged.");
        }
    }

    private ModelVersionView saveVersion() {
        ModelVersionView v = projects.saveVersion(project.id(), draft.toSpec());
        latest = Optional.of(v);
        draft.markSaved();
        keepDraft();
        updateSaveState();
        return v;
    }

    private void train(TrainingForm.Request request) {
        form.clearError();
        try {
            long versionId = draft.isDirty() || latest.isEmpty() ? saveVersion().id() : latest.get().id();
            if (request.folds() != null) {
                var experiment = experiments.crossValidate(versionId, request.datasetId(), request.folds(), request.config());
                Routes.navigate(Routes.experiment(experiment.id()));
                return;
            }
            RunView run = training.start(versionId, request.datasetId(), request.config());
            Routes.navigate(Routes.run(run.id()));
        } catch (InvalidGraphException e) {
            pin(e.problems(), "Training cannot start: fix the problems marked on the canvas.");
            form.setError("Training cannot start: " + e.problems().size() + (e.problems().size() == 1 ? " problem is" : " problems are")
                    + " marked on the canvas.");
        } catch (IllegalArgumentException | NotFoundException e) {
            form.setError(e.getMessage());
        }
    }

    private void pin(List<GraphProblem> problems, String message) {
        pinned = List.copyOf(problems);
        bannerMessage = message;
        refreshView();
    }

    // ------------------------------------------------------------------ drawing

    private void refresh() {
        analysis = projects.validate(draft.toSpec());
        refreshView();
    }

    private List<GraphProblem> problems() {
        LinkedHashSet<GraphProblem> all = new LinkedHashSet<>(analysis.problems());
        all.addAll(pinned);
        return new ArrayList<>(all);
    }

    private void refreshView() {
        List<GraphProblem> problems = problems();
        if (selectedNode != null && draft.node(selectedNode).isEmpty()) selectedNode = null;
        canvas.setView(CanvasModel.view(++revision, draft.toSpec(), analysis, problems, selectedNode, fitKey));
        refreshSelection();
        refreshBanner(problems);
        long errors = problems.stream().filter(GraphProblem::isError).count();
        stats.setText(draft.nodeCount() + (draft.nodeCount() == 1 ? " layer · " : " layers · ") + draft.edgeCount()
                + (draft.edgeCount() == 1 ? " connection · " : " connections · ")
                + String.format(java.util.Locale.ENGLISH, "%,d", analysis.totalParameters()) + " parameters");
        validity.setText(errors == 0 ? "✓ Ready to train" : errors + (errors == 1 ? " problem" : " problems"));
        validity.getElement().setAttribute("data-state", errors == 0 ? "valid" : "invalid");
        updateSaveState();
    }

    private void refreshSelection() {
        if (selectedNode != null && draft.node(selectedNode).isEmpty()) selectedNode = null; // the canvas was a step behind
        if (selectedEdge != null && draft.edge(selectedEdge).isEmpty()) selectedEdge = null;
        if (selectedNode != null) {
            NodeSpec node = draft.node(selectedNode).orElseThrow();
            List<GraphProblem> own = problems().stream().filter(p -> selectedNode.equals(p.nodeId())).toList();
            var shape = analysis.nodeShapes().get(selectedNode);
            inspector.showNode(node, LayerCatalog.find(node.type()).orElse(null), shape == null ? null : shape.toString(),
                    analysis.parameterCounts().get(selectedNode), own);
        } else if (selectedEdge != null) {
            var shape = analysis.edgeShapes().get(selectedEdge);
            inspector.showEdge(draft.edge(selectedEdge).orElseThrow(), shape == null ? null : shape.toString());
        } else {
            inspector.showNothing();
        }
    }

    /** Problems that belong to no node, and the message of a failed save, above the canvas. */
    private void refreshBanner(List<GraphProblem> problems) {
        banner.removeAll();
        List<GraphProblem> global = problems.stream().filter(p -> p.nodeId() == null).toList();
        if (bannerMessage != null) banner.add(new Div(bannerMessage));
        if (!global.isEmpty()) {
            UnorderedList list = new UnorderedList();
            global.forEach(p -> list.add(new ListItem(p.message())));
            banner.add(list);
        }
        banner.setVisible(bannerMessage != null || !global.isEmpty());
    }

    private void updateSaveState() {
        boolean dirty = draft.isDirty();
        dirtyBadge.setVisible(dirty && latest.isPresent());
        versionInfo.setText(latest.map(v -> "Version " + v.version() + " · saved " + Formats.ago(v.createdAt()))
                .orElse("Not saved yet"));
        save.setEnabled(dirty || latest.isEmpty());
    }
}
