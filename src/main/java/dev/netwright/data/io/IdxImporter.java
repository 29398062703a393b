package dev.netwright.data.io;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads labelled grayscale images in the IDX format of MNIST and Fashion-MNIST. Each pair of files is an image file
 * (big-endian magic {@code 0x00000803}, then count, rows, columns, then one unsigned byte per pixel) and a label file
 * ({@code 0x00000801}, then count, then one unsigned byte per label). Either file may be gzipped; that is told by
 * its first two bytes, not its name.
 *
 * <p>Pixels become {@code value / 255} in samples of shape [1, rows, cols]; the task is {@link Task#MULTICLASS}.
 * Pairs are concatenated in order, so with train and test pairs the first {@link Imported#sourceTrainCount()}
 * samples are the training ones.
 */
public final class IdxImporter {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int IMAGE_HEADER = 16;
    private static final int LABEL_HEADER = 8;
    private static final int CHUNK = 1 << 20;
    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) SCALE[i] = i / 255f;
    }

    private IdxImporter() {
    }

    private record ImageFile(Path path, int count, int rows, int cols) {
        long pixels() {
            return (long) count * rows * cols;
        }
    }

    /**
     * Reads the pairs {images, labels} into one data set.
     *
     * @param classNames names of the classes by label; null: "0" .. "k-1" where k is the largest label + 1
     * @throws DataImportException when a file is not IDX, is truncated, or does not fit the others
     */
    public static Imported read(List<Path[]> imageLabelPairs, String id, String name, List<String> classNames) {
        if (imageLabelPairs == null || imageLabelPairs.isEmpty()) {
            throw new DataImportException("No IDX files were given: an images file and a labels file are needed");
        }
        List<ImageFile> images = new ArrayList<>();
        List<byte[]> labels = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path[] pair : imageLabelPairs) {
            if (pair == null || pair.length != 2 || pair[0] == null || pair[1] == null) {
                throw new IllegalArgumentException("Each IDX pair must be {images, labels}. Received: " + Arrays.toString(pair));
            }
            ImageFile f = imageHeader(pair[0]);
            if (!images.isEmpty() && (f.rows != images.getFirst().rows || f.cols != images.getFirst().cols)) {
                ImageFile first = images.getFirst();
                throw new DataImportException(fileName(f.path) + " has images of " + f.rows + "×" + f.cols + " but " + fileName(first.path)
                        + " has " + first.rows + "×" + first.cols + ": all files must hold images of one size");
            }
            images.add(f);
            labels.add(labels(pair[1], f, warnings));
        }
        ImageFile first = images.getFirst();
        int pixels = Math.toIntExact((long) first.rows * first.cols);
        long total = images.stream().mapToLong(ImageFile::count).sum();
        if (total == 0) throw new DataImportException("The IDX files hold no images");
        if (total * pixels > Integer.MAX_VALUE - 8) {
            throw new DataImportException("The IDX files are too large: " + total + " images of " + first.rows + "×" + first.cols
                    + " are " + total * pixels + " pixels, more than the " + (Integer.MAX_VALUE - 8) + " one data set can hold");
        }
        List<String> names = classNames(images, labels, classNames);

        float[] x = new float[(int) (total * pixels)];
        float[] y = new float[(int) total];
        int at = 0;
        for (int p = 0; p < images.size(); p++) {
            readPixels(images.get(p), x, at * pixels, warnings);
            byte[] l = labels.get(p);
            for (int i = 0; i < l.length; i++) y[at + i] = l[i] & 0xff;
            at += l.length;
        }
        String description = "IDX images " + String.join(" + ", images.stream().map(f -> fileName(f.path) + " (" + f.count + ")").toList())
                + ": " + total + " grayscale images of " + first.rows + "×" + first.cols + ", " + names.size() + " classes";
        Dataset d = new Dataset(id, name, description, Task.MULTICLASS, Shape.of(1, first.rows, first.cols), 1, names, x, y);
        return new Imported(d, List.of(), List.of(), warnings, first.count);
    }

    /** The class names: as given (every label must have one), else the numbers up to the largest label. */
    private static List<String> classNames(List<ImageFile> images, List<byte[]> labels, List<String> given) {
        int max = -1;
        for (int p = 0; p < labels.size(); p++) {
            byte[] l = labels.get(p);
            for (int i = 0; i < l.length; i++) {
                int label = l[i] & 0xff;
                if (given != null && label >= given.size()) {
                    throw new DataImportException("Label " + label + " of image " + i + " (counting from 0) in the labels for " + fileName(images.get(p).path)
                            + " has no class name: " + given.size() + " names were given (labels 0.." + (given.size() - 1) + ")");
                }
                max = Math.max(max, label);
            }
        }
        List<String> names = given != null ? List.copyOf(given) : IntStream.rangeClosed(0, max).mapToObj(Integer::toString).toList();
        if (names.size() < 2) {
            throw new DataImportException("Every label is " + max + ": a classifier needs at least 2 classes");
        }
        return names;
    }

    private static ImageFile imageHeader(Path path) {
        try (InputStream in = open(path)) {
            byte[] h = in.readNBytes(IMAGE_HEADER);
            checkMagic(path, h, IMAGES_MAGIC, "image");
            if (h.length < IMAGE_HEADER) throw truncated(path, IMAGE_HEADER, h.length, "a 16-byte header");
            int count = bigEndian(h, 4), rows = bigEndian(h, 8), cols = bigEndian(h, 12);
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new DataImportException(fileName(path) + " has an impossible size: " + count + " images of " + rows + "×" + cols);
            }
            ImageFile f = new ImageFile(path, count, rows, cols);
            checkSize(path, IMAGE_HEADER + f.pixels(), "a 16-byte header and " + count + " images of " + rows + "×" + cols);
            return f;
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    /** The labels of {@code images}, which must be as many as its images. */
    private static byte[] labels(Path path, ImageFile images, List<String> warnings) {
        try (InputStream in = open(path)) {
            byte[] h = in.readNBytes(LABEL_HEADER);
            checkMagic(path, h, LABELS_MAGIC, "label");
            if (h.length < LABEL_HEADER) throw truncated(path, LABEL_HEADER, h.length, "an 8-byte header");
            int count = bigEndian(h, 4);
            if (count != images.count) {
                throw new DataImportException(fileName(images.path) + " has " + images.count + " images but " + fileName(path) + " has "
                        + count + " labels: they must be as many");
            }
            String content = "an 8-byte header and " + count + " labels";
            checkSize(path, LABEL_HEADER + (long) count, content);
            byte[] labels = new byte[count];
            int got = readFully(in, labels, 0, count);
            if (got < count) throw truncated(path, LABEL_HEADER + (long) count, LABEL_HEADER + (long) got, content);
            if (in.read() != -1) warnings.add(fileName(path) + " has bytes after its " + count + " labels; they were ignored");
            return labels;
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    /** Streams the pixels of {@code f} into {@code x} from {@code offset}, a chunk at a time through a lookup table. */
    private static void readPixels(ImageFile f, float[] x, int offset, List<String> warnings) {
        long expected = f.pixels();
        long done = 0;
        String content = "a 16-byte header and " + f.count + " images of " + f.rows + "×" + f.cols;
        try (InputStream in = open(f.path)) {
            in.skipNBytes(IMAGE_HEADER);
            byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(expected, 1))];
            while (done < expected) {
                int want = (int) Math.min(chunk.length, expected - done);
                int got = readFully(in, chunk, 0, want);
                int base = offset + (int) done;
                for (int i = 0; i < got; i++) x[base + i] = SCALE[chunk[i] & 0xff];
                done += got;
                if (got < want) throw truncated(f.path, IMAGE_HEADER + expected, IMAGE_HEADER + done, content);
            }
            if (in.read() != -1) warnings.add(fileName(f.path) + " has bytes after its " + f.count + " images; they were ignored");
        } catch (IOException e) {
            throw unreadable(f.path, e);
        }
    }

    /**
     * Reads up to {@code len} bytes; fewer only at the end of the data. A gzip stream cut short ends the data too
     * (it throws {@link EOFException}), so the caller can report how much there was.
     */
    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = 0;
        try {
            for (int k; n < len && (k = in.read(b, off + n, len - n)) > 0; ) n += k;
        } catch (EOFException e) {
            return n;
        }
        return n;
    }

    /**
     * Fails before anything is allocated when the file cannot hold {@code expected} bytes: a raw file must be that
     * long; a gzip file cannot inflate by more than deflate's ratio (about 1032:1).
     */
    private static void checkSize(Path path, long expected, String content) throws IOException {
        long size = Files.size(path);
        if (!isGzip(path) && size < expected) throw truncated(path, expected, size, content);
        if (isGzip(path) && expected > size * 1032 + 1024) {
            throw new DataImportException(fileName(path) + " is truncated: expected " + expected + " bytes (" + content + ") after decompression, but "
                    + size + " gzipped bytes cannot hold more than " + (size * 1032 + 1024));
        }
    }

    private static void checkMagic(Path path, byte[] header, int expected, String kind) {
        if (header.length < 4) {
            throw new DataImportException(fileName(path) + " is not an IDX " + kind + " file (only " + header.length + " bytes, expected a magic number 0x"
                    + hex(expected) + ")");
        }
        int magic = bigEndian(header, 0);
        if (magic != expected) {
            int other = expected == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC;
            throw new DataImportException(fileName(path) + " is not an IDX " + kind + " file (magic 0x" + hex(magic) + ", expected 0x" + hex(expected) + ")"
                    + (magic == other ? ": it looks like a " + (kind.equals("image") ? "label" : "image") + " file; are images and labels swapped?" : ""));
        }
    }

    private static DataImportException truncated(Path path, long expected, long actual, String content) {
        return new DataImportException(fileName(path) + " is truncated: expected " + expected + " bytes (" + content + "), found " + actual
                + (isGzip(path) ? " after decompression" : ""));
    }

    private static DataImportException unreadable(Path path, IOException e) {
        return new DataImportException("Cannot read " + fileName(path) + (isGzip(path) ? " (gzip)" : "") + ": " + e.getMessage(), e);
    }

    /** The file's content, decompressed when it starts with the gzip magic bytes 0x1f 0x8b. */
    private static InputStream open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            in.mark(2);
            int a = in.read(), b = in.read();
            in.reset();
            return a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isGzip(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }

    private static String fileName(Path path) {
        return String.valueOf(path.getFileName());
    }
}
