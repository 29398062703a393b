package dev.netwright.serving;

/**
 * An upload that is not an ONNX model this server can serve (not a ModelProto, an IR version or opset ONNX Runtime
 * does not support, no tensor inputs, ...); the message says what and the API answers 400. Nothing is stored.
 */
public class InvalidModelException extends RuntimeException {
    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
