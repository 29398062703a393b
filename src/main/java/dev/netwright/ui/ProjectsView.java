package dev.netwright.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.projects.ProjectService;
import dev.netwright.projects.ProjectView;

/** The start page: every project with its number of saved versions, and a form to start a new one. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Projects · Netwright")
public class ProjectsView extends VerticalLayout {
    private final ProjectService projects;
    private final Grid<ProjectView> grid = new Grid<>();
    private final TextField name = new TextField("Project name");
    private final TextArea description = new TextArea("Description");

    public ProjectsView(ProjectService projects) {
        this.projects = projects;
        addClassName("nw-page");
        setPadding(true);

        H2 title = new H2("Projects");
        Paragraph lead = new Paragraph("Design a network on the canvas, train it with the built-in engine, watch it learn and export it as ONNX.");
        lead.addClassName("nw-lead");

        FlexLayout body = new FlexLayout(listCard(), createCard());
        body.addClassName("nw-projects-body");
        add(new Div(title, lead), body);
        refresh();
    }

    private Card listCard() {
        grid.addColumn(new ComponentRenderer<>(p -> {
            Span n = new Span(p.name());
            n.addClassName("nw-cell-title");
            Div cell = new Div(n);
            if (p.description() != null && !p.description().isBlank()) {
                Span d = new Span(p.description());
                d.addClassName("nw-cell-secondary");
                cell.add(d);
            }
            return cell;
        })).setHeader("Name").setFlexGrow(3);
        grid.addColumn(p -> Formats.dateTime(p.createdAt())).setHeader("Created").setFlexGrow(1).setAutoWidth(true);
        grid.addColumn(p -> p.versions().size()).setHeader("Versions").setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END)
                .setFlexGrow(0).setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("No projects yet. Create your first one with the form.");
        grid.addItemClickListener(e -> Routes.navigate(Routes.editor(e.getItem().id())));
        grid.setAllRowsVisible(true);
        grid.addClassName("nw-projects-grid");

        Card card = new Card();
        card.setTitle("Your projects");
        card.addThemeVariants(CardVariant.LUMO_OUTLINED);
        card.add(grid);
        card.addClassName("nw-projects-list");
        return card;
    }

    private Card createCard() {
        name.setRequired(true);
        name.setMaxLength(200);
        name.setPlaceholder("e.g. XOR from scratch");
        name.setWidthFull();
        name.setErrorMessage("Give the project a name");
        description.setMaxLength(2000);
        description.setPlaceholder("What is this network for? (optional)");
        description.setWidthFull();

        Button create = new Button("Create project", e -> create());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER).listenOn(name);

        Card card = new Card();
        card.setTitle("New project");
        card.setSubtitle("Opens the editor with an Input and an Output layer.");
        card.addThemeVariants(CardVariant.LUMO_OUTLINED);
        card.add(name, description);
        card.addToFooter(create);
        card.addClassName("nw-projects-create");
        return card;
    }

    private void create() {
        String n = name.getValue() == null ? "" : name.getValue().trim();
        if (n.isEmpty()) {
            name.setInvalid(true);
            name.focus();
            return;
        }
        try {
            ProjectView p = projects.create(n, description.getValue().isBlank() ? null : description.getValue().trim());
            Routes.navigate(Routes.editor(p.id()));
        } catch (IllegalArgumentException e) {
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
        }
    }

    private void refresh() {
        grid.setItems(projects.list());
    }
}
