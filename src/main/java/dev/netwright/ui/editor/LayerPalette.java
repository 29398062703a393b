package dev.netwright.ui.editor;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import dev.netwright.graph.layer.LayerType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layer types grouped by category. Click an entry to add it to the canvas ({@link AddLayerEvent}), or
 * drag it onto the canvas (the drag carries the type; the canvas reports the drop itself).
 */
public class LayerPalette extends Div {
    /** The drag-and-drop data type; the same string as LAYER_MIME in network-canvas/model.ts. */
    static final String LAYER_MIME = "application/x-netwright-layer";

    /** The user clicked a layer type. */
    public static class AddLayerEvent extends ComponentEvent<LayerPalette> {
        private final String type;

        public AddLayerEvent(LayerPalette source, String type) {
            super(source, false);
            this.type = type;
        }

        public String getType() {
            return type;
        }
    }

    private final List<Div> items = new ArrayList<>();
    private final List<Div> groups = new ArrayList<>();

    public LayerPalette(List<LayerType> types) {
        addClassName("nw-palette");
        TextField filter = new TextField();
        filter.setPlaceholder("Filter layers");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.setWidthFull();
        filter.addValueChangeListener(e -> filter(e.getValue()));
        filter.getElement().setAttribute("aria-label", "Filter layers");
        add(filter);

        Map<String, List<LayerType>> byCategory = new LinkedHashMap<>();
        types.forEach(t -> byCategory.computeIfAbsent(t.category(), c -> new ArrayList<>()).add(t));
        byCategory.forEach((category, list) -> {
            Div group = new Div(new H4(category));
            group.addClassName("nw-palette-group");
            list.forEach(t -> group.add(item(t)));
            groups.add(group);
            add(group);
        });
    }

    private Div item(LayerType t) {
        Span name = new Span(t.type());
        name.addClassName("nw-palette-name");
        Span desc = new Span(t.description());
        desc.addClassName("nw-palette-desc");
        Div item = new Div(name, desc);
        item.addClassName("nw-palette-item");
        item.addClassName("nw-cat-" + t.category().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        item.getElement().setAttribute("title", t.type() + ": " + t.description() + "\nClick to add, or drag onto the canvas.");
        item.getElement().setAttribute("draggable", "true");
        item.getElement().setAttribute("data-layer-type", t.type());
        item.getElement().setAttribute("role", "button");
        item.getElement().setAttribute("tabindex", "0");
        item.getElement().executeJs("this.addEventListener('dragstart', e => { e.dataTransfer.setData($0, $1); "
                + "e.dataTransfer.effectAllowed = 'copy'; })", LAYER_MIME, t.type());
        item.addClickListener(e -> fireEvent(new AddLayerEvent(this, t.type())));
        item.getElement().addEventListener("keydown", e -> fireEvent(new AddLayerEvent(this, t.type())))
                .setFilter("event.key === 'Enter' || event.key === ' '");
        items.add(item);
        return item;
    }

    private void filter(String text) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Div item : items) {
            String type = item.getElement().getAttribute("data-layer-type").toLowerCase(Locale.ROOT);
            String title = item.getElement().getAttribute("title").toLowerCase(Locale.ROOT);
            item.setVisible(q.isEmpty() || type.contains(q) || title.contains(q));
        }
        for (Div group : groups) {
            group.setVisible(group.getChildren().anyMatch(c -> c instanceof Div d && d.isVisible()));
        }
    }

    public Registration addAddLayerListener(ComponentEventListener<AddLayerEvent> listener) {
        return addListener(AddLayerEvent.class, listener);
    }
}
