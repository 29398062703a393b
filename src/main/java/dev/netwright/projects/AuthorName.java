package dev.netwright.projects;

/**
 * The rules for a version's author, a plain name (the app has no accounts): trimmed, at most {@value #MAX_LENGTH}
 * characters, no control characters or line breaks.
 */
public final class AuthorName {
    public static final int MAX_LENGTH = 100;

    private AuthorName() {
    }

    /**
     * {@code raw} trimmed; null when it is null or blank (the caller then uses the default author).
     *
     * @throws IllegalArgumentException when it is too long or holds a control character (the message says which)
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String name = raw.strip();
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("author must be at most " + MAX_LENGTH + " characters. Received: " + name.length() + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new IllegalArgumentException("author must not contain control characters or line breaks. Received: "
                        + String.format("U+%04X", (int) c) + " at position " + (i + 1));
            }
        }
        return name;
    }
}
