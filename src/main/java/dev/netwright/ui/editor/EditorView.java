package dev.netwright.ui.editor;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.netwright.datasets.DatasetService;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.InvalidGraphException;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.WeightsCodec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.projects.GraphJson;
import dev.netwright.projects.ModelVersionView;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.ProjectView;
import dev.netwright.projects.Template;
import dev.netwright.projects.TemplateService;
import dev.netwright.training.RunView;
import dev.netwright.training.TrainingService;
import dev.netwright.ui.Author;
import dev.netwright.ui.Formats;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.Routes;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /projects/{id}}: the network editor. Wires the canvas, palette, inspector, status bar and toolbar to a
 * {@link DesignEditor}, which holds the design ({@link GraphDraft}, with undo), the selection and the clipboard: every
 * edit or command changes it, is validated by {@link ProjectService#validate} and redrawn with shapes, costs and
 * problems (with their one-click fixes). Saving and training never touch the design when they fail: the problems
 * are pinned on the nodes.
 */
@Route(value = "projects/:projectId([0-9]+)", layout = MainLayout.class)
public class EditorView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    /** What the session keeps of each project's editor ({@link Kept}), by project id. */
    private static final String KEPT_KEY = "netwright.editor.";
    /** The session's clipboard of copied layers (shared by the projects, so layers can be copied between them). */
    private static final String CLIPBOARD_KEY = "netwright.clipboard";

    /**
     * What the browser session keeps of a project's editor, so that a reload or a visit to another page loses
     * neither the unsaved design nor its undo history: the design ({@code draft}, with its history), the version it
     * was opened on ({@code versionId}, null: none), and the weights of a template not saved with a version yet (the
     * seed's XOR solution; null: none). It is used only while {@code versionId} is still the project's latest version.
     */
    private record Kept(GraphDraft draft, Long versionId, WeightsCodec.Weights templateWeights) {
    }

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
    private final CostBar costs = new CostBar();
    private final Button undo = new Button("Undo", VaadinIcon.ROTATE_LEFT.create());
    private final Button redo = new Button("Redo", VaadinIcon.ROTATE_RIGHT.create());
    private final Div missing = new Div();
    private final LayerPalette palette = new LayerPalette(LayerCatalog.all());
    private final Button collapse = new Button("Collapse into block…", VaadinIcon.COMPRESS_SQUARE.create());
    private final Button expand = new Button("Expand", VaadinIcon.EXPAND_SQUARE.create());
    /** "Compare with…": a saved version the canvas is compared with, or none (Off). */
    private final Select<ModelVersionView> compare = new Select<>();
    /** While comparing: "2 added · 1 changed · 1 removed". */
    private final Div compareLegend = new Div();
    /** The note "Restored unsaved changes from …" with its Discard button. */
    private final Div restored = new Div();
    private Autosave<Unsaved> autosave;
    /** Block definitions of the project's saved versions (the block library). */
    private List<ProjectService.LibraryBlock> library = List.of();

    private ProjectView project;
    private DesignEditor editor;
    /** The loaded template's weights, saved with the next version if they still fit the design; null: none. */
    private WeightsCodec.Weights templateWeights;
    /** The design {@link #templateWeightsNote} last checked the template's weights against, and whether they fit it. */
    private GraphSpec weightsCheckedFor;
    private boolean weightsFit;
    private Optional<ModelVersionView> latest = Optional.empty();
    private String bannerMessage;
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

        canvas.addGraphChangeListener(e -> show(editor.apply(e.getChange())));
        canvas.addCommandListener(e -> command(e.getCommand()));
        palette.addAddLayerListener(e -> canvas.requestAdd(e.getType()));
        palette.addAddBlockListener(e -> show(editor.addBlock(e.getItem().block(), e.getItem().source())));
        inspector.addParamChangeListener(e -> show(e.getBlock() == null ? editor.setParam(e.getNodeId(), e.getParam(), e.getValue())
                : editor.setBlockParam(e.getBlock(), e.getNodeId(), e.getParam(), e.getValue())));
        inspector.addDeleteNodeListener(e -> show(editor.remove(List.of(e.getNodeId()))));
        inspector.addDeleteEdgeListener(e -> show(editor.removeEdge(e.getEdgeId())));
        inspector.addApplyFixListener(e -> show(editor.applyFix(e.getFix())));
        form.addTrainListener(e -> train(e.getRequest()));

        template.setLabel("Template");
        template.setPlaceholder("Start from…");
        template.setItems(templates.list());
        template.setItemLabelGenerator(Template::name);
        template.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) chooseTemplate(e.getValue());
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
        restored.addClassName("nw-restored");
        restored.setVisible(false);
        Div center = new Div(toolbar(), restored, banner, canvas, costs);
        center.addClassName("nw-editor-center");

        Div side = new Div(inspector, form);
        side.addClassName("nw-editor-side");
        // keyboard users reach the canvas without tabbing through every palette entry (shown when focused)
        Button skip = new Button("Skip to the canvas");
        skip.addClassName("nw-skip");
        skip.getElement().executeJs("this.addEventListener('click', () => document.querySelector('network-canvas .nw-canvas').focus())");
        Div body = new Div(palette, center, side);
        body.addClassName("nw-editor-body");
        missing.addClassName("nw-empty-page");
        missing.setVisible(false);
        add(skip, header, body, missing);
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
        bannerMessage = null;
        template.clear();
        form.clearError();
        form.setDatasets(datasets.choices(id));
        title.setText(project.name());
        if (project.description() != null && !project.description().isBlank()) title.getElement().setAttribute("title", project.description());
        latest = projects.latestVersion(id);
        Kept kept = (Kept) VaadinSession.getCurrent().getAttribute(KEPT_KEY + id);
        restored.setVisible(false);
        GraphDraft draft;
        if (kept != null && Objects.equals(kept.versionId(), latestId())) {
            draft = kept.draft(); // this session's design, undo history and all
            templateWeights = kept.templateWeights();
        } else {
            // new to this session, or a version was saved or restored since (which wins over what this session had)
            GraphDraft opened = new GraphDraft(latest.map(ModelVersionView::graph).orElseGet(() -> GraphDraft.starter(project.name())));
            draft = opened;
            templateWeights = null;
            // a draft autosaved after the latest version (another browser, before a server restart)
            projects.draft(id).filter(d -> !d.graph().equals(opened.toSpec())).ifPresent(d -> {
                opened.replaceWith(d.graph()); // undo goes back to the saved version
                templateWeights = d.weights().orElse(null);
                showRestored(d);
            });
        }
        weightsCheckedFor = null; // other weights, or another design
        if (autosave != null) autosave.flush();
        autosave = new Autosave<>(u -> projects.saveDraft(id, u.graph(), u.weights()), () -> projects.deleteDraft(id));
        editor = new DesignEditor(draft, projects::validate);
        keep();
        compare.clear(); // a new editor compares with nothing
        List<ModelVersionView> saved = projects.versions(id); // read once: the compare picker and the block library
        refreshVersions(saved);
        library = ProjectService.blockLibrary(saved);
        editor.setClipboard((GraphSpec) VaadinSession.getCurrent().getAttribute(CLIPBOARD_KEY));
        List<RunView> runs = training.listForProject(id);
        var lastRun = runs.stream().max(Comparator.comparingLong(RunView::id));
        if (lastRun.isPresent()) {
            form.setValues(lastRun.get().datasetId(), lastRun.get().config());
            costs.setTraining(lastRun.get().config().batchSize(), lastRun.get().config().optimizer());
        } else {
            // a design saved from a template trains with that template's data set and settings until a run says otherwise
            String name = draft.toSpec().name();
            templates.list().stream().filter(t -> t.name().equals(name)).findFirst().ifPresent(t -> {
                form.apply(t);
                costs.setTraining(t.batchSize(), t.optimizer());
            });
        }
        runsLink.setHref(Routes.projectRuns(id));
        dataLink.setHref(Routes.datasets(id));
        versionsLink.setHref(Routes.versions(id));
        runsLink.setText(runs.isEmpty() ? "Runs" : "Runs (" + runs.size() + ")");
        fitKey++;
        refreshView();
    }

    @Override
    public String getPageTitle() {
        return (project == null ? "Editor" : project.name()) + " · Netwright";
    }

    // ------------------------------------------------------------------ edits

    /** Undo, redo, auto-layout, export and import above the canvas (the canvas has the view's own buttons). */
    private Div toolbar() {
        undo.addClickListener(e -> command(NetworkCanvas.Command.UNDO));
        undo.getElement().setAttribute("title", "Undo (Ctrl+Z)");
        redo.addClickListener(e -> command(NetworkCanvas.Command.REDO));
        redo.getElement().setAttribute("title", "Redo (Ctrl+Shift+Z or Ctrl+Y)");
        Button layout = new Button("Auto-layout", VaadinIcon.SITEMAP.create(), e -> command(NetworkCanvas.Command.LAYOUT));
        layout.getElement().setAttribute("title", "Arrange the layers left to right by depth (L)");
        Anchor export = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] json = GraphJson.write(editor.draft().toSpec()).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(json), fileName(), "application/json", json.length);
        }), "");
        // a link styled as a tertiary button (a button inside a link would be two nested controls)
        export.add(VaadinIcon.DOWNLOAD.create(), new Span("Export JSON"));
        export.addClassName("nw-export");
        export.getElement().setAttribute("title", "Download the design as JSON (the graph format)");
        Button importJson = new Button("Import JSON…", VaadinIcon.UPLOAD.create(),
                e -> new ImportDialog(g -> {
                    setTemplateWeights(null);
                    show(editor.replace(g), true);
                }).open());
        collapse.addClickListener(e -> askBlockName());
        collapse.getElement().setAttribute("title", "Turn the selected layers into a named block with its own ports");
        collapse.addClassName("nw-collapse");
        expand.addClickListener(e -> show(editor.expand()));
        expand.getElement().setAttribute("title", "Replace the selected block instance by its layers");
        expand.addClassName("nw-expand");
        for (Button b : List.of(undo, redo, layout, importJson, collapse, expand)) b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        compare.setAriaLabel("Compare with");
        compare.setPlaceholder("Compare with…");
        compare.setEmptySelectionAllowed(true);
        compare.setEmptySelectionCaption("Off");
        // "Off" is the list's first entry; chosen, the picker shows what it is for
        compare.setItemLabelGenerator(v -> v == null ? "Compare with…" : versionLabel(v));
        compare.addThemeVariants(com.vaadin.flow.component.select.SelectVariant.LUMO_SMALL);
        compare.addClassName("nw-compare");
        compare.getElement().setAttribute("title", "Colour the canvas against a saved version: added, changed and removed layers");
        compare.addValueChangeListener(e -> {
            if (editor == null) return;
            editor.compareWith(e.getValue() == null ? null : e.getValue().graph());
            refreshView();
        });
        compareLegend.addClassName("nw-compare-legend");
        compareLegend.getElement().setAttribute("aria-live", "polite");
        compareLegend.setVisible(false);
        Div bar = new Div(undo, redo, layout, export, importJson, collapse, expand, compare, compareLegend);
        bar.addClassName("nw-editor-toolbar");
        bar.getElement().setAttribute("role", "toolbar");
        bar.getElement().setAttribute("aria-label", "Design");
        return bar;
    }

    /** Asks the new block's name; a refusal (Input selected, nothing enters the selection, ...) shows on the field. */
    private void askBlockName() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Collapse into block");
        TextField name = new TextField("Block name");
        name.setValue(freeBlockName());
        name.setWidthFull();
        name.addClassName("nw-block-name");
        Paragraph hint = new Paragraph(editor.selection().size() + (editor.selection().size() == 1 ? " layer becomes" : " layers become")
                + " one block; connections into and out of the selection become its ports.");
        dialog.add(name, hint);
        Button ok = new Button("Collapse", e -> {
            try {
                show(editor.collapse(name.getValue()));
                dialog.close();
            } catch (IllegalArgumentException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.addClassName("nw-collapse-ok");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), ok);
        dialog.open();
        name.focus();
    }

    private String freeBlockName() {
        java.util.Set<String> taken = new java.util.HashSet<>();
        editor.draft().blocks().forEach(b -> taken.add(b.name()));
        library.forEach(b -> taken.add(b.block().name()));
        for (int i = 1; ; i++) {
            if (!taken.contains("Block " + i)) return "Block " + i;
        }
    }

    /** The palette's Blocks group: the design's blocks, then the library's that the design does not have. */
    private void refreshBlocks() {
        List<LayerPalette.BlockItem> items = new java.util.ArrayList<>();
        java.util.Set<String> own = new java.util.HashSet<>();
        editor.draft().blocks().forEach(b -> {
            own.add(b.name());
            items.add(new LayerPalette.BlockItem(b, "this design", null));
        });
        library.stream().filter(b -> !own.contains(b.block().name()))
                .forEach(b -> items.add(new LayerPalette.BlockItem(b.block(), "version " + b.version(), b.source())));
        palette.setBlocks(items);
        collapse.setEnabled(!editor.selection().isEmpty());
        expand.setEnabled(editor.primaryIsInstance());
    }

    private String fileName() {
        String name = editor.draft().toSpec().name();
        String base = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return (base.isEmpty() ? "design" : base) + ".netwright.json";
    }

    private void command(NetworkCanvas.Command c) {
        DesignEditor.Effect effect = editor.run(c);
        if (c == NetworkCanvas.Command.COPY || c == NetworkCanvas.Command.CUT) {
            VaadinSession.getCurrent().setAttribute(CLIPBOARD_KEY, editor.clipboard());
        }
        show(effect, c == NetworkCanvas.Command.LAYOUT);
    }

    private void show(DesignEditor.Effect effect) {
        show(effect, false);
    }

    /** Redraws what {@code effect} changed; {@code fit}: also zoom to fit (a new layout, an import). */
    private void show(DesignEditor.Effect effect, boolean fit) {
        if (fit) fitKey++;
        switch (effect) {
            case NONE -> { }
            case POSITIONS -> {
                keepDraft();
                updateSaveState();
            }
            case SELECTION -> refreshView();
            case DESIGN -> {
                bannerMessage = null;
                keepDraft();
                refreshView();
            }
        }
    }

    /** Loads a template (asking first when there are unsaved changes); the picker then shows "Start from…" again. */
    private void chooseTemplate(Template t) {
        template.clear(); // a picker, not a state: the same template can be chosen again
        if (!editor.draft().isDirty()) {
            loadTemplate(t);
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog("Replace the design?",
                "The canvas has unsaved changes. Loading the " + t.name() + " template replaces them (Undo brings them back).",
                "Load template", e -> loadTemplate(t));
        confirm.setCancelable(true);
        confirm.open();
    }

    private void loadTemplate(Template t) {
        form.apply(t);
        costs.setTraining(t.batchSize(), t.optimizer());
        setTemplateWeights(t.initialWeights().orElse(null));
        show(editor.replace(t.graph()), true);
        if (templateWeights != null) {
            Notification.show("The " + t.name() + " template comes with its weights: the next saved version keeps them, and its runs start "
                    + "from them.", 5000, Notification.Position.BOTTOM_START);
        }
    }

    private void setTemplateWeights(WeightsCodec.Weights w) {
        templateWeights = w;
        weightsCheckedFor = null;
        keep();
    }

    private Long latestId() {
        return latest.map(ModelVersionView::id).orElse(null);
    }

    /** Keeps the editor's state in the session ({@link Kept}). */
    private void keep() {
        VaadinSession.getCurrent().setAttribute(KEPT_KEY + project.id(), new Kept(editor.draft(), latestId(), templateWeights));
    }

    /**
     * Keeps unsaved work in the session, so leaving for the runs page and coming back loses nothing, and in the
     * database (debounced, {@link Autosave}), so a reload in another session or a server restart loses nothing either.
     */
    private void keepDraft() {
        GraphDraft draft = editor.draft();
        GraphSpec unsaved = draft.isDirty() ? draft.toSpec() : null;
        keep();
        autosave.changed(unsaved == null ? null : new Unsaved(unsaved, templateWeights));
    }

    /** What the autosave keeps: the design, and a template's weights not saved with a version yet (null: none). */
    private record Unsaved(GraphSpec graph, WeightsCodec.Weights weights) {
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent event) {
        if (autosave != null) autosave.flush();
        super.onDetach(event);
    }

    /** "Restored unsaved changes from 10:42" with a Discard button that goes back to the latest version. */
    private void showRestored(dev.netwright.projects.DraftView d) {
        restored.removeAll();
        String when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(d.updatedAt().atZone(java.time.ZoneId.systemDefault()));
        Button discard = new Button("Discard", e -> discardDraft());
        discard.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        discard.addClassName("nw-discard-draft");
        restored.add(new Span("Restored unsaved changes from " + when + " (" + Formats.ago(d.updatedAt()) + ")."), discard);
        restored.setVisible(true);
    }

    private void discardDraft() {
        setTemplateWeights(null);
        editor.draft().load(latest.map(ModelVersionView::graph).orElseGet(() -> GraphDraft.starter(project.name())));
        editor.analyze();
        keep();
        autosave.changed(null);
        autosave.flush();
        restored.setVisible(false);
        fitKey++;
        refreshView();
    }

    // ------------------------------------------------------------------ save and train

    /**
     * Saves the design as the next version; when someone saved a version of the project since this design was opened
     * (another tab, a teammate, a restore), asks first: saving on would make this design the latest without a word.
     */
    private void save() {
        Optional<ModelVersionView> now = projects.latestVersion(project.id());
        if (now.isPresent() && !Objects.equals(now.get().id(), latestId())) {
            ModelVersionView other = now.get();
            ConfirmDialog ask = new ConfirmDialog("Version " + other.version() + " was saved since you opened this design",
                    versionLabel(other) + " was saved " + Formats.ago(other.createdAt()) + " by " + Formats.author(other.author())
                            + ". Save your design as version " + (other.version() + 1) + " anyway? Both stay in the history; the Versions page"
                            + " compares them.",
                    "Save as version " + (other.version() + 1), e -> saveNow());
            ask.setCancelable(true);
            ask.setCancelText("Cancel");
            ask.addClassName("nw-save-conflict");
            ask.open();
            return;
        }
        saveNow();
    }

    private void saveNow() {
        try {
            ModelVersionView v = saveVersion();
            Notification.show("Saved as version " + v.version(), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidGraphException e) {
            pin(e.problems(), "Not saved: fix the problems marked on the canvas first. Your design is unchanged.");
        }
    }

    /**
     * Saves the design as the next version. It keeps weights to start from when they still fit it exactly (same
     * parameters, same sizes): a loaded template's, or else those of the version it was edited from (an imported model
     * stays fine-tunable after a change of loss, dropout or activation); otherwise its runs start from a fresh
     * initialisation, and a notification says why.
     */
    private ModelVersionView saveVersion() {
        GraphSpec design = editor.draft().toSpec();
        WeightsCodec.Weights start = templateWeights;
        boolean fromTemplate = start != null;
        String source = "The template's weights";
        if (!fromTemplate && latest.isPresent() && latest.get().hasWeights()) {
            start = projects.weights(latest.get().id()).orElse(null);
            source = "The weights of version " + latest.get().version();
        }
        Optional<String> misfit = start == null ? Optional.empty() : start.misfit(design);
        byte[] weights = start != null && misfit.isEmpty() ? WeightsCodec.encode(start) : null;
        ModelVersionView v = projects.saveVersion(project.id(), design, weights, Author.current());
        setTemplateWeights(null);
        if (start != null && misfit.isPresent()) {
            Notification.show(source + " no longer fit the design (" + misfit.get() + "): version " + v.version()
                    + " was saved without them, so its runs start from a fresh initialisation.", 8000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        } else if (start != null && !fromTemplate) {
            Notification.show(source + " still fit the design: version " + v.version() + " keeps them, and its runs start from them.",
                    5000, Notification.Position.BOTTOM_START);
        }
        latest = Optional.of(v);
        refreshVersions(projects.versions(project.id()));
        editor.draft().markSaved();
        restored.setVisible(false);
        keepDraft();
        updateSaveState();
        return v;
    }

    private void train(TrainingForm.Request request) {
        form.clearError();
        try {
            long versionId = editor.draft().isDirty() || latest.isEmpty() ? saveVersion().id() : latest.get().id();
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
        editor.pin(problems);
        bannerMessage = message;
        refreshView();
    }

    // ------------------------------------------------------------------ drawing

    private void refreshView() {
        GraphDraft draft = editor.draft();
        GraphAnalysis analysis = editor.analysis();
        List<GraphProblem> problems = editor.problems();
        NetworkCanvas.View view = editor.canvasView(++revision, fitKey);
        canvas.setView(view);
        refreshCompareLegend(view);
        refreshSelection(problems);
        refreshBanner(problems);
        refreshBlocks();
        long errors = problems.stream().filter(GraphProblem::isError).count();
        costs.show(draft.nodeCount(), draft.edgeCount(), analysis, errors, problems.size() - errors);
        updateSaveState();
    }

    /** The "Compare with…" choices: the project's saved versions, newest first (the chosen one stays chosen). */
    private void refreshVersions(List<ModelVersionView> versions) {
        Long chosen = compare.getValue() == null ? null : compare.getValue().id();
        compare.setItems(versions);
        compare.setValue(versions.stream().filter(v -> chosen != null && v.id() == chosen).findFirst().orElse(null));
    }

    private static String versionLabel(ModelVersionView v) {
        String name = v.name() == null || v.name().equals("Version " + v.version()) ? "" : " · " + v.name();
        return "Version " + v.version() + name;
    }

    /**
     * "2 added · 1 changed · 1 removed" (layers), then " · connections: 1 added, 2 removed" when any changed, while
     * comparing, counted from what the canvas draws.
     */
    private void refreshCompareLegend(NetworkCanvas.View view) {
        compareLegend.removeAll();
        compareLegend.setVisible(editor.comparedWith() != null);
        if (editor.comparedWith() == null) return;
        long added = view.nodes().stream().filter(n -> CanvasModel.ADDED.equals(n.diff())).count();
        long changed = view.nodes().stream().filter(n -> CanvasModel.CHANGED.equals(n.diff())).count();
        compareLegend.add(legendKey("added", added + " added"), new Span(" · "), legendKey("changed", changed + " changed"),
                new Span(" · "), legendKey("removed", view.ghosts().size() + " removed"));
        int edgesAdded = view.addedEdges().size(), edgesRemoved = view.ghostEdges().size();
        if (edgesAdded + edgesRemoved > 0) {
            Span connections = new Span(" · connections: " + edgesAdded + " added, " + edgesRemoved + " removed");
            connections.addClassName("nw-compare-connections");
            compareLegend.add(connections);
        }
    }

    private static Span legendKey(String kind, String text) {
        Span swatch = new Span();
        swatch.addClassNames("nw-compare-swatch", "nw-compare-swatch-" + kind);
        swatch.getElement().setAttribute("aria-hidden", "true");
        Span key = new Span(swatch, new Span(text));
        key.addClassName("nw-compare-key");
        key.getElement().setAttribute("data-kind", kind);
        return key;
    }

    private void refreshSelection(List<GraphProblem> problems) {
        GraphAnalysis analysis = editor.analysis();
        String node = editor.primary();
        String edge = editor.selectedEdge();
        if (node != null) {
            NodeSpec spec = editor.draft().node(node).orElseThrow();
            List<GraphProblem> own = CanvasModel.problemsByNode(problems).getOrDefault(node, List.of());
            var shape = analysis.nodeShapes().get(node);
            String block = Blocks.blockOf(spec);
            inspector.showNode(spec, LayerCatalog.find(spec.type()).orElse(null), shape == null ? null : shape.toString(),
                    analysis.parameterCounts().get(node), analysis.flops().get(node), own, editor.draft().block(block).orElse(null),
                    editor.draft().instances(block));
        } else if (edge != null) {
            var shape = analysis.edgeShapes().get(edge);
            inspector.showEdge(editor.draft().edge(edge).orElseThrow(), shape == null ? null : shape.toString());
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

    /**
     * Whether a template's weights wait to be saved with the design, and whether they still fit it (after edits, an
     * undo). The fit (a compile of the design) is checked again only when the design changed.
     */
    private String templateWeightsNote(GraphDraft draft) {
        if (templateWeights == null) return "";
        GraphSpec design = draft.toSpec();
        if (!design.equals(weightsCheckedFor)) {
            weightsCheckedFor = design;
            weightsFit = templateWeights.misfit(design).isEmpty();
        }
        return weightsFit ? " · template weights not saved yet" : " · the template's weights do not fit this design";
    }

    private void updateSaveState() {
        GraphDraft draft = editor.draft();
        boolean dirty = draft.isDirty();
        undo.setEnabled(draft.canUndo());
        redo.setEnabled(draft.canRedo());
        dirtyBadge.setVisible(dirty && latest.isPresent());
        versionInfo.setText(latest.map(v -> "Version " + v.version() + " · saved " + Formats.ago(v.createdAt())
                        + " by " + Formats.author(v.author()) + (v.hasWeights() ? " · with weights" : "")).orElse("Not saved yet")
                + templateWeightsNote(draft));
        save.setEnabled(dirty || latest.isEmpty());
    }
}
