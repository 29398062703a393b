package dev.netwright.onnx;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An export asked for an opset in which some layer's ONNX op does not exist (in the form the exporter writes): each
 * such layer is listed with its op and the opset it needs, e.g. {@code layer 'ln' (LayerNorm) is written as the ONNX op
 * LayerNormalization, which needs opset 17 or later}.
 */
public class UnsupportedOpsetException extends IllegalArgumentException {
    /** One layer that cannot be written at the requested opset. */
    public record Violation(String nodeId, String layerType, String op, int minimumOpset) {
        String describe() {
            return "layer '" + nodeId + "' (" + layerType + ") is written as the ONNX op " + op + ", which needs opset "
                    + minimumOpset + " or later";
        }
    }

    private final int opset;
    private final List<Violation> violations;

    public UnsupportedOpsetException(int opset, List<Violation> violations) {
        super("Cannot export at opset " + opset + ": " + violations.stream().map(Violation::describe).collect(Collectors.joining("; "))
                + ". Choose opset " + violations.stream().mapToInt(Violation::minimumOpset).max().orElse(opset) + " to "
                + ExportOptions.MAX_OPSET);
        this.opset = opset;
        this.violations = List.copyOf(violations);
    }

    public int opset() {
        return opset;
    }

    public List<Violation> violations() {
        return violations;
    }
}
