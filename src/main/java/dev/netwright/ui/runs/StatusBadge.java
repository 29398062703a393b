package dev.netwright.ui.runs;

import com.vaadin.flow.component.html.Span;
import dev.netwright.ui.Formats;

/** A run's status as a coloured Lumo badge: QUEUED, RUNNING, PAUSED, FINISHED, FAILED or STOPPED. */
public class StatusBadge extends Span {

    public StatusBadge() {
        addClassName("nw-status");
    }

    public StatusBadge(String status) {
        this();
        setStatus(status);
    }

    /** Takes the stored status name. */
    public void setStatus(String stored) {
        String shown = Formats.status(stored);
        setText(shown);
        getElement().setAttribute("data-status", shown);
        getElement().getThemeList().clear();
        getElement().getThemeList().add("badge");
        switch (shown) {
            case "FINISHED" -> getElement().getThemeList().add("success");
            case "FAILED" -> getElement().getThemeList().add("error");
            case "QUEUED", "STOPPED", "PAUSED", "INTERRUPTED" -> getElement().getThemeList().add("contrast");
            default -> { }
        }
        getElement().getThemeList().add("pill");
    }
}
