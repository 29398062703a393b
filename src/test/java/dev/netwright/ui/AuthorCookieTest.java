package dev.netwright.ui;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reading "Your name" back from the browser's cookie (what {@link Author#set} writes: the name URL-encoded). */
class AuthorCookieTest {

    private static Cookie[] cookies(String value) {
        return new Cookie[]{new Cookie("JSESSIONID", "abc"), new Cookie(Author.COOKIE, value)};
    }

    @Test
    void theNameComesBackAsItWasWritten() {
        for (String name : new String[]{"Ada Lovelace", "Zoë 100% C++", "李 = \"x\"; y"}) {
            assertEquals(name, Author.fromCookies(cookies(URLEncoder.encode(name, StandardCharsets.UTF_8))));
        }
    }

    @Test
    void noCookieOrABrokenOneGivesNoName() {
        assertNull(Author.fromCookies(null));
        assertNull(Author.fromCookies(new Cookie[]{new Cookie("JSESSIONID", "abc")}));
        assertNull(Author.fromCookies(cookies("")));
        assertNull(Author.fromCookies(cookies("%E0%A4%A")), "cut short");
        assertNull(Author.fromCookies(cookies("a".repeat(101))), "too long");
        assertNull(Author.fromCookies(cookies("Ada%0ALovelace")), "a line break");
    }
}
