package dev.netwright.ui.models;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.config.ModelLimits;
import dev.netwright.serving.InvalidModelException;
import dev.netwright.serving.ModelRegistry;
import dev.netwright.serving.ModelView;
import dev.netwright.ui.Formats;
import dev.netwright.ui.MainLayout;
import dev.netwright.ui.Routes;

import java.util.Locale;

/**
 * {@code /models}: every registered model (trained by a run or uploaded) with its source, stage, date and size, and an
 * upload for {@code .onnx} files; a click opens the model's page. What is wrong with an upload is shown above the list.
 */
@Route(value = "models", layout = MainLayout.class)
@PageTitle("Models · Netwright")
@CssImport("./src/models/models.css")
public class ModelsView extends Div {
    private final ModelRegistry registry;
    private final Grid<ModelView> grid = new Grid<>(ModelView.class, false);
    private final Div error = new Div();

    public ModelsView(ModelRegistry registry, ModelLimits limits) {
        this.registry = registry;
        addClassName("nw-page");
        addClassName("nw-models-page");

        H2 title = new H2("Models");
        Paragraph lead = new Paragraph("The models the server can serve: the ones finished runs exported and uploaded ONNX files. "
                + "Open one to see its signature, try it, follow its latency and predict a whole data set.");
        lead.addClassName("nw-lead");

        long max = limits.maxUploadSize().asLongValue();
        Upload upload = new Upload();
        upload.setUploadHandler(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
            upload.clearFileList(); // ready for the next file
            register(meta.fileName(), bytes);
        }))));
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, max));
        upload.setAcceptedFileTypes(".onnx");
        Button uploadButton = new Button("Upload .onnx…", VaadinIcon.UPLOAD.create());
        upload.setUploadButton(uploadButton);
        upload.setDropLabel(new Span("or drop an ONNX file here (up to " + bytes(max) + ")"));
        upload.addFileRejectedListener(e -> showError(e.getFileName() + ": " + e.getErrorMessage()));
        upload.addClassName("nw-models-upload");

        error.addClassName("nw-form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);

        grid.addColumn(ModelView::name).setHeader("Name").setFlexGrow(2).setSortable(true);
        grid.addColumn(m -> m.runId() == null ? "upload" : "run " + m.runId()).setHeader("Source").setAutoWidth(true);
        grid.addColumn(ModelView::stage).setHeader("Stage").setAutoWidth(true).setSortable(true);
        grid.addColumn(m -> Formats.dateTime(m.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(m -> m.sizeBytes() == null ? "–" : bytes(m.sizeBytes())).setHeader("Size").setAutoWidth(true);
        grid.addColumn(ModelsView::inputs).setHeader("Inputs").setFlexGrow(2);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addItemClickListener(e -> Routes.navigate(Routes.model(e.getItem().id())));
        grid.setAllRowsVisible(true);
        grid.addClassName("nw-models-grid");
        grid.setEmptyStateText("No models yet: train one in a project, or upload an ONNX file.");

        Div header = new Div(new Div(title, lead), upload);
        header.addClassName("nw-models-header");
        add(header, error, grid);
        refresh();
    }

    private void register(String fileName, byte[] bytes) {
        try {
            if (fileName == null || !fileName.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                throw new IllegalArgumentException("only .onnx files can be registered");
            }
            ModelView m = registry.upload(bytes, null, fileName);
            error.setVisible(false);
            Routes.navigate(Routes.model(m.id()));
        } catch (InvalidModelException | IllegalArgumentException e) {
            showError(fileName + ": " + e.getMessage());
        }
    }

    private void refresh() {
        grid.setItems(registry.list(null, null));
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    private static String inputs(ModelView m) {
        if (m.signature() == null) return "–";
        return String.join(", ", m.signature().inputs().stream().map(i -> i.name() + " " + i.describeShape()).toList());
    }

    /** 1536 → "1.5 KB". */
    static String bytes(long n) {
        return Formats.bytes(n);
    }
}
