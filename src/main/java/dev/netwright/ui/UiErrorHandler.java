package dev.netwright.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The last line of defence for exceptions no view handled: log them and tell the user briefly. Expected
 * problems (an invalid design, a bad setting) are shown where they belong, on the node or the field; this
 * handler is only for the unexpected.
 */
@ApplicationScoped
public class UiErrorHandler implements ErrorHandler {
    private static final Logger LOG = Logger.getLogger(UiErrorHandler.class);

    void install(@Observes ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        Throwable t = event.getThrowable();
        LOG.error("Unexpected error in the UI", t);
        UI ui = UI.getCurrent();
        if (ui == null) return;
        ui.access(() -> {
            Notification n = Notification.show("Something went wrong: " + t.getMessage(), 6000, Notification.Position.BOTTOM_END);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        });
    }
}
