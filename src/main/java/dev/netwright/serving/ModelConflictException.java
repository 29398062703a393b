package dev.netwright.serving;

/** A registry change that the model's state does not allow (deleting a run's model); the API answers 409. */
public class ModelConflictException extends RuntimeException {
    public ModelConflictException(String message) {
        super(message);
    }
}
