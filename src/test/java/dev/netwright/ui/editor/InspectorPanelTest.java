package dev.netwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.layer.LayerCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The inspector's binding of ParamDefs to fields, without a browser (like flow-crm's ContactFormTest). */
class InspectorPanelTest {
    private final InspectorPanel inspector = new InspectorPanel();
    private final List<InspectorPanel.ParamChangeEvent> changes = new ArrayList<>();

    @BeforeEach
    void listen() {
        inspector.addParamChangeListener(changes::add);
    }

    private static NodeSpec node(String id, String type, Map<String, Object> params) {
        return new NodeSpec(id, type, params, new NodeSpec.Position(0, 0));
    }

    private void show(NodeSpec n) {
        inspector.showNode(n, LayerCatalog.find(n.type()).orElseThrow(), "[4]", 12L, List.of());
    }

    @Test
    void aBlockInstanceShowsItsBlocksLayersAndEditsTheDefinition() {
        var definition = new dev.netwright.graph.BlockSpec("Pair", null,
                List.of(node("wide", "Dense", Map.of("units", 16)), node("act", "ReLU", Map.of())), List.of(), List.of(), List.of());
        NodeSpec instance = dev.netwright.graph.Blocks.instance("block1", "Pair", new NodeSpec.Position(0, 0));
        inspector.showNode(instance, LayerCatalog.find(instance.type()).orElse(null), "[16]", 100L, null, List.of(), definition, 2);

        assertEquals(16, ((IntegerField) inspector.field("wide.units").orElseThrow()).getValue());
        ((IntegerField) inspector.field("wide.units").orElseThrow()).setValue(32);
        assertEquals(1, changes.size());
        var c = changes.getFirst();
        assertEquals(List.of("Pair", "wide", "units", 32), List.of(c.getBlock(), c.getNodeId(), c.getParam(), c.getValue()),
                "an edit of the block's layer, not of the instance node");
    }

    @Test
    void showsTheNodesValuesAndDefaultsWithoutReportingThemAsEdits() {
        show(node("hidden", "Dense", Map.of("units", 4, "activation", "tanh")));

        assertEquals(4, assertInstanceOf(IntegerField.class, inspector.field("units").orElseThrow()).getValue());
        assertEquals("tanh", assertInstanceOf(Select.class, inspector.field("activation").orElseThrow()).getValue());
        assertEquals(true, assertInstanceOf(Checkbox.class, inspector.field("bias").orElseThrow()).getValue(), "default applies");
        assertEquals("glorot_uniform", ((Select<?>) inspector.field("init").orElseThrow()).getValue());
        assertTrue(changes.isEmpty());
    }

    @Test
    void editsComeBackTypedForTheNodesParams() {
        show(node("hidden", "Dense", Map.of("units", 4)));

        ((IntegerField) inspector.field("units").orElseThrow()).setValue(8);
        ((Checkbox) inspector.field("bias").orElseThrow()).setValue(false);
        @SuppressWarnings("unchecked")
        Select<String> activation = (Select<String>) inspector.field("activation").orElseThrow();
        activation.setValue("relu");

        assertEquals(List.of("units=8", "bias=false", "activation=relu"),
                changes.stream().map(e -> e.getParam() + "=" + e.getValue()).toList());
        assertTrue(changes.stream().allMatch(e -> e.getNodeId().equals("hidden") && e.getBlock() == null), "layers of the design, not of a block");
        assertInstanceOf(Integer.class, changes.getFirst().getValue());
    }

    @Test
    void intListIsTypedAsCommaSeparatedIntegers() {
        show(node("input", "Input", Map.of("shape", List.of(2))));
        TextField shape = (TextField) inspector.field("shape").orElseThrow();
        assertEquals("2", shape.getValue());

        shape.setValue("1, 28, 28");
        assertEquals(List.of(1, 28, 28), changes.getLast().getValue());

        shape.setValue("1, two");
        assertEquals(1, changes.size(), "an unparsable list is not sent");
        assertTrue(shape.isInvalid());
    }

    @Test
    void dropoutRateSaysItIsTheProbabilityOfDropping() {
        show(node("drop", "Dropout", Map.of("rate", 0.25)));
        NumberField rate = (NumberField) inspector.field("rate").orElseThrow();

        assertEquals("Drop rate", rate.getLabel());
        assertTrue(rate.getHelperText().startsWith("Probability of dropping"), rate.getHelperText());
        assertEquals(0.25, rate.getValue());
        rate.setValue(0.1);
        assertEquals(0.1, changes.getLast().getValue());
    }

