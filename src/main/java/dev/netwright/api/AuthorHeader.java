package dev.netwright.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * The optional request header that names who saves a model version: {@code X-Netwright-Author: Ada Lovelace}.
 * Header values are ASCII, so other characters come percent-encoded as UTF-8 ({@code Zo%C3%AB} is "Zoë", a literal
 * {@code %} is {@code %25}); a {@code +} stays a plus. Absent or blank: the server's default author.
 */
final class AuthorHeader {
    static final String NAME = "X-Netwright-Author";

    private AuthorHeader() {
    }

    /**
     * The header's value with its {@code %XX} sequences decoded; null stays null.
     *
     * @throws IllegalArgumentException a {@code %} without two hex digits, or bytes that are not UTF-8
     */
    static String decode(String value) {
        if (value == null || value.indexOf('%') < 0) return value;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
            if (lo < 0) {
                throw new IllegalArgumentException(NAME + ": '%' at position " + (i + 1)
                        + " is not followed by two hex digits (percent-encode UTF-8; write a literal % as %25)");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(NAME + ": the percent-encoded bytes are not UTF-8");
        }
    }
}
