package dev.netwright.engine.backend;

/** Storage of {@code size()} float32 values owned by one {@link Backend} (host array, device pointer, ...). */
public interface Buffer {
    int size();
}
