package dev.netwright.datasets;

import dev.netwright.data.Dataset;
import dev.netwright.data.DatasetCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Immutable sample files, named by the SHA-256 of their bytes ({@code <home>/data/ab/abcdef….nwds}): the same
 * samples are stored once, and a file never changes after it is written. A file appears under its final name only
 * once it is complete (written to {@code tmp/}, then moved), so a failed import leaves nothing half-stored.
 */
@ApplicationScoped
public class DatasetStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Where a data set's samples went. */
    public record Stored(String sha256, long bytes) {
    }

    private final Path root;

    /** {@code home}: {@code netwright.home}; the files go to {@code home/data}. */
    @Inject
    public DatasetStore(@ConfigProperty(name = "netwright.home") Path home) {
        this.root = home.resolve("data");
    }


    /** Writes the samples (if not stored already) and returns their address. */
    public Stored store(Dataset data) {
        Path tmp = null;
        try {
            Files.createDirectories(tmpDir());
            tmp = Files.createTempFile(tmpDir(), "write-", ".nwds");
            String sha;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                sha = DatasetCodec.write(data, out);
            }
            long size = Files.size(tmp);
            Path target = path(sha);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(tmp);
            } else {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new Stored(sha, size);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Could not store data set '" + data.name() + "' under " + root + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Reads stored samples back; {@code id} becomes the data set's id. */
    public Dataset load(String sha256, String id) {
        Path p = path(sha256);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("The samples of data set " + id + " are missing: " + p + " does not exist");
        }
        return DatasetCodec.read(p, id);
    }

    public void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh empty file for an upload to stream into (the caller deletes it). */
    public Path newUploadFile(String suffix) {
        try {
            Files.createDirectories(tmpDir());
            return Files.createTempFile(tmpDir(), "upload-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 (hex) of a file's bytes. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) throw new IllegalArgumentException("Not a SHA-256 hex digest: " + sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".nwds");
    }

    private Path tmpDir() {
        return root.resolve("tmp");
    }

    static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temp file is harmless
        }
    }
}
