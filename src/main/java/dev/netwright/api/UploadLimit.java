package dev.netwright.api;

import dev.netwright.config.DataLimits;
import dev.netwright.config.ModelLimits;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses an upload larger than its limit before its body is read, with a message that says the limit (the HTTP
 * layer's own limit, a little higher, only answers a bare 413): {@code netwright.models.max-upload-size} for model
 * uploads ({@code POST /api/models}), {@code netwright.data.max-upload-size} for everything else.
 * Model uploads sent without a length are counted while they are read ({@link ModelResource}).
 */
public class UploadLimit {
    static final String MODELS_PATH = "/api/models";
    static final String MODELS_PROPERTY = "netwright.models.max-upload-size";
    /** ONNX imports into a project have the model limit too. */
    private static final java.util.regex.Pattern MODEL_IMPORT_PATH = java.util.regex.Pattern.compile("/api/projects/[^/]+/models/import/?");

    private final long maxBytes;
    private final long maxModelBytes;

    public UploadLimit(DataLimits config, ModelLimits models) {
        this.maxBytes = config.maxUploadSize().asLongValue();
        this.maxModelBytes = models.maxUploadSize().asLongValue();
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
        boolean model = "POST".equals(request.getMethod()) && isModelUpload(request.getUriInfo().getPath());
        long limit = model ? maxModelBytes : maxBytes;
        if (bytes <= limit) return Optional.empty();
        return Optional.of(tooLarge(bytes, limit, model ? MODELS_PROPERTY : "netwright.data.max-upload-size"));
    }

    static boolean isModelUpload(String path) {
        return path.equals(MODELS_PATH) || path.equals(MODELS_PATH + "/") || MODEL_IMPORT_PATH.matcher(path).matches();
    }

    /** The 413 answer: the size (or "more than the limit" when unknown, {@code bytes < 0}), the limit, its property. */
    static Response tooLarge(long bytes, long limit, String property) {
        String size = bytes < 0 ? "larger than " + human(limit) : human(bytes);
        return ProblemMapper.answer(413, String.format(Locale.ROOT,
                "The upload is %s; the limit is %s (%s). Nothing was stored.", size, human(limit), property), List.of());
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        if (bytes >= 1L << 10) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        return bytes + " bytes";
    }
}
