package dev.netwright.ui.models;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.netwright.serving.LatencyStats;
import dev.netwright.serving.ServingService;
import dev.netwright.ui.Formats;

import java.util.Locale;

/** The model's recent prediction latencies (REST, batch jobs, this page): count, p50, p90, p99 and mean. */
final class LatencyPanel extends Div {
    private final ServingService serving;
    private final long modelId;
    private final Div numbers = new Div();

    LatencyPanel(ServingService serving, long modelId) {
        this.serving = serving;
        this.modelId = modelId;
        addClassName("nw-model-latency");
        numbers.addClassName("nw-latency-numbers");
        Button refresh = new Button(VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        refresh.setAriaLabel("Refresh the latency statistics");
        add(numbers, refresh);
        refresh();
    }

    void refresh() {
        LatencyStats s = serving.latency(modelId);
        numbers.removeAll();
        if (s.count() == 0) {
            numbers.add(new Span("No predictions since the server started."));
            return;
        }
        numbers.add(fact("predictions", Formats.count(s.count()), "since the server started"),
                fact("p50", ms(s.p50Ms()), null), fact("p90", ms(s.p90Ms()), null), fact("p99", ms(s.p99Ms()), null),
                fact("mean", ms(s.meanMs()), null));
        Span note = new Span("over the last " + Formats.count(s.window()) + "; a batch job's chunk of up to 256 samples counts as one");
        note.addClassName("nw-model-hint");
        numbers.add(note);
    }

    private static Div fact(String label, String value, String title) {
        Span l = new Span(label);
        l.addClassName("nw-fact-label");
        Span v = new Span(value);
        v.addClassName("nw-fact-value");
        v.getElement().setAttribute("data-stat", label);
        Div d = new Div(l, v);
        d.addClassName("nw-latency-fact");
        if (title != null) d.getElement().setAttribute("title", title);
        return d;
    }

    private static String ms(Double v) {
        if (v == null) return "–";
        return v < 10 ? String.format(Locale.ROOT, "%.2f ms", v) : String.format(Locale.ROOT, "%.0f ms", v);
    }
}
