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
        assertTrue(changes.stream().allMatch(e -> e.getNodeId().equals("hidden")));
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
