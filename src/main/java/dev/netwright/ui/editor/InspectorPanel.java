package dev.netwright.ui.editor;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphFix;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;
import dev.netwright.graph.layer.ParamDef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Shows the selected layer (or connection): what it is, its output shape, its problems and one field per
 * parameter. Edits go out as {@link ParamChangeEvent}s; deleting as {@link DeleteNodeEvent} /
 * {@link DeleteEdgeEvent}. Showing the same node again only refreshes the values, so a field being typed
 * in keeps its focus.
 */
public class InspectorPanel extends Div {

    /**
     * A parameter of a layer was edited; {@code value} is already typed for {@code NodeSpec.params}. {@code block}
     * names the block whose definition holds the layer (an instance's inspector: every instance changes), or is null
     * for a layer of the design.
     */
    public static class ParamChangeEvent extends ComponentEvent<InspectorPanel> {
        private final String block;
        private final String nodeId;
        private final String param;
        private final Object value;

        public ParamChangeEvent(InspectorPanel source, String nodeId, String param, Object value) {
            this(source, null, nodeId, param, value);
        }

        public ParamChangeEvent(InspectorPanel source, String block, String nodeId, String param, Object value) {
            super(source, false);
            this.block = block;
            this.nodeId = nodeId;
            this.param = param;
            this.value = value;
        }

        /** The block whose layer this is, or null for a layer of the design. */
        public String getBlock() {
            return block;
        }

        /** The layer's id (inside the block when {@link #getBlock} is set). */
        public String getNodeId() {
            return nodeId;
        }

        public String getParam() {
            return param;
        }

        public Object getValue() {
            return value;
        }
    }

    public static class ApplyFixEvent extends ComponentEvent<InspectorPanel> {
        private final String nodeId;
        private final GraphFix fix;

        public ApplyFixEvent(InspectorPanel source, String nodeId, GraphFix fix) {
            super(source, false);
            this.nodeId = nodeId;
            this.fix = fix;
        }

        public String getNodeId() {
            return nodeId;
        }

        public GraphFix getFix() {
            return fix;
        }
    }

    public static class DeleteNodeEvent extends ComponentEvent<InspectorPanel> {
        private final String nodeId;

        public DeleteNodeEvent(InspectorPanel source, String nodeId) {
            super(source, false);
            this.nodeId = nodeId;
        }

        public String getNodeId() {
            return nodeId;
        }
    }

    public static class DeleteEdgeEvent extends ComponentEvent<InspectorPanel> {
        private final String edgeId;

        public DeleteEdgeEvent(InspectorPanel source, String edgeId) {
            super(source, false);
            this.edgeId = edgeId;
        }

        public String getEdgeId() {
            return edgeId;
        }
    }

    private final H3 title = new H3();
    private final Span badge = new Span();
    private final Paragraph description = new Paragraph();
    private final Div facts = new Div();
    private final UnorderedList problems = new UnorderedList();
    private final Div plot = new Div();
    private String plotSvg;
    private final Div fields = new Div();
    private final Button delete = new Button();
    private final Map<String, ParamFields.Binding> bindings = new LinkedHashMap<>();
    private String nodeId;
    private String nodeType;
    private String edgeId;
    /** For a block instance: its definition's name and layers, as the fields were built for them; else null. */
    private String blockKey;

    public InspectorPanel() {
        addClassName("nw-inspector");
        badge.getElement().getThemeList().add("badge contrast small");
        Div header = new Div(title, badge);
        header.addClassName("nw-inspector-header");
        description.addClassName("nw-inspector-description");
        facts.addClassName("nw-inspector-facts");
        problems.addClassName("nw-inspector-problems");
        plot.addClassName("nw-inspector-plot");
        fields.addClassName("nw-inspector-fields");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.setIcon(VaadinIcon.TRASH.create());
        delete.addClickListener(e -> {
            if (nodeId != null) fireEvent(new DeleteNodeEvent(this, nodeId));
            else if (edgeId != null) fireEvent(new DeleteEdgeEvent(this, edgeId));
        });
        add(header, description, facts, problems, plot, fields, delete);
        showNothing();
    }

