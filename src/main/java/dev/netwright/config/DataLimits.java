package dev.netwright.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of data set imports, {@code netwright.data.*}. */
@ConfigMapping(prefix = "netwright.data")
public interface DataLimits {
    /** Largest upload (one request, all files together). */
    @WithDefault("512M")
    MemorySize maxUploadSize();

    /** Largest total of the uncompressed entries of an image zip (zip bombs stop here). */
    @WithDefault("2G")
    MemorySize maxUncompressedSize();

    /** Most entries an image zip may have. */
    @WithDefault("200000")
    int maxZipEntries();
}
