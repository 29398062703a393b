package dev.netwright.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

import java.util.Map;

/**
 * Page-level settings for every view: Lumo theme (Vaadin 25 applies none by default), server push over
 * WebSocket for live training updates, the default page title and the tab icon.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@PageTitle("Netwright")
public class AppShell implements AppShellConfigurator {
    /** Three connected nodes, inline so that no icon file needs serving. */
    private static final String ICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E"
            + "%3Cpath d='M7 16 L25 7 M7 16 L25 25' stroke='%23006af5' stroke-width='3'/%3E"
            + "%3Ccircle cx='7' cy='16' r='5' fill='%23006af5'/%3E%3Ccircle cx='25' cy='7' r='5' fill='%23006af5'/%3E"
            + "%3Ccircle cx='25' cy='25' r='5' fill='%23006af5'/%3E%3C/svg%3E";

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addLink(ICON, Map.of("rel", "icon", "type", "image/svg+xml"));
    }
}
