package dev.netwright.ui.editor;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.graph.GraphSpec;
import dev.netwright.projects.GraphJson;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Imports a design from its JSON ({@code docs/graph-format.md}): pasted, or read from an uploaded file into the
 * same text area. A document that is not a graph is refused here with the reason, and the design on the canvas stays
 * as it was; a graph is handed to {@code onImport} (the editor replaces the design as one undoable step and pins the
 * graph's problems on its nodes).
 */
class ImportDialog extends Dialog {
    /** The largest file the upload takes (a 300-layer design is about 60 KB). */
    static final int MAX_BYTES = 4 << 20;

    private final TextArea json = new TextArea("Graph JSON");
    private final Consumer<GraphSpec> onImport;

    ImportDialog(Consumer<GraphSpec> onImport) {
        this.onImport = onImport;
        setHeaderTitle("Import a design");
        addClassName("nw-import-dialog");
        setWidth("640px");

        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() ->
                json.setValue(new String(bytes, StandardCharsets.UTF_8))))));
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_BYTES);
        upload.setDropAllowed(true);
        upload.setWidthFull();

        json.setWidthFull();
        json.setMinHeight("220px");
        json.setMaxHeight("420px");
        json.setPlaceholder("{\"format\": \"netwright.graph\", \"version\": 1, \"nodes\": [...], \"edges\": [...]}");
        json.setHelperText("Paste a design exported with Export JSON (or upload its file above). The current design is "
                + "replaced; Undo brings it back.");
        Paragraph note = new Paragraph("The design's problems are shown on its layers after the import.");
        note.addClassName("nw-dialog-hint");
        add(new Div(upload), json, note);

        Button cancel = new Button("Cancel", e -> close());
        Button importButton = new Button("Import", VaadinIcon.UPLOAD.create(), e -> submit());
        importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(cancel, importButton);
    }

    /** Parses the text; on success hands the graph on and closes, else shows why on the text area and stays open. */
    void submit() {
        Optional<GraphSpec> graph = parse(json.getValue());
        if (graph.isEmpty()) return;
        close();
        onImport.accept(graph.get());
    }

    /** The graph in {@code text}; empty (with the reason shown on the field) when it is not one this server reads. */
    Optional<GraphSpec> parse(String text) {
        String error = null;
        GraphSpec g = null;
        if (text == null || text.isBlank()) {
            error = "Paste a design's JSON first.";
        } else {
            try {
                g = GraphJson.parseDocument(text);
                error = idProblem(g);
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        json.setErrorMessage(error);
        json.setInvalid(error != null);
        return error == null ? Optional.of(g) : Optional.empty();
    }

    /**
     * Why the editor cannot hold {@code g} without losing part of it (it keys nodes and edges by id), or null: a
     * missing or repeated id.
     */
    static String idProblem(GraphSpec g) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var n : g.nodes()) {
            if (n.id() == null || n.id().isBlank()) return "A node has no id (type " + n.type() + ").";
            if (!seen.add(n.id())) return "Two nodes have the id '" + n.id() + "'.";
        }
        seen.clear();
        for (var e : g.edges()) {
            if (e.id() == null || e.id().isBlank()) return "An edge has no id.";
            if (!seen.add(e.id())) return "Two edges have the id '" + e.id() + "'.";
        }
        return null;
    }

    void setText(String text) {
        json.setValue(text);
    }

    String getError() {
        return json.isInvalid() ? json.getErrorMessage() : null;
    }
}
