package dev.netwright.ui.data;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import dev.netwright.data.io.DataImportException;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.datasets.Imports;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Uploads files and imports them as a data set of the project. Files stream to temporary files while the
 * {@link Upload} shows their progress; "Import" parses them in the background (a 60,000-image IDX set takes seconds)
 * behind a progress bar, and the temporary files are deleted afterwards, whatever happened. What is wrong with a
 * file is shown in the dialog, which stays open.
 */
class UploadDialog extends Dialog {
    private static final Logger LOG = Logger.getLogger(UploadDialog.class);
    private static final String OWN_DIR_PREFIX = "netwright-upload-";

    /** A file that has arrived. */
    private record Received(String fileName, Path path) {
    }

    private final DatasetService datasets;
    private final long projectId;
    private final Consumer<DatasetView> onImported;
    /** Arrived files by name, in the order they came. */
    private final Map<String, Received> files = new LinkedHashMap<>();

    private final Upload upload;
    private final Span fileFields = new Span();
    private final Select<UploadFiles.Format> format = new Select<>();
    private final ImportOptionsForm options = new ImportOptionsForm();
    private final TextField name = new TextField("Name");
    private final SplitChooser split = new SplitChooser(true);
    private final Div error = new Div();
    private final Div progress = new Div();
    private final Button cancel = new Button("Cancel");
    private final Button importButton = new Button("Import", VaadinIcon.UPLOAD.create());
    private int uploading;
    private boolean importing;

