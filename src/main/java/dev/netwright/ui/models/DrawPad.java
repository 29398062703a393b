package dev.netwright.ui.models;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.shared.Registration;

/**
 * Server side of {@code <draw-pad>} (frontend/src/draw-pad): a canvas to draw a digit on, read as {@code size}×{@code
 * size} ink values in 0..1 (light ink on dark, as MNIST), with a Clear button. Fires {@link PadChangedEvent} after every
 * stroke and on Clear.
 */
@Tag("draw-pad")
@JsModule("./src/draw-pad/draw-pad.ts")
public class DrawPad extends Component {
    /** The detail of the {@code pad-changed} DOM event: the values row-major, and whether anything is drawn. */
    public record PadDetail(double[] values, boolean ink) {
    }

    @DomEvent("pad-changed")
    public static class PadChangedEvent extends ComponentEvent<DrawPad> {
        private final PadDetail detail;

        public PadChangedEvent(DrawPad source, boolean fromClient, @EventData("event.detail") PadDetail detail) {
            super(source, fromClient);
            this.detail = detail;
        }

        /** size × size values in 0..1, row-major. */
        public double[] values() {
            return detail.values() == null ? new double[0] : detail.values();
        }

        public boolean ink() {
            return detail.ink();
        }
    }

    private final int size;

    public DrawPad(int size) {
        this.size = size;
        getElement().setProperty("size", size);
    }

    public int size() {
        return size;
    }

    /** Shows {@code values} (0..1, row-major) on the pad, e.g. an uploaded image after its conversion. */
    public void setValues(double[] values) {
        if (values.length != size * size) throw new IllegalArgumentException("The pad shows " + size * size + " values, got " + values.length);
        getElement().callJsFunction("setValues", java.util.Arrays.stream(values).boxed().toList());
    }

    public Registration addPadChangedListener(ComponentEventListener<PadChangedEvent> listener) {
        return addListener(PadChangedEvent.class, listener);
    }
}
