package dev.netwright.persistence;

/** An id that names nothing; the API answers 404 with this message. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
