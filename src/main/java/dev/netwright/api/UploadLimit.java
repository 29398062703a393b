package dev.netwright.api;

import dev.netwright.config.DataLimits;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses an upload larger than {@code netwright.data.max-upload-size} before its body is read, with a message
 * that says the limit (the HTTP layer's own limit, a little higher, only answers a bare 413).
 */
public class UploadLimit {
    private final long maxBytes;

    public UploadLimit(DataLimits config) {
        this.maxBytes = config.maxUploadSize().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod())) return Optional.empty();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) return Optional.empty();
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (bytes <= maxBytes) return Optional.empty();
        return Optional.of(ProblemMapper.answer(413, String.format(Locale.ROOT,
                "The upload is %s; the limit is %s (netwright.data.max-upload-size). Nothing was stored.",
                human(bytes), human(maxBytes)), List.of()));
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        if (bytes >= 1L << 10) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        return bytes + " bytes";
    }
}
