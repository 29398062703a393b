package dev.netwright.ui.versions;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.onnx.OnnxImportException;
import dev.netwright.projects.ModelImportService;
import dev.netwright.serving.InvalidModelException;
import dev.netwright.ui.Author;
import dev.netwright.ui.Formats;
import dev.netwright.ui.Routes;

import java.util.List;
import java.util.Locale;

/**
 * "Import ONNX…" on the versions page: an {@code .onnx} file (a PyTorch export, say) becomes the project's next version
 * with its weights, through {@link ModelImportService}. Success says "Imported as version N" with the import's notes and
 * warnings and a link to the editor; a refusal shows why (not an ONNX model, each op without a Netwright layer with its
 * node, too large). The service stores nothing when it refuses.
 */
class OnnxImportPanel extends Div {
    private final ModelImportService imports;
    private final long maxBytes;
    private final Runnable onImported;
    private final Upload upload = new Upload();
    private final Div message = new Div();
    private long projectId = -1;

    /**
     * @param maxBytes   {@code netwright.models.max-upload-size}
     * @param onImported called after a version was added (the page reloads its list)
     */
    OnnxImportPanel(ModelImportService imports, long maxBytes, Runnable onImported) {
        this.imports = imports;
        this.maxBytes = maxBytes;
        this.onImported = onImported;
        addClassName("nw-onnx-import");
        upload.setUploadHandler(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
            upload.clearFileList(); // ready for the next file
            importFile(meta.fileName(), bytes);
        }))));
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxBytes));
        upload.setAcceptedFileTypes(".onnx");
        upload.setUploadButton(new Button("Import ONNX…", VaadinIcon.UPLOAD.create()));
        upload.setDropLabel(new Span("a model as the next version, with its weights (up to " + Formats.bytes(maxBytes) + ")"));
        upload.addFileRejectedListener(e -> failed(e.getFileName() + ": " + (e.getErrorMessage().toLowerCase(Locale.ROOT).contains("big")
                ? tooLarge() : "only .onnx files can be imported"), List.of()));
        upload.addClassName("nw-onnx-upload");
        message.addClassName("nw-import-message");
        message.setVisible(false);
        add(upload, message);
    }

    void setProject(long projectId) {
        this.projectId = projectId;
        message.setVisible(false);
    }

    private void importFile(String fileName, byte[] bytes) {
        if (bytes.length > maxBytes) {
            failed(fileName + ": " + tooLarge(), List.of());
            return;
        }
        if (fileName == null || !fileName.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            failed(fileName + ": only .onnx files can be imported", List.of());
            return;
        }
        try {
            ModelImportService.ImportedVersion v = imports.importOnnx(projectId, bytes, fileName.replaceFirst("(?i)\\.onnx$", ""),
                    Author.current());
            message.removeAll();
            message.removeClassName("nw-import-failed");
            message.getElement().setAttribute("role", "status");
            message.add(new Span("Imported as version " + v.version() + " (“" + v.name() + "”), with its weights: a run of it fine-tunes them. "),
                    Routes.link("Open in the editor", Routes.editor(v.projectId())));
            List<String> lines = new java.util.ArrayList<>(v.notes());
            v.problems().forEach(p -> lines.add("Warning" + (p.nodeId() == null ? "" : " on " + p.nodeId()) + ": " + p.message()));
            if (!lines.isEmpty()) message.add(list(lines));
            message.setVisible(true);
            onImported.run();
        } catch (OnnxImportException e) {
            failed(fileName + " cannot be imported into the editor (it can still be served: upload it on the Models page):",
                    e.details().stream().map(OnnxImportException.Problem::message).toList());
        } catch (InvalidModelException | IllegalArgumentException e) {
            failed(fileName + ": " + e.getMessage(), List.of());
        }
    }

    private String tooLarge() {
        return "the file is larger than the limit of " + Formats.bytes(maxBytes) + " (netwright.models.max-upload-size); nothing was stored";
    }

    private void failed(String text, List<String> details) {
        message.removeAll();
        message.addClassName("nw-import-failed");
        message.getElement().setAttribute("role", "alert");
        message.add(new Span(text));
        if (!details.isEmpty()) message.add(list(details));
        message.setVisible(true);
    }

    private static UnorderedList list(List<String> lines) {
        UnorderedList ul = new UnorderedList();
        lines.forEach(l -> ul.add(new ListItem(l)));
        return ul;
    }
}
