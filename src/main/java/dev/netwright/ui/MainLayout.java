package dev.netwright.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;

/** The frame of every page: the app name, the main navigation and "Your name" ({@link AuthorButton}) in a bar at the top. */
@CssImport("./src/netwright.css")
public class MainLayout extends AppLayout implements AfterNavigationObserver {
    private final Anchor projects = Routes.link("Projects", Routes.projects());

    public MainLayout() {
        Anchor brand = Routes.link("", Routes.projects());
        brand.addClassName("nw-brand");
        brand.add(VaadinIcon.CLUSTER.create(), new Span("Netwright"));

        Nav nav = new Nav(projects, Routes.link("Models", Routes.models()));
        nav.addClassName("nw-nav");

        Anchor api = new Anchor("q/swagger-ui", "API", AnchorTarget.BLANK);
        api.addClassName("nw-nav-secondary");
        api.getElement().setAttribute("title", "The HTTP API (OpenAPI / Swagger UI)");

        Div bar = new Div(brand, nav, api, new AuthorButton());
        bar.addClassName("nw-navbar");
        addToNavbar(bar);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        String path = event.getLocation().getPath();
        boolean inProjects = path.isEmpty() || path.startsWith("projects") || path.startsWith("runs");
        if (inProjects) projects.getElement().setAttribute("aria-current", "page");
        else projects.getElement().removeAttribute("aria-current");
    }
}
