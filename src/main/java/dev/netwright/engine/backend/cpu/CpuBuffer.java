package dev.netwright.engine.backend.cpu;

import dev.netwright.engine.backend.Buffer;

/** A host float array. */
public record CpuBuffer(float[] data) implements Buffer {
    @Override
    public int size() {
        return data.length;
    }
}
