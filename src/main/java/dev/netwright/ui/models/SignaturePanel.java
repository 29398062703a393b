package dev.netwright.ui.models;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import dev.netwright.serving.ModelSignature;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A model's signature: its inputs and outputs (name, element type, shape), class labels, opsets and producer. */
final class SignaturePanel extends Div {
    SignaturePanel(ModelSignature s) {
        addClassName("nw-model-signature");
        if (s == null) {
            add(new Span("The stored ONNX bytes have no readable signature."));
            return;
        }
        add(table("Inputs", "nw-signature-inputs", s.inputs()), table("Outputs", "nw-signature-outputs", s.outputs()));
        Div facts = new Div();
        facts.addClassName("nw-signature-facts");
        if (s.classLabels() != null) {
            facts.add(fact("Class labels", String.join(", ", s.classLabels()), "nw-signature-labels"));
        }
        String opsets = s.opsets().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        facts.add(fact("Opsets", opsets.isEmpty() ? "–" : opsets, null), fact("IR version", String.valueOf(s.irVersion()), null));
        if (s.producer() != null) facts.add(fact("Producer", s.producer(), null));
        add(facts);
    }

    private static Div table(String caption, String className, List<ModelSignature.TensorSpec> tensors) {
        NativeTableRow head = new NativeTableRow(new NativeTableHeaderCell("name"), new NativeTableHeaderCell("type"), new NativeTableHeaderCell("shape"));
        NativeTableBody body = new NativeTableBody();
        for (ModelSignature.TensorSpec t : tensors) {
            NativeTableCell name = new NativeTableCell(t.name());
            name.addClassName("nw-signature-name");
            NativeTableCell shape = new NativeTableCell(t.describeShape());
            shape.addClassName("nw-signature-shape");
            body.add(new NativeTableRow(name, new NativeTableCell(t.elementType()), shape));
        }
        NativeTable table = new NativeTable(new NativeTableHeader(head), body);
        table.addClassName(className);
        table.getElement().setAttribute("aria-label", caption);
        Span title = new Span(caption);
        title.addClassName("nw-fact-label");
        Div d = new Div(title, table);
        d.addClassName("nw-signature-table");
        return d;
    }

    private static Div fact(String label, String value, String className) {
        Span l = new Span(label);
        l.addClassName("nw-fact-label");
        Span v = new Span(value);
        v.addClassName("nw-fact-value");
        if (className != null) v.addClassName(className);
        return new Div(l, v);
    }
}
