package dev.netwright.ui.data;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

import java.util.List;

/**
 * Server side of {@code <data-chart>} (frontend/src/data-chart): a bar chart, a scatter plot with points coloured by
 * group, or a line chart. Each call replaces what the chart showed.
 */
@Tag("data-chart")
@JsModule("./src/data-chart/data-chart.ts")
@NpmPackage(value = "chart.js", version = "4.5.1")
public class DataChart extends Component implements HasSize {

    /** A point of a scatter plot; points with the same {@code group} (a class) share a colour. Null: no group. */
    public record ScatterPoint(double x, double y, String group) {
    }

    /** One line: {@code values[t]} at step t. */
    public record Series(String label, double[] values) {
    }

    public DataChart() {
        setWidthFull();
    }

    /** One bar per label, e.g. samples per class. */
    public void setBar(List<String> labels, List<? extends Number> values) {
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + values.size() + " values");
        }
        getElement().callJsFunction("setBar", List.copyOf(labels), values.stream().map(Number::doubleValue).toList());
    }

    public void setScatter(List<ScatterPoint> points) {
        getElement().callJsFunction("setScatter", List.copyOf(points));
    }

    /** Each group's points joined in their order: a path through the plane (an optimizer's steps). */
    public void setPaths(List<ScatterPoint> points) {
        getElement().callJsFunction("setPaths", List.copyOf(points));
    }

    public void setLines(List<Series> series) {
        getElement().callJsFunction("setLines", List.copyOf(series));
    }
}
