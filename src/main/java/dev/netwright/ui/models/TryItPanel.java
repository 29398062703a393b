package dev.netwright.ui.models;

import dev.netwright.serving.ImageInput;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.netwright.serving.InputTensor;
import dev.netwright.serving.ModelRegistry;
import dev.netwright.serving.ModelSignature;
import dev.netwright.serving.ServingException;
import dev.netwright.serving.TensorValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Try it" on the model page: a form that fits the model's signature ({@link InputPlan}). Image models get a drawing
 * pad (each stroke predicts) and a picture upload; small inputs get number fields; the outputs appear below
 * ({@link OutputPanel}). Predictions go through the registry, so they count in the model's latency statistics.
 */
final class TryItPanel extends Div {
    private final ModelRegistry registry;
    private final long modelId;
    private final List<String> classLabels;
    private final Runnable afterPredict;
    private final InputPlan plan;
    private final OutputPanel outputs = new OutputPanel();
    /** TABLE: the fields of each input, row-major. */
    private final Map<String, List<TextField>> fields = new LinkedHashMap<>();
    /** IMAGE: what the pad shows. */
    private double[] image;

    /** @param afterPredict called after each prediction (to refresh the latency statistics) */
    TryItPanel(ModelRegistry registry, long modelId, ModelSignature signature, Runnable afterPredict) {
        this.registry = registry;
        this.modelId = modelId;
        this.classLabels = signature == null ? null : signature.classLabels();
        this.afterPredict = afterPredict;
        this.plan = InputPlan.of(signature);
        addClassName("nw-model-try");
        switch (plan.kind()) {
            case IMAGE -> buildImage();
            case TABLE -> buildTable();
            case NONE -> {
                Paragraph p = new Paragraph(plan.reason() + ". POST /api/models/" + modelId + "/predict takes named tensors for any model.");
                p.addClassName("nw-model-hint");
                add(p);
            }
        }
        add(outputs);
    }

    // ---- image models

    private void buildImage() {
        InputPlan.Tensor t = plan.tensors().getFirst();
        int side = plan.side();
        image = new double[side * side];
        DrawPad pad = new DrawPad(side);
        pad.addPadChangedListener(e -> {
            if (e.values().length != image.length) return;
            image = e.values();
            if (e.ink()) predictImage();
            else outputs.clear();
        });
        Checkbox invert = new Checkbox("Invert light pictures (the model expects light ink on black, as MNIST)", true);
        Div uploadError = new Div();
        uploadError.addClassName("nw-form-error");
        uploadError.setVisible(false);
        Upload upload = new Upload();
        upload.setUploadHandler(UploadHandler.inMemory((meta, bytes) -> {
            Runnable show = () -> {
                upload.clearFileList(); // ready for the next picture
                try {
                    image = ImageInput.read(bytes, side, invert.getValue());
                    uploadError.setVisible(false);
                    pad.setValues(image);
                    predictImage();
                } catch (IllegalArgumentException e) {
                    uploadError.setText(meta.fileName() + ": " + e.getMessage());
                    uploadError.setVisible(true);
                }
            };
            getUI().ifPresent(ui -> ui.access(show::run));
        }));
        upload.setMaxFiles(1);
        upload.setMaxFileSize(16 * 1024 * 1024);
        upload.setAcceptedFileTypes("image/png", "image/jpeg", "image/gif", "image/bmp", ".png", ".jpg", ".jpeg", ".gif", ".bmp");
        upload.setUploadButton(new Button("Upload a picture…"));
        upload.setDropLabel(new Span("or drop one here"));
        upload.addFileRejectedListener(e -> {
            uploadError.setText(e.getFileName() + ": " + e.getErrorMessage());
            uploadError.setVisible(true);
        });
        Paragraph hint = new Paragraph("Draw a digit (each stroke predicts), or upload a picture: it becomes " + side + "×" + side
                + " grey levels in 0..1 and feeds input '" + t.name() + "' " + t.shapeText() + ".");
        hint.addClassName("nw-model-hint");
        Button predict = new Button("Predict", e -> predictImage());
        predict.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div pictures = new Div(upload, invert, uploadError);
        pictures.addClassName("nw-model-picture");
        Div row = new Div(pad, pictures);
        row.addClassName("nw-model-image-row");
        add(hint, row, predict);
    }

    private void predictImage() {
        InputPlan.Tensor t = plan.tensors().getFirst();
        predict(Map.of(t.name(), new InputTensor(t.batchOfOne(), image.clone())));
    }

    // ---- small inputs

    private void buildTable() {
        Div form = new Div();
        form.addClassName("nw-model-fields");
        for (InputPlan.Tensor t : plan.tensors()) {
            Span title = new Span(t.name() + " " + t.shapeText() + " · " + t.elementType());
            title.addClassName("nw-output-title");
            Div grid = new Div();
            grid.addClassName("nw-model-field-grid");
            grid.getStyle().set("grid-template-columns", "repeat(" + Math.min(t.cols(), 6) + ", minmax(8em, 11em))");
            List<TextField> list = new ArrayList<>();
            for (int r = 0; r < t.rows(); r++) {
                for (int c = 0; c < t.cols(); c++) {
                    String index = t.rows() == 1 ? "[" + c + "]" : "[" + r + "][" + c + "]";
                    TextField f = new TextField();
                    f.setAriaLabel(t.name() + index);
                    f.setPlaceholder(index);
                    f.setValue("0");
                    f.setAllowedCharPattern("[0-9eE+\\-.]");
                    f.addThemeName("small");
                    f.setErrorMessage("a number");
                    list.add(f);
                    grid.add(f);
                }
            }
            fields.put(t.name(), list);
            form.add(title, grid);
        }
        Button predict = new Button("Predict", e -> predictTable());
        predict.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        predict.addClickShortcut(Key.ENTER).listenOn(form);
        add(form, predict);
    }

    private void predictTable() {
        Map<String, InputTensor> inputs = new LinkedHashMap<>();
        boolean ok = true;
        for (InputPlan.Tensor t : plan.tensors()) {
            List<TextField> list = fields.get(t.name());
            double[] v = new double[list.size()];
            for (int i = 0; i < v.length; i++) {
                Optional<Double> x = number(list.get(i).getValue());
                list.get(i).setInvalid(x.isEmpty());
                ok &= x.isPresent();
                v[i] = x.orElse(0.0);
            }
            inputs.put(t.name(), new InputTensor(t.batchOfOne(), v));
        }
        if (ok) predict(inputs);
        else outputs.showError("Every field needs a number");
    }

    static Optional<Double> number(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---- both

    private void predict(Map<String, InputTensor> inputs) {
        try {
            Optional<Map<String, TensorValue>> y = registry.predict(modelId, inputs);
            if (y.isEmpty()) outputs.showError("Model " + modelId + " is no longer registered");
            else outputs.show(y.get(), classLabels);
        } catch (IllegalArgumentException | ServingException e) {
            outputs.showError(e.getMessage());
        }
        afterPredict.run();
    }
}
