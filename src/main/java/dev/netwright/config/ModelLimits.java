package dev.netwright.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the model registry, {@code netwright.models.*}. */
@ConfigMapping(prefix = "netwright.models")
public interface ModelLimits {
    /** Largest ONNX file {@code POST /api/models} accepts (one request). */
    @WithDefault("256M")
    MemorySize maxUploadSize();
}
