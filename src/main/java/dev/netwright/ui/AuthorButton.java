package dev.netwright.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.projects.AuthorName;

/**
 * The top bar's "Your name": an avatar and the name the versions saved in this browser are signed with
 * ({@link Author}); a click opens a dialog to change it.
 */
class AuthorButton extends Button {
    private final Avatar avatar = new Avatar();

    AuthorButton() {
        addClassName("nw-author");
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        avatar.addThemeVariants(AvatarVariant.LUMO_XSMALL);
        avatar.getElement().setAttribute("aria-hidden", "true"); // the button's text says the name
        setIcon(avatar);
        setTooltipText("Your name: saved with every version you save. Click to change it.");
        addClickListener(e -> openDialog());
        refresh();
    }

    /** Shows the current name. */
    void refresh() {
        String name = Author.current();
        setText(name);
        avatar.setName(name);
        setAriaLabel("Your name: " + name + ". Change it");
    }

    private void openDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Your name");
        dialog.addClassName("nw-author-dialog");
        TextField field = new TextField("Name");
        String chosen = Author.chosen();
        field.setValue(chosen == null ? "" : chosen);
        field.setPlaceholder(Author.current());
        field.setMaxLength(AuthorName.MAX_LENGTH);
        field.setWidthFull();
        field.setHelperText("Netwright has no accounts: this name is saved with every version you save, and this browser "
                + "remembers it for a year. Leave it empty to use the server's default.");
        Button save = new Button("Save", e -> {
            try {
                Author.set(field.getValue());
                refresh();
                dialog.close();
            } catch (IllegalArgumentException ex) {
                field.setErrorMessage(ex.getMessage());
                field.setInvalid(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(dialog);
        dialog.add(field);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.setWidth("420px");
        dialog.open();
        field.focus();
    }
}
