package dev.netwright.ui.data;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.netwright.data.Task;
import dev.netwright.datasets.DatasetInUseException;
import dev.netwright.datasets.DatasetService;
import dev.netwright.datasets.DatasetView;
import dev.netwright.datasets.SplitView;

import java.util.List;
import java.util.function.Consumer;

/**
 * Everything about one data set, in cards: the facts and import warnings, the class balance, the split, the
 * features, a preview of the samples and, for images, an augmentation preview. Built-in data sets are read-only.
 */
class DatasetDetail extends Div {
    private final DatasetService datasets;
    private final Consumer<SplitView> onSplitChanged;
    private final Consumer<DatasetView> onDeleted;

    /**
     * @param onSplitChanged the shown data set has a new split
     * @param onDeleted      the shown data set was deleted
     */
    DatasetDetail(DatasetService datasets, Consumer<SplitView> onSplitChanged, Consumer<DatasetView> onDeleted) {
        this.datasets = datasets;
        this.onSplitChanged = onSplitChanged;
        this.onDeleted = onDeleted;
        addClassName("nw-data-detail");
        showNothing();
    }

    void showNothing() {
        removeAll();
        Paragraph empty = new Paragraph("Select a data set to see its samples, classes and split.");
        empty.addClassName("nw-empty-page");
        add(empty);
    }

    void show(DatasetView d) {
        removeAll();
        add(header(d));
        add(card("Summary", new DatasetSummary(d)));
        if (d.task() != Task.REGRESSION && !d.classes().isEmpty()) add(card("Class balance", classBalance(d)));
        add(card("Split", new SplitPanel(datasets, d, onSplitChanged)));
        add(card(d.featureShape().size() == 3 ? "Pixel statistics" : "Features", new FeaturePanel(d)));
        add(card("Preview", new PreviewPanel(datasets.preview(d.id(), 50))));
        if (d.kind().equals("images")) add(card("Augmentation preview", new AugmentationPanel(datasets, d)));
    }

    private Div header(DatasetView d) {
        H3 title = new H3(d.name());
        Div badges = new Div(badge(d.kind(), "contrast"), badge(DataTexts.taskShort(d.task()), "contrast"));
        if (d.builtin()) badges.add(badge("built-in", ""));
        badges.addClassName("nw-badges");
        Div heading = new Div(title, badges);
        heading.addClassName("nw-data-heading");
        Div header = new Div(heading);
        header.addClassName("nw-data-header");
        if (!d.builtin()) {
            Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> confirmDelete(d));
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            header.add(delete);
        }
        Div out = new Div(header);
        if (d.description() != null && !d.description().isBlank()) {
            Paragraph about = new Paragraph(d.description());
            about.addClassName("nw-lead");
            out.add(about);
        }
        return out;
    }

    private static DataChart classBalance(DatasetView d) {
        DataChart chart = new DataChart();
        chart.addClassName("nw-class-chart");
        List<Integer> counts = d.classCounts().subList(0, Math.min(d.classes().size(), d.classCounts().size()));
        chart.setBar(d.classes().subList(0, counts.size()), counts);
        return chart;
    }

    private void confirmDelete(DatasetView d) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + d.name() + "?",
                "The data set and its " + DataTexts.samples(d.size()) + " are removed. Runs that trained on it keep it from being deleted.",
                "Delete", e -> delete(d));
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private void delete(DatasetView d) {
        try {
            datasets.delete(d.id());
            Notification.show("Deleted " + d.name(), 3000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            onDeleted.accept(d);
        } catch (DatasetInUseException | IllegalArgumentException e) {
            Notification n = Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static Card card(String title, Component content) {
        Card card = new Card();
        card.setTitle(title);
        card.addThemeVariants(CardVariant.LUMO_OUTLINED);
        card.add(content);
        card.addClassName("nw-data-card");
        return card;
    }

    private static Span badge(String text, String theme) {
        Span s = new Span(text);
        s.getElement().getThemeList().add(("badge small " + theme).trim());
        return s;
    }
}
