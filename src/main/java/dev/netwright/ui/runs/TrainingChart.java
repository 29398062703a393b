package dev.netwright.ui.runs;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

import java.util.List;

/**
 * Server side of {@code <training-chart>} (frontend/src/training-chart): loss and accuracy per epoch with
 * Chart.js. Points are appended in batches; a point for the epoch shown last replaces it.
 */
@Tag("training-chart")
@JsModule("./src/training-chart/training-chart.ts")
@NpmPackage(value = "chart.js", version = "4.5.1")
public class TrainingChart extends Component implements HasSize {

    /** One epoch: loss, and accuracy in percent (null where it does not apply), and the same on the validation split. */
    public record Point(int epoch, Double loss, Double accuracy, Double valLoss, Double valAccuracy) {
        public Point(int epoch, Double loss, Double accuracy) {
            this(epoch, loss, accuracy, null, null);
        }
    }

    public TrainingChart() {
        setWidthFull();
    }

    public void addPoints(List<Point> points) {
        if (!points.isEmpty()) getElement().callJsFunction("addPoints", List.copyOf(points));
    }

    public void reset() {
        getElement().callJsFunction("reset");
    }
}
