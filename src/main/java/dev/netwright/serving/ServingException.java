package dev.netwright.serving;

/** ONNX Runtime failed (model rejected, kernel error, ...); wraps its checked {@code OrtException}. */
public class ServingException extends RuntimeException {
    public ServingException(String message, Throwable cause) {
        super(message, cause);
    }

    public ServingException(String message) {
        super(message);
    }
}
