package dev.netwright.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** Settings under {@code netwright.*} that the whole application shares. */
@ConfigMapping(prefix = "netwright")
public interface NetwrightConfig {

    /**
     * Data directory: the H2 database lives in {@code home/db}. Set with {@code NETWRIGHT_HOME};
     * defaults to {@code ~/.netwright}.
     */
    Path home();
}
