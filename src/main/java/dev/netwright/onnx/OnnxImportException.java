package dev.netwright.onnx;

import java.util.List;

/**
 * An ONNX model that cannot become an editable graph: bytes that are no ONNX model, or ops (or op attributes) that
 * have no Netwright layer. {@link #problems()} lists each reason, e.g.
 * {@code op 'Einsum' (node /attn/Einsum) has no Netwright layer}; the message joins them. Such a model may still be
 * served as it is by ONNX Runtime.
 */
public class OnnxImportException extends RuntimeException {
    private final List<String> problems;

    /** One exception for all the {@code problems} found (at least one). */
    public OnnxImportException(List<String> problems) {
        super("Cannot import into the editor: " + String.join("; ", problems) + "; the model can still be served");
        this.problems = List.copyOf(problems);
    }

    /** The bytes are not a readable ONNX model at all. */
    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public List<String> problems() {
        return problems;
    }
}
