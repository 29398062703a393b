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
import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.layer.LayerType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every layer type, in the groups of {@link #GROUPS}, with a search field that filters by name, description and
 * group. Click an entry to add it to the canvas ({@link AddLayerEvent}), or drag it onto the canvas (the drag carries
 * the type; the canvas reports the drop itself).
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

    /**
     * A block the palette offers: one of the design's own, or one from another saved version of the project (the
     * project's block library).
     *
     * @param origin "this design" or "version 3"
     * @param source the design it comes from (its other blocks are copied along when it uses them); null for the design's own
     */
    public record BlockItem(BlockSpec block, String origin, GraphSpec source) {
    }

    /** The user clicked a block: add an instance of it. */
    public static class AddBlockEvent extends ComponentEvent<LayerPalette> {
        private final BlockItem item;

        public AddBlockEvent(LayerPalette source, BlockItem item) {
            super(source, false);
            this.item = item;
        }

        public BlockItem getItem() {
            return item;
        }
    }

    /** The palette's groups in order; a type's group is {@link #group}. */
    public static final List<String> GROUPS = List.of("Input/Output", "Core", "Convolution", "Pooling", "Recurrent",
            "Normalization", "Regularization", "Merge", "Activation");

    private final List<Div> items = new ArrayList<>();
    private final List<Div> groups = new ArrayList<>();
    private final Span noMatch = new Span("No layer matches.");
    private final TextField filter = new TextField();
    /** The "Blocks" group: the design's blocks and the project's library; hidden while there are none. */
    private final Div blocks = new Div();
    private List<String> blockKeys = List.of();
    /** What the search field holds (the blocks, rebuilt with every design change, are filtered by it too). */
    private String query = "";

    /** The palette group of a type: Input and Output have their own; the catalog's "Activations" is "Activation". */
    public static String group(LayerType t) {
        return switch (t.type()) {
            case "Input", "Output" -> "Input/Output";
            default -> t.category().equals("Activations") ? "Activation" : t.category();
        };
    }

    public LayerPalette(List<LayerType> types) {
        addClassName("nw-palette");
        filter.setPlaceholder("Search layers");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.setWidthFull();
        filter.addValueChangeListener(e -> filter(e.getValue()));
        filter.getElement().setAttribute("aria-label", "Search layers");
        add(filter);
        blocks.addClassName("nw-palette-group");
        blocks.getElement().setAttribute("data-group", "Blocks");
        blocks.setVisible(false);
        add(blocks);

        Map<String, List<LayerType>> byGroup = new LinkedHashMap<>();
        GROUPS.forEach(g -> byGroup.put(g, new ArrayList<>()));
        types.forEach(t -> byGroup.computeIfAbsent(group(t), c -> new ArrayList<>()).add(t));
        byGroup.forEach((name, list) -> {
            if (list.isEmpty()) return;
            Div group = new Div(new H4(name));
            group.addClassName("nw-palette-group");
            group.getElement().setAttribute("data-group", name);
            list.forEach(t -> group.add(item(t, name)));
            groups.add(group);
            add(group);
        });
        noMatch.addClassName("nw-palette-empty");
        noMatch.setVisible(false);
        add(noMatch);
    }

    /** Lists {@code items} in the "Blocks" group (rebuilt only when the list changed). */
    public void setBlocks(List<BlockItem> items) {
        List<String> keys = items.stream().map(i -> i.block().name() + "\0" + i.origin() + "\0" + CanvasModel.blockSummary(i.block())).toList();
        if (keys.equals(blockKeys)) return;
        blockKeys = keys;
        blocks.removeAll();
        blocks.add(new H4("Blocks"));
        for (BlockItem b : items) {
            Span name = new Span(b.block().name());
            name.addClassName("nw-palette-name");
            Span desc = new Span(CanvasModel.blockSummary(b.block()) + " · " + b.origin());
            desc.addClassName("nw-palette-desc");
            Div item = new Div(name, desc);
            item.addClassName("nw-palette-item");
            item.addClassName("nw-cat-block");
            item.getElement().setAttribute("data-block", b.block().name());
            item.getElement().setAttribute("data-search", ("block " + b.block().name() + " " + CanvasModel.blockSummary(b.block()) + " "
                    + b.origin()).toLowerCase(Locale.ROOT));
            item.getElement().setAttribute("title", "Block " + b.block().name() + " (" + b.origin() + "): click to add an instance");
            item.getElement().setAttribute("role", "button");
            item.getElement().setAttribute("tabindex", "0");
            item.addClickListener(e -> fireEvent(new AddBlockEvent(this, b)));
            item.getElement().addEventListener("keydown", e -> fireEvent(new AddBlockEvent(this, b)))
                    .setFilter("event.key === 'Enter' || event.key === ' '");
            noScrollOnSpace(item);
            blocks.add(item);
        }
        filter(query);
    }

    /** Space on an entry adds it; it must not also scroll the palette. */
    private static void noScrollOnSpace(Div item) {
        item.getElement().executeJs("this.addEventListener('keydown', e => { if (e.key === ' ') e.preventDefault(); })");
    }

    /** The block names shown now (the search may hide some), in order (for tests). */
    public List<String> visibleBlockNames() {
        if (!blocks.isVisible()) return List.of();
        return blocks.getChildren().filter(c -> c.isVisible() && c.getElement().getAttribute("data-block") != null)
                .map(c -> c.getElement().getAttribute("data-block")).toList();
    }

    /** The block names listed now, in order (for tests). */
    public List<String> blockNames() {
        return blocks.getChildren().map(c -> c.getElement().getAttribute("data-block")).filter(java.util.Objects::nonNull).toList();
    }

    public Registration addAddBlockListener(ComponentEventListener<AddBlockEvent> listener) {
        return addListener(AddBlockEvent.class, listener);
    }

    /** Shows only the entries matching {@code text} (case-insensitive, in the name, description or group). */
    public void setFilter(String text) {
        filter.setValue(text == null ? "" : text);
    }

    /** The layer types shown now, in order (for tests). */
    public List<String> visibleTypes() {
        return items.stream().filter(Div::isVisible).map(i -> i.getElement().getAttribute("data-layer-type")).toList();
    }

    /** The groups shown now, in order, with their types. */
    public Map<String, List<String>> visibleGroups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Div g : groups) {
            if (!g.isVisible()) continue;
            out.put(g.getElement().getAttribute("data-group"), g.getChildren().filter(c -> c instanceof Div d && d.isVisible())
                    .map(c -> c.getElement().getAttribute("data-layer-type")).toList());
        }
        return out;
    }

    private Div item(LayerType t, String group) {
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
        item.getElement().setAttribute("data-search", (t.type() + " " + t.description() + " " + group).toLowerCase(Locale.ROOT));
        item.getElement().setAttribute("role", "button");
        item.getElement().setAttribute("tabindex", "0");
        item.getElement().executeJs("this.addEventListener('dragstart', e => { e.dataTransfer.setData($0, $1); "
                + "e.dataTransfer.effectAllowed = 'copy'; })", LAYER_MIME, t.type());
        item.addClickListener(e -> fireEvent(new AddLayerEvent(this, t.type())));
        item.getElement().addEventListener("keydown", e -> fireEvent(new AddLayerEvent(this, t.type())))
                .setFilter("event.key === 'Enter' || event.key === ' '");
        noScrollOnSpace(item);
        items.add(item);
        return item;
    }

    /** Shows the entries (layers and blocks) whose name, description or group hold every word of {@code text}. */
    private void filter(String text) {
        query = text == null ? "" : text;
        String q = query.trim().toLowerCase(Locale.ROOT);
        List<Div> blockItems = blocks.getChildren().filter(c -> c instanceof Div).map(c -> (Div) c).toList();
        for (Div item : java.util.stream.Stream.concat(items.stream(), blockItems.stream()).toList()) {
            String haystack = item.getElement().getAttribute("data-search");
            item.setVisible(q.isEmpty() || java.util.Arrays.stream(q.split("\\s+")).allMatch(haystack::contains));
        }
        for (Div group : groups) {
            group.setVisible(group.getChildren().anyMatch(c -> c instanceof Div d && d.isVisible()));
        }
        blocks.setVisible(blockItems.stream().anyMatch(Div::isVisible));
        noMatch.setVisible(groups.stream().noneMatch(Div::isVisible) && !blocks.isVisible());
    }

    public Registration addAddLayerListener(ComponentEventListener<AddLayerEvent> listener) {
        return addListener(AddLayerEvent.class, listener);
    }
}
