package dev.netwright.training;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The latest checkpoint of each run, one file {@code home/checkpoints/run-<id>.ckpt}, written to a temporary file
 * and moved into place, so a crash while writing leaves the previous checkpoint whole.
 */
@ApplicationScoped
public class CheckpointStore {
    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);
    private final Path dir;

    public CheckpointStore(@ConfigProperty(name = "netwright.home") Path home) {
        this.dir = home.resolve("checkpoints");
    }

    private Path file(long runId) {
        return dir.resolve("run-" + runId + ".ckpt");
    }

    public void save(long runId, Checkpoint c) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "run-" + runId + "-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    c.write(out);
                }
                try {
                    Files.move(tmp, file(runId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file(runId), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint of run " + runId + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The run's checkpoint; empty when it has none or the file cannot be read (logged). */
    public Optional<Checkpoint> load(long runId) {
        Path f = file(runId);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try (InputStream in = Files.newInputStream(f)) {
            return Optional.of(Checkpoint.read(in));
        } catch (IOException e) {
            LOG.warnf("The checkpoint of run %d (%s) cannot be read: %s", runId, f, e.getMessage());
            return Optional.empty();
        }
    }

    /** The header of the run's checkpoint (epoch, step, time), without reading the weights. */
    public Optional<Checkpoint.Info> info(long runId) {
        Path f = file(runId);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try (InputStream in = Files.newInputStream(f)) {
            return Optional.of(Checkpoint.readInfo(in));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void delete(long runId) {
        try {
            Files.deleteIfExists(file(runId));
        } catch (IOException e) {
            LOG.warnf("Cannot delete the checkpoint of run %d: %s", runId, e.getMessage());
        }
    }
}
