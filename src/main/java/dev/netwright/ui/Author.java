package dev.netwright.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import dev.netwright.projects.AuthorName;
import dev.netwright.projects.ProjectService;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.Cookie;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Who is using this browser, for the versions they save (the app has no accounts): the name set in the top bar's
 * "Your name" dialog, kept in the Vaadin session for the running UI and in the cookie {@value #COOKIE} (URL-encoded,
 * path /, one year) so the browser remembers it across reloads and server restarts. Without one, the server's default
 * author ({@link ProjectService#defaultAuthor()}).
 */
public final class Author {
    static final String COOKIE = "netwright-author";
    static final int COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
    /** The chosen name; "" once the cookie was read and held none (or the name was cleared). */
    private static final String SESSION_KEY = Author.class.getName();

    private Author() {
    }

    /** The name to save versions under: the one chosen in this browser, else the server's default author. */
    public static String current() {
        String chosen = chosen();
        return chosen != null ? chosen : CDI.current().select(ProjectService.class).get().defaultAuthor();
    }

    /** The name chosen in this browser, or null: from the session, on first access from the request's cookie. */
    public static String chosen() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) return null;
        Object kept = session.getAttribute(SESSION_KEY);
        if (kept == null) {
            VaadinRequest request = VaadinRequest.getCurrent();
            if (request == null) return null; // not in a request (a background task): the cookie is read later
            String fromCookie = fromCookies(request.getCookies());
            session.setAttribute(SESSION_KEY, fromCookie == null ? "" : fromCookie);
            return fromCookie;
        }
        return kept.toString().isEmpty() ? null : kept.toString();
    }

    /**
     * Sets the name for this session and in the browser's cookie; a blank name goes back to the default author.
     *
     * @return the name as kept (trimmed), or null when it was blank
     * @throws IllegalArgumentException too long or with control characters (nothing changes then)
     */
    public static String set(String name) {
        String normalized = AuthorName.normalize(name);
        VaadinSession.getCurrent().setAttribute(SESSION_KEY, normalized == null ? "" : normalized);
        // the UI talks over a WebSocket (@Push), where no response header can set a cookie: the browser sets it
        String value = normalized == null ? "" : URLEncoder.encode(normalized, StandardCharsets.UTF_8);
        int maxAge = normalized == null ? 0 : COOKIE_MAX_AGE_SECONDS;
        UI.getCurrent().getPage().executeJs("document.cookie = $0 + '=' + $1 + '; path=/; max-age=' + $2 + '; SameSite=Lax'",
                COOKIE, value, maxAge);
        return normalized;
    }

    /** The valid name in the {@value #COOKIE} cookie, or null (none, or one that is not a valid name). */
    static String fromCookies(Cookie[] cookies) {
        if (cookies == null) return null;
        for (Cookie c : cookies) {
            if (!COOKIE.equals(c.getName()) || c.getValue() == null) continue;
            try {
                return AuthorName.normalize(URLDecoder.decode(c.getValue(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null; // edited by hand or cut short: ignore it, the dialog sets a new one
            }
        }
        return null;
    }
}
