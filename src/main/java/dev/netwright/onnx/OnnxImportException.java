package dev.netwright.onnx;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ONNX model that cannot become an editable graph: bytes that are no ONNX model, or ops (or op attributes) that
 * have no Netwright layer. {@link #problems()} lists each reason, e.g.
 * {@code op 'Einsum' (node /attn/Einsum) has no Netwright layer}; the message joins them. Such a model may still be
 * served as it is by ONNX Runtime.
 */
public class OnnxImportException extends RuntimeException {
    /** "op 'Einsum' (node /attn/Einsum) ...", as the importer describes a node. */
    private static final Pattern OP_AND_NODE = Pattern.compile("^op '([^']*)' \\(node (.*?)\\) ");

    /**
     * One problem with the ONNX op and node it is about, when it names them (else both null).
     *
     * @param message the whole problem, as in {@link #problems()}
     */
    public record Problem(String op, String node, String message) {
    }

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

    /** {@link #problems()} with the op and node each one names. */
    public List<Problem> details() {
        return problems.stream().map(p -> {
            Matcher m = OP_AND_NODE.matcher(p);
            return m.find() ? new Problem(m.group(1), m.group(2), p) : new Problem(null, null, p);
        }).toList();
    }
}
