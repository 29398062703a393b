package dev.netwright.training;

/** An action that does not fit the run's current state (pausing a finished run); the API answers 409. */
public class RunStateException extends RuntimeException {
    public RunStateException(String message) {
        super(message);
    }
}
