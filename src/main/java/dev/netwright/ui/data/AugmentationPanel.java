package dev.netwright.ui.data;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import dev.netwright.data.Augmentation;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.datasets.Previews;

/**
 * Tries data augmentation on one image before training with it: flips, shifts, rotations and noise applied to a
 * sample, eight times, next to the original. Warnings say when a transform may change what the image shows
 * (a flipped "b" is a "d").
 */
class AugmentationPanel extends Div {
    private static final int COPIES = 8;

    private final DatasetService datasets;
    private final DatasetView dataset;
    private final Checkbox flip = new Checkbox("Horizontal flip");
    private final IntegerField shift = new IntegerField("Shift");
    private final NumberField rotation = new NumberField("Rotation");
    private final NumberField noise = new NumberField("Noise std");
    private final IntegerField sample = new IntegerField("Sample");
    private final Div warnings = new Div();
    private final Div error = new Div();
    private final Div result = new Div();

    AugmentationPanel(DatasetService datasets, DatasetView dataset) {
        this.datasets = datasets;
        this.dataset = dataset;
        addClassName("nw-augmentation");
        shift.setValue(2);
        shift.setMin(0);
        shift.setMax(Math.max(0, dataset.featureShape().getLast() / 2));
        shift.setSuffixComponent(new Span("px"));
        shift.setHelperText("up to, in each direction");
        rotation.setValue(10.0);
        rotation.setMin(0);
        rotation.setMax(Augmentation.MAX_ROTATION_DEGREES);
        rotation.setSuffixComponent(new Span("°"));
        rotation.setHelperText("up to, either way");
        noise.setValue(0.0);
        noise.setMin(0);
        noise.setMax(Augmentation.MAX_NOISE_STD);
        noise.setStep(0.01);
        noise.setHelperText("Gaussian, per pixel");
        sample.setValue(0);
        sample.setMin(0);
        sample.setMax(dataset.size() - 1);
        sample.setHelperText("0 to " + (dataset.size() - 1));
        Button preview = new Button("Preview", VaadinIcon.EYE.create(), e -> preview());
        Div form = new Div(flip, shift, rotation, noise, sample, preview);
        form.addClassName("nw-augmentation-form");

        warnings.addClassName("nw-warning-box");
        warnings.getElement().setAttribute("role", "alert");
        warnings.setVisible(false);
        error.addClassName("nw-form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        result.addClassName("nw-augmentation-result");
        add(form, warnings, error, result);
    }

    private void preview() {
        error.setVisible(false);
        try {
            Augmentation a = new Augmentation(flip.getValue(), orZero(shift.getValue()), orZero(rotation.getValue()), orZero(noise.getValue()));
            Previews.AugmentationPreview p = datasets.augmentationPreview(dataset.id(), orZero(sample.getValue()), a, COPIES, 1);
            show(p);
        } catch (IllegalArgumentException e) {
            result.removeAll();
            warnings.setVisible(false);
            error.setText(e.getMessage());
            error.setVisible(true);
        }
    }

    private void show(Previews.AugmentationPreview p) {
        warnings.removeAll();
        if (!p.warnings().isEmpty()) {
            UnorderedList list = new UnorderedList();
            p.warnings().forEach(w -> list.add(new ListItem(w)));
            warnings.add(new Span("Careful: this augmentation may change the label"), list);
        }
        warnings.setVisible(!p.warnings().isEmpty());

        result.removeAll();
        Div original = new Div(PreviewPanel.image(p.original(), "sample " + p.sample() + ": " + p.label()), caption("original · " + p.label()));
        original.addClassName("nw-augmentation-original");
        Div copies = new Div();
        copies.addClassName("nw-image-row");
        for (int i = 0; i < p.augmented().size(); i++) copies.add(PreviewPanel.image(p.augmented().get(i), "augmented copy " + (i + 1)));
        Div augmented = new Div(copies, caption(p.augmented().size() + " augmented copies"));
        result.add(original, augmented);
    }

    private static Span caption(String text) {
        Span s = new Span(text);
        s.addClassName("nw-cell-secondary");
        return s;
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }
}
