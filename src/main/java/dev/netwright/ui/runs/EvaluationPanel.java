package dev.netwright.ui.runs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.training.EvaluationReport;
import dev.netwright.training.EvaluationService;
import dev.netwright.ui.Formats;

import java.util.List;

/**
 * The evaluations of a finished run: per part (validation when the run ended; test when the user asks) the key
 * numbers, the confusion matrix and precision / recall / F1 per class, or MSE / MAE / R² for regression.
 */
class EvaluationPanel extends Card {
    /** Confusion matrices larger than this are summarised per class only. */
    private static final int MAX_MATRIX = 20;

    private final EvaluationService evaluations;
    private final long runId;
    private final Div reports = new Div();
    private final Div error = new Div();

    EvaluationPanel(EvaluationService evaluations, long runId) {
        this.evaluations = evaluations;
        this.runId = runId;
        addThemeVariants(CardVariant.LUMO_OUTLINED);
        addClassName("nw-evaluation");
        setTitle("Evaluation");
        Button test = new Button("Evaluate on the test split", e -> evaluate("test"));
        test.addThemeVariants(ButtonVariant.LUMO_SMALL);
        test.getElement().setAttribute("title", "The test split is for the final estimate: evaluate on it once you have chosen your model");
        setHeaderSuffix(test);
        error.addClassName("nw-form-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        add(error, reports);
        refresh();
    }

    private void evaluate(String split) {
        error.setVisible(false);
        try {
            evaluations.evaluate(runId, split);
            refresh();
        } catch (IllegalArgumentException | NotFoundException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
        }
    }

    private void refresh() {
        reports.removeAll();
        List<EvaluationReport> all = evaluations.list(runId);
        if (all.isEmpty()) reports.add(new Span("No evaluation yet: this run had no validation part."));
        for (EvaluationReport r : all) reports.add(report(r));
    }

    static Div report(EvaluationReport r) {
        Div box = new Div();
        box.addClassName("nw-eval-report");
        box.getElement().setAttribute("data-split", r.split());
        box.add(new H4(title(r.split()) + " · " + r.samples() + " samples"));
        StringBuilder line = new StringBuilder("loss " + Formats.number(r.loss()));
        if (r.accuracy() != null) line.append(" · accuracy ").append(Formats.percent(r.accuracy()));
        if (r.topKAccuracy() != null) line.append(" · top-").append(r.topK()).append(" accuracy ").append(Formats.percent(r.topKAccuracy()));
        if (r.macroF1() != null) line.append(" · macro F1 ").append(Formats.number(r.macroF1()));
        if (r.mse() != null) line.append(" · MSE ").append(Formats.number(r.mse())).append(" · MAE ").append(Formats.number(r.mae()));
        if (r.r2() != null) line.append(" · R² ").append(Formats.number(r.r2()));
        Span numbers = new Span(line.toString());
        numbers.addClassName("nw-eval-numbers");
        box.add(numbers);
        if (r.confusion() != null && r.classes().size() <= MAX_MATRIX) box.add(confusion(r));
        if (!r.perClass().isEmpty()) box.add(perClass(r));
        return box;
    }

    private static String title(String split) {
        return switch (split) {
            case "validation" -> "Validation";
            case "test" -> "Test";
            default -> "Training";
        };
    }

    /** Rows: actual class; columns: predicted class; the diagonal is what the model got right. */
    private static Div confusion(EvaluationReport r) {
        Element table = new Element("table");
        table.setAttribute("aria-label", "Confusion matrix: rows are the actual classes, columns the predicted ones");
        Element head = new Element("tr");
        head.appendChild(new Element("th").setText("actual \\ predicted"));
        for (String c : r.classes()) head.appendChild(new Element("th").setText(c));
        table.appendChild(head);
        int max = 1;
        for (int[] row : r.confusion()) for (int v : row) max = Math.max(max, v);
        for (int i = 0; i < r.classes().size(); i++) {
            Element tr = new Element("tr");
            tr.appendChild(new Element("th").setText(r.classes().get(i)));
            for (int j = 0; j < r.classes().size(); j++) {
                int v = r.confusion()[i][j];
                Element td = new Element("td").setText(String.valueOf(v));
                td.getClassList().add(i == j ? "nw-cm-hit" : "nw-cm-miss");
                td.getStyle().set("--nw-cm-alpha", String.valueOf(Math.round(100.0 * v / max) / 100.0));
                tr.appendChild(td);
            }
            table.appendChild(tr);
        }
        Div wrap = new Div();
        wrap.addClassName("nw-confusion");
        wrap.getElement().appendChild(table);
        return wrap;
    }

    private static Div perClass(EvaluationReport r) {
        Element table = new Element("table");
        Element head = new Element("tr");
        for (String h : List.of("class", "precision", "recall", "F1", "samples")) head.appendChild(new Element("th").setText(h));
        table.appendChild(head);
        for (EvaluationReport.ClassMetrics c : r.perClass()) {
            Element tr = new Element("tr");
            tr.appendChild(new Element("td").setText(c.name()));
            tr.appendChild(new Element("td").setText(Formats.number(c.precision())));
            tr.appendChild(new Element("td").setText(Formats.number(c.recall())));
            tr.appendChild(new Element("td").setText(Formats.number(c.f1())));
            tr.appendChild(new Element("td").setText(String.valueOf(c.support())));
            table.appendChild(tr);
        }
        Div wrap = new Div();
        wrap.addClassName("nw-per-class");
        wrap.getElement().appendChild(table);
        return wrap;
    }
}