    /** Empty state: nothing selected. */
    public void showNothing() {
        nodeId = null;
        nodeType = null;
        blockKey = null;
        edgeId = null;
        bindings.clear();
        fields.removeAll();
        title.setText("Inspector");
        badge.setVisible(false);
        description.setText("Select a layer on the canvas to see its output shape and edit its parameters.");
        facts.removeAll();
        problems.removeAll();
        problems.setVisible(false);
        showPlot(null);
        delete.setVisible(false);
    }

    /** Shows a layer without its FLOPs. */
    public void showNode(NodeSpec node, LayerType type, String shape, Long parameters, List<GraphProblem> nodeProblems) {
        showNode(node, type, shape, parameters, null, nodeProblems);
    }

    /**
     * Shows a layer. {@code type} is null for an unknown type (then only its problems are shown). A problem with a
     * suggested fix gets a button ({@link ApplyFixEvent}); a BAD_PARAM problem also marks its parameter's field.
     *
     * @param shape      its output shape ("[4]") or null while unknown
     * @param parameters its trainable parameter count, or null
     * @param flops      its forward FLOPs per sample, or null
     */
    public void showNode(NodeSpec node, LayerType type, String shape, Long parameters, Long flops, List<GraphProblem> nodeProblems) {
        showNode(node, type, shape, parameters, flops, nodeProblems, null, 0);
    }

    /**
     * Shows a layer, or a block instance with {@code definition} (its block, used {@code instances} times in the
     * design): then the fields are those of the block's layers, a group each, and edits go out as
     * {@link ParamChangeEvent}s naming the block (they change every instance).
     */
    public void showNode(NodeSpec node, LayerType type, String shape, Long parameters, Long flops, List<GraphProblem> nodeProblems,
                         BlockSpec definition, long instances) {
        String key = definition == null ? null : definition.name() + "\0" + definition.nodes().stream()
                .map(n -> n.id() + ":" + n.type()).collect(java.util.stream.Collectors.joining(","));
        boolean same = node.id().equals(nodeId) && node.type().equals(nodeType) && Objects.equals(key, blockKey);
        blockKey = key;
        edgeId = null;
        nodeId = node.id();
        nodeType = node.type();
        title.setText(node.type());
        badge.setText(node.id());
        badge.setVisible(true);
        boolean block = Blocks.isInstance(node);
        if (block) title.setText("Block " + Blocks.blockOf(node));
        description.setText(!block ? (type == null ? "Unknown layer type." : type.description())
                : definition == null ? "An instance of a block whose definition is missing."
                : "An instance of block " + definition.name() + (instances > 1 ? ", used " + instances + " times in this design" : "")
                  + ". The parameters below are the block's: changing one changes every instance. Expand it to change this one alone.");
        facts.removeAll();
        facts.add(fact("Output", shape == null ? "unknown until the input is connected" : shape));
        if (parameters != null) facts.add(fact("Parameters", CanvasModel.count(parameters)));
        if (flops != null) facts.add(fact("FLOPs", (flops == 0 ? "0" : CanvasModel.count(flops)) + " per sample"));
        showProblems(nodeProblems);
        showPlot(ActivationPlot.of(node, type).orElse(null));
        if (!same) {
            bindings.clear();
            fields.removeAll();
            if (definition != null) {
                blockFields(definition);
            } else if (type != null) {
                for (ParamDef def : type.params()) {
                    ParamFields.Binding b = ParamFields.create(type.type(), def);
                    String param = def.name();
                    b.onChange(v -> fireEvent(new ParamChangeEvent(this, nodeId, param, v)));
                    bindings.put(param, b);
                    fields.add(b.field);
                }
            }
            if (bindings.isEmpty() && !block) fields.add(new Paragraph("This layer has no parameters."));
        }
        if (definition != null) {
            for (NodeSpec inner : definition.nodes()) {
                bindings.forEach((k, b) -> {
                    if (k.startsWith(inner.id() + ".")) b.show(GraphDraft.paramValue(inner, b.def));
                });
            }
        } else {
            bindings.values().forEach(b -> b.show(GraphDraft.paramValue(node, b.def)));
        }
        for (GraphProblem p : nodeProblems) {
            if (!"BAD_PARAM".equals(p.code()) || p.message() == null) continue;
            bindings.values().stream().filter(b -> p.message().contains("." + b.def.name() + " ")).findFirst()
                    .ifPresent(b -> b.markInvalid(p.message()));
        }
        delete.setText("Delete layer");
        delete.setVisible(true);
    }