    @Test
    void showingTheSameNodeAgainKeepsTheFieldsAndOnlyUpdatesValues() {
        show(node("hidden", "Dense", Map.of("units", 4)));
        var units = inspector.field("units").orElseThrow();

        inspector.showNode(node("hidden", "Dense", Map.of("units", 6)), LayerCatalog.find("Dense").orElseThrow(), "[6]", 18L,
                List.of(GraphProblem.error("BAD_PARAM", "hidden", "Dense.units must be >= 1. Received: 0")));

        assertTrue(units == inspector.field("units").orElseThrow(), "same field instance");
        assertEquals(6, ((IntegerField) units).getValue());
        assertTrue(changes.isEmpty());
    }

    @Test
    void aProblemWithAFixHasAButtonThatAsksToApplyIt() {
        var problem = dev.netwright.graph.GraphAnalyzer.analyze(new dev.netwright.graph.GraphSpec(null, 1, "p", List.of(
                node("input", "Input", Map.of("shape", List.of(784))), node("conv", "Conv2D", Map.of())),
                List.of(new dev.netwright.graph.EdgeSpec("e1", new dev.netwright.graph.EdgeSpec.PortRef("input", "out"),
                        new dev.netwright.graph.EdgeSpec.PortRef("conv", "in"))))).problemsAt("conv").getFirst();
        List<InspectorPanel.ApplyFixEvent> fixes = new ArrayList<>();
        inspector.addApplyFixListener(fixes::add);
        inspector.showNode(node("conv", "Conv2D", Map.of()), LayerCatalog.find("Conv2D").orElseThrow(), null, null, null, List.of(problem));

        var button = inspector.fixButtons().getFirst();
        assertEquals("Insert Reshape(1, 28, 28)", button.getText());
        button.click();
        assertEquals(1, fixes.size());
        assertEquals(problem.fix(), fixes.getFirst().getFix());
        assertEquals("conv", fixes.getFirst().getNodeId());
    }

    @Test
    void aBadParameterMarksItsFieldWithTheMessageAndHelpTextsNameTheDefault() {
        inspector.showNode(node("hidden", "Dense", Map.of("units", 0)), LayerCatalog.find("Dense").orElseThrow(), null, 0L, 0L,
                List.of(GraphProblem.error("BAD_PARAM", "hidden", "Dense.units must be >= 1. Received: 0")));
        IntegerField units = (IntegerField) inspector.field("units").orElseThrow();
        assertTrue(units.isInvalid());
        assertEquals("Dense.units must be >= 1. Received: 0", units.getErrorMessage());
        assertEquals("Number of output units (default 8)", units.getHelperText());

        units.setValue(4);
        assertFalse(units.isInvalid());
        assertEquals("Enter a whole number (the layer keeps its value until then)", units.getErrorMessage(), "the field's own message again");

        // emptied (or not a whole number, which the field reads as empty): said at once, and nothing is sent
        changes.clear();
        units.clear();
        assertTrue(units.isInvalid());
        assertEquals("Enter a whole number (the layer keeps its value until then)", units.getErrorMessage());
        assertTrue(changes.isEmpty());
    }

    @Test
    void activationLayersShowAPlotOfFAndItsDerivative() {
        show(node("act", "ReLU", Map.of()));
        assertTrue(inspector.getElement().getChildren().anyMatch(c -> c.getClassList().contains("nw-inspector-plot")
                && c.isVisible() && c.getChildCount() == 2));
        show(node("flat", "Flatten", Map.of()));
        assertTrue(inspector.getElement().getChildren().anyMatch(c -> c.getClassList().contains("nw-inspector-plot") && !c.isVisible()));
    }

    @Test
    void deleteAsksForTheShownNode() {
        List<String> deleted = new ArrayList<>();
        inspector.addDeleteNodeListener(e -> deleted.add(e.getNodeId()));
        show(node("hidden", "Dense", Map.of()));

        inspector.getChildren().filter(c -> c instanceof com.vaadin.flow.component.button.Button).findFirst()
                .map(c -> (com.vaadin.flow.component.button.Button) c).orElseThrow().click();

        assertEquals(List.of("hidden"), deleted);
        inspector.showNothing();
        assertFalse(inspector.field("units").isPresent());
    }
}
