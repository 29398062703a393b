package dev.netwright.projects;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules for a version's author, and where the default author comes from. */
class AuthorNameTest {

    @Test
    void namesAreTrimmedAndBlankMeansNone() {
        assertEquals("Ada Lovelace", AuthorName.normalize("  Ada Lovelace\t"));
        assertEquals("Zoë 李", AuthorName.normalize("Zoë 李"));
        assertNull(AuthorName.normalize(null));
        assertNull(AuthorName.normalize(" \t "));
        assertEquals("a".repeat(100), AuthorName.normalize(" " + "a".repeat(100) + " "));
    }

    @Test
    void tooLongOrControlCharactersAreRefusedWithTheReason() {
        var tooLong = assertThrows(IllegalArgumentException.class, () -> AuthorName.normalize("a".repeat(101)));
        assertEquals("author must be at most 100 characters. Received: 101 characters", tooLong.getMessage());
        var newline = assertThrows(IllegalArgumentException.class, () -> AuthorName.normalize("Ada\nLovelace"));
        assertEquals("author must not contain control characters or line breaks. Received: U+000A at position 4", newline.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuthorName.normalize("a\u0085b")); // C1 control (NEL)
        assertThrows(IllegalArgumentException.class, () -> AuthorName.normalize("a\u2028b")); // line separator
        assertThrows(IllegalArgumentException.class, () -> AuthorName.normalize("a\u007fb")); // DEL
    }

    @Test
    void theDefaultAuthorIsTheConfiguredOneElseTheOsUser() {
        ProjectService configured = new ProjectService(null, null, null, Optional.of("  Build server "));
        assertEquals("Build server", configured.defaultAuthor());
        assertEquals("Build server", configured.author(null));
        assertEquals("Build server", configured.author("  "));
        assertEquals("Ada", configured.author(" Ada "));
        assertThrows(IllegalArgumentException.class, () -> configured.author("x".repeat(101)));

        ProjectService unset = new ProjectService(null, null, null, Optional.empty());
        assertEquals(System.getProperty("user.name").strip(), unset.defaultAuthor());
        assertEquals(unset.defaultAuthor(), new ProjectService(null, null, null, Optional.of(" ")).defaultAuthor());
        var bad = assertThrows(IllegalArgumentException.class, () -> new ProjectService(null, null, null, Optional.of("a\tb")));
        assertEquals("netwright.default-author: author must not contain control characters or line breaks. Received: U+0009 at position 2",
                bad.getMessage());
    }
}