    /** A group of fields per layer of {@code definition}, keyed "layer.param"; a nested instance is named only. */
    private void blockFields(BlockSpec definition) {
        for (NodeSpec inner : definition.nodes()) {
            Div group = new Div();
            group.addClassName("nw-inspector-block-layer");
            group.getElement().setAttribute("data-layer", inner.id());
            Span head = new Span(inner.id() + " · " + Blocks.title(inner));
            head.addClassName("nw-inspector-block-layer-name");
            group.add(head);
            LayerType t = Blocks.isInstance(inner) ? null : LayerCatalog.find(inner.type()).orElse(null);
            if (t != null) {
                for (ParamDef def : t.params()) {
                    ParamFields.Binding b = ParamFields.create(t.type(), def);
                    String param = def.name(), layer = inner.id(), name = definition.name();
                    b.onChange(v -> fireEvent(new ParamChangeEvent(this, name, layer, param, v)));
                    bindings.put(layer + "." + param, b);
                    group.add(b.field);
                }
            }
            fields.add(group);
        }
    }

    /** Shows a connection and the tensor shape it carries. */
    public void showEdge(EdgeSpec edge, String shape) {
        nodeId = null;
        nodeType = null;
        blockKey = null;
        edgeId = edge.id();
        bindings.clear();
        fields.removeAll();
        title.setText("Connection");
        badge.setText(edge.id());
        badge.setVisible(true);
        description.setText(edge.from().node() + " → " + edge.to().node());
        facts.removeAll();
        facts.add(fact("Carries", shape == null ? "unknown" : shape + " per sample"));
        showProblems(List.of());
        showPlot(null);
        delete.setText("Delete connection");
        delete.setVisible(true);
    }

    /** The field bound to {@code param} of the layer shown (for tests and focus handling). */
    public Optional<Component> field(String param) {
        return Optional.ofNullable(bindings.get(param)).map(b -> b.field);
    }

    public String getNodeId() {
        return nodeId;
    }

    private void showProblems(List<GraphProblem> list) {
        problems.removeAll();
        for (GraphProblem p : list) {
            ListItem li = new ListItem(new Span(p.message()));
            li.addClassName(p.isError() ? "nw-problem-error" : "nw-problem-warning");
            if (p.fix() != null) {
                Button fix = new Button(p.fix().label(), VaadinIcon.MAGIC.create());
                fix.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
                fix.addClassName("nw-inspector-fix");
                String node = nodeId;
                fix.addClickListener(e -> fireEvent(new ApplyFixEvent(this, node, p.fix())));
                li.add(fix);
            }
            problems.add(li);
        }
        problems.setVisible(!list.isEmpty());
    }

    /** The fix buttons shown (for tests). */
    List<Button> fixButtons() {
        return problems.getChildren().flatMap(Component::getChildren).filter(c -> c instanceof Button).map(c -> (Button) c).toList();
    }

    private void showPlot(ActivationPlot.Curve curve) {
        String svgText = curve == null ? null : ActivationPlot.svg(curve);
        plot.setVisible(curve != null);
        if (Objects.equals(svgText, plotSvg)) return; // the same plot: nothing to send again
        plotSvg = svgText;
        plot.removeAll();
        if (curve == null) return;
        Div svg = new Div();
        svg.getElement().setProperty("innerHTML", svgText);
        Span legend = new Span(curve.name() + ": f (solid) and f′ (dashed) on [-4, 4]");
        legend.addClassName("nw-plot-legend");
        plot.add(svg, legend);
    }

    private static Div fact(String label, String value) {
        Span l = new Span(label);
        l.addClassName("nw-fact-label");
        Span v = new Span(value);
        v.addClassName("nw-fact-value");
        return new Div(l, v);
    }

    public Registration addParamChangeListener(ComponentEventListener<ParamChangeEvent> listener) {
        return addListener(ParamChangeEvent.class, listener);
    }

    public Registration addApplyFixListener(ComponentEventListener<ApplyFixEvent> listener) {
        return addListener(ApplyFixEvent.class, listener);
    }

    public Registration addDeleteNodeListener(ComponentEventListener<DeleteNodeEvent> listener) {
        return addListener(DeleteNodeEvent.class, listener);
    }

    public Registration addDeleteEdgeListener(ComponentEventListener<DeleteEdgeEvent> listener) {
        return addListener(DeleteEdgeEvent.class, listener);
    }
}