    /**
     * @param maxFileSize largest file the upload takes, in bytes
     * @param onImported  called with the new data set once the import succeeded (the dialog has closed)
     */
    UploadDialog(DatasetService datasets, long projectId, long maxFileSize, Consumer<DatasetView> onImported) {
        this.datasets = datasets;
        this.projectId = projectId;
        this.onImported = onImported;
        setHeaderTitle("Upload a data set");
        addClassName("nw-data-dialog");
        setWidth("640px");

        upload = new Upload(UploadHandler.toTempFile(this::received)
                .whenStart(() -> changeUploading(1))
                .whenComplete(ok -> {
                    if (!ok) changeUploading(-1);
                }));
        upload.setMaxFiles(4);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxFileSize));
        upload.setDropAllowed(true);
        upload.setWidthFull();
        upload.addFileRemovedListener(e -> forget(e.getFileName()));
        upload.addFileRejectedListener(e -> showError(e.getFileName() + ": " + e.getErrorMessage()));
        Paragraph formats = new Paragraph("CSV or TSV; IDX files as in MNIST (images and labels, optionally the t10k test files too, "
                + ".gz or not); or a zip with one folder of images per class. Up to " + DataTexts.bytes(maxFileSize) + " per file.");
        formats.addClassName("nw-dialog-hint");
        fileFields.addClassName("nw-file-fields");

        format.setLabel("Format");
        format.setItems(UploadFiles.Format.values());
        format.setItemLabelGenerator(f -> f.label);
        format.setValue(UploadFiles.Format.CSV);
        format.addValueChangeListener(e -> {
            options.show(e.getValue());
            showFileFields();
        });
        name.setPlaceholder("the file's name");
        name.setMaxLength(200);
        name.setWidthFull();

        error.addClassName("nw-form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        progress.add(new Span("Importing…"), bar);
        progress.addClassName("nw-import-progress");
        progress.setVisible(false);

        Div settings = new Div(format, name);
        settings.addClassName("nw-dialog-row");
        add(upload, formats, fileFields, settings, options, split, error, progress);

        cancel.addClickListener(e -> close());
        importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        importButton.addClickListener(e -> startImport());
        getFooter().add(cancel, importButton);
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) discardFiles();
        });
        addDetachListener(e -> discardFiles());
        updateButtons();
    }

    // ---- files arriving

    /** A file has arrived in a temporary file (runs with the page locked). */
    private void received(UploadMetadata meta, File file) {
        changeUploading(-1);
        String fileName = meta.fileName();
        if (!isOpened()) {
            deleteQuietly(file.toPath());
            return;
        }
        if (!UploadFiles.accepted(fileName)) {
            deleteQuietly(file.toPath());
            showError("'" + fileName + "' cannot be imported: upload .csv, .tsv, .txt, .zip or IDX files (…-ubyte, also .gz)");
            return;
        }
        Received old = files.put(fileName, new Received(fileName, withOwnName(file.toPath(), fileName)));
        if (old != null) deleteQuietly(old.path());
        if (files.size() == 1) format.setValue(UploadFiles.guessFormat(fileName));
        hideError();
        showFileFields();
        updateButtons();
    }

    private void forget(String fileName) {
        Received r = files.remove(fileName);
        if (r != null) deleteQuietly(r.path());
        showFileFields();
        updateButtons();
    }

    private void changeUploading(int delta) {
        uploading = Math.max(0, uploading + delta);
        updateButtons();
    }

    /** For IDX: which file became which part, so that a misnamed file is noticed before the import. */
    private void showFileFields() {
        fileFields.setVisible(false);
        if (files.isEmpty() || format.getValue() != UploadFiles.Format.IDX) return;
        List<String> parts = new ArrayList<>();
        for (String f : files.keySet()) parts.add(f + " → " + UploadFiles.describe(UploadFiles.idxField(f)));
        fileFields.setText(String.join(" · ", parts));
        fileFields.setVisible(true);
    }

    // ---- import

    private void startImport() {
        hideError();
        UploadFiles.Format f = format.getValue();
        Map<String, Received> byField = new LinkedHashMap<>();
        Map<String, String> opts;
        try {
            UploadFiles.fields(f, new ArrayList<>(files.keySet())).forEach((field, fileName) -> byField.put(field, files.get(fileName)));
            opts = new LinkedHashMap<>(options.options(f));
            opts.putAll(split.asOptions());
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
            return;
        }
        List<Received> taken = new ArrayList<>(files.values());
        files.clear();
        setImporting(true);
        String title = name.getValue();
        Background.run(UI.getCurrent(), () -> importFiles(f.id, title, byField, opts, taken), this::imported, this::failed);
    }

    /** Runs in the background: hashes the files (for the provenance), imports them, deletes them. */
    private DatasetView importFiles(String formatId, String title, Map<String, Received> byField, Map<String, String> opts,
                                    List<Received> taken) {
        try {
            Map<String, Imports.Upload> uploads = new LinkedHashMap<>();
            byField.forEach((field, r) -> uploads.put(field, Imports.Upload.of(r.fileName(), r.path())));
            return datasets.importFiles(projectId, new Imports.Request(formatId, title, uploads, opts));
        } finally {
            taken.forEach(r -> deleteQuietly(r.path()));
        }
    }

    private void imported(DatasetView view) {
        setImporting(false);
        upload.clearFileList();
        close();
        onImported.accept(view);
    }

    private void failed(RuntimeException e) {
        setImporting(false);
        upload.clearFileList();
        boolean expected = e instanceof DataImportException || e instanceof IllegalArgumentException;
        if (!expected) LOG.error("Import failed unexpectedly", e);
        showError(expected ? e.getMessage() : "The import failed: " + e.getMessage());
        Span hint = new Span("The uploaded files were discarded: add them again to retry.");
        hint.addClassName("nw-error-hint");
        error.add(hint);
    }

    // ---- state

    private void setImporting(boolean on) {
        importing = on;
        progress.setVisible(on);
        upload.setEnabled(!on);
        setCloseOnEsc(!on);
        setCloseOnOutsideClick(!on);
        updateButtons();
    }

    private void updateButtons() {
        importButton.setEnabled(!importing && uploading == 0 && !files.isEmpty());
        cancel.setEnabled(!importing);
    }

    private void showError(String message) {
        error.removeAll();
        error.add(new Span(message));
        error.setVisible(true);
        error.scrollIntoView();
    }

    private void hideError() {
        error.setVisible(false);
    }

    private void discardFiles() {
        files.values().forEach(r -> deleteQuietly(r.path()));
        files.clear();
    }

    /**
     * Moves a temporary upload into a directory of its own under the name the user gave it, so that what the
     * importers say about the file ("Cannot read flowers.csv: ...") names the file the user knows.
     */
    private static Path withOwnName(Path temp, String fileName) {
        try {
            Path dir = Files.createTempDirectory(OWN_DIR_PREFIX);
            return Files.move(temp, dir.resolve(UploadFiles.safeName(fileName)));
        } catch (IOException e) {
            LOG.warnf("Keeping the upload %s under its temporary name: %s", temp, e.getMessage());
            return temp;
        }
    }

    /** Deletes a temporary upload, and the directory {@link #withOwnName} made for it. */
    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
            Path dir = p.getParent();
            if (dir != null && dir.getFileName().toString().startsWith(OWN_DIR_PREFIX)) Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warnf("Could not delete the temporary upload %s: %s", p, e.getMessage());
        }
    }
}
