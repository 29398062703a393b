package dev.netwright.data.io;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading IDX image and label files, raw and gzipped, and refusing broken ones. */
class IdxImporterTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    /** An IDX image file of {@code n} images of rows×cols with pixel i = (seed + i) mod 256. */
    private static byte[] images(int n, int rows, int cols, int seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxImporter.IMAGES_MAGIC);
        out.writeInt(n);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < n * rows * cols; i++) out.writeByte((seed + i) % 256);
        return bytes.toByteArray();
    }

    private static byte[] labels(int... labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxImporter.LABELS_MAGIC);
        out.writeInt(labels.length);
        for (int l : labels) out.writeByte(l);
        return bytes.toByteArray();
    }

    private Path raw(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path gzip(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content);
        }
        return p;
    }

    private static List<Path[]> pairs(Path... files) {
        return files.length == 2 ? List.<Path[]>of(new Path[]{files[0], files[1]})
                : List.of(new Path[]{files[0], files[1]}, new Path[]{files[2], files[3]});
    }

    private String error(List<Path[]> pairs, List<String> classNames) {
        return assertThrows(DataImportException.class, () -> IdxImporter.read(pairs, "id", "name", classNames)).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }

    @Test
    void rawFilesBecomeScaledPixelsAndClassIndices() throws IOException {
        Path img = raw("img", images(3, 2, 3, 250)), lab = raw("lab", labels(0, 2, 1));
        Imported im = IdxImporter.read(pairs(img, lab), "id", "name", null);
        Dataset d = im.dataset();
        assertEquals(Task.MULTICLASS, d.task());
        assertEquals(Shape.of(1, 2, 3), d.featureShape());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertArrayEquals(new float[]{0, 2, 1}, d.targets());
        assertEquals(18, d.features().length);
        assertEquals(250 / 255f, d.features()[0]);
        assertEquals(255 / 255f, d.features()[5]);
        assertEquals(0f, d.features()[6]);
        assertEquals(11 / 255f, d.features()[17]);
        assertEquals(3, im.sourceTrainCount());
        assertEquals(List.of(), im.columns());
        assertEquals(List.of(), im.warnings());
    }

    @Test
    void trainAndTestPairsAreConcatenatedAndGzipIsToldByContent() throws IOException {
        // gzipped files without a .gz name, and a raw file with one
        Path trainImg = gzip("train-images", images(4, 2, 2, 0)), trainLab = gzip("train-labels", labels(1, 0, 1, 1));
        Path testImg = raw("test-images.gz", images(2, 2, 2, 100)), testLab = raw("test-labels", labels(0, 1));
        Imported im = IdxImporter.read(pairs(trainImg, trainLab, testImg, testLab), "id", "name", List.of("cat", "dog"));
        Dataset d = im.dataset();
        assertEquals(6, d.size());
        assertEquals(4, im.sourceTrainCount());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new float[]{1, 0, 1, 1, 0, 1}, d.targets());
        assertEquals(15 / 255f, d.features()[15]);
        assertEquals(100 / 255f, d.features()[16]);
        assertContains(d.description(), "6 grayscale images of 2×2", "2 classes");
    }

    @Test
    void wrongMagicNumbersAreRefused() throws IOException {
        Path img = raw("img", images(2, 2, 2, 0)), lab = raw("lab", labels(0, 1));
        assertContains(error(pairs(lab, img), null), "lab is not an IDX image file (magic 0x00000801, expected 0x00000803)", "swapped");
        Path text = raw("notes.txt", "hello, world".getBytes());
        assertContains(error(pairs(text, lab), null), "notes.txt is not an IDX image file (magic 0x68656c6c, expected 0x00000803)");
        assertContains(error(pairs(img, text), null), "notes.txt is not an IDX label file (magic 0x68656c6c, expected 0x00000801)");
        assertContains(error(pairs(raw("tiny", new byte[]{0, 0}), lab), null), "tiny is not an IDX image file (only 2 bytes");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path img = raw("img", images(3, 2, 2, 0)), lab = raw("lab", labels(0, 1));
        assertContains(error(pairs(img, lab), null), "img has 3 images but lab has 2 labels");
    }

    @Test
    void truncatedFilesReportExpectedAndActualBytes() throws IOException {
        byte[] full = images(3, 2, 2, 0);
        Path lab = raw("lab", labels(0, 1, 0));
        Path cut = raw("cut", Arrays.copyOf(full, full.length - 5));
        assertContains(error(pairs(cut, lab), null), "cut is truncated: expected 28 bytes (a 16-byte header and 3 images of 2×2), found 23");
        Path shortHeader = raw("short", Arrays.copyOf(full, 10));
        assertContains(error(pairs(shortHeader, lab), null), "short is truncated: expected 16 bytes", "found 10");
        Path cutLabels = raw("cutlab", Arrays.copyOf(labels(0, 1, 0), 10));
        assertContains(error(pairs(raw("img", full), cutLabels), null), "cutlab is truncated: expected 11 bytes", "found 10");

        // a gzip stream cut short: the pixels that were there are counted
        byte[] big = images(50, 20, 20, 7);
        Path gz = gzip("big.gz", big);
        byte[] compressed = Files.readAllBytes(gz);
        Path cutGz = raw("cut.gz", Arrays.copyOf(compressed, compressed.length / 2));
        String m = error(pairs(cutGz, raw("lab50", labels(IntStream.range(0, 50).map(i -> i % 2).toArray()))), null);
        assertContains(m, "cut.gz is truncated: expected 20016 bytes (a 16-byte header and 50 images of 20×20), found ", "after decompression");
    }

    @Test
    void allPairsMustHoldImagesOfOneSize() throws IOException {
        Path a = raw("a", images(1, 2, 2, 0)), b = raw("b", images(1, 3, 2, 0)), l = raw("l", labels(0));
        assertContains(error(pairs(a, l, b, l), null), "b has images of 3×2 but a has 2×2");
    }

    @Test
    void labelsNeedAClassNameAndTwoClasses() throws IOException {
        Path img = raw("img", images(3, 1, 1, 0));
        assertContains(error(pairs(img, raw("lab", labels(0, 4, 1))), List.of("a", "b", "c")),
                "Label 4 of image 1", "has no class name: 3 names were given");
        assertContains(error(pairs(img, raw("zeros", labels(0, 0, 0))), null), "Every label is 0: a classifier needs at least 2 classes");
    }

    @Test
    void extraBytesAreAWarning() throws IOException {
        byte[] img = images(2, 1, 1, 0);
        byte[] longer = Arrays.copyOf(img, img.length + 3);
        Imported im = IdxImporter.read(pairs(raw("img", longer), raw("lab", labels(0, 1))), "id", "name", null);
        assertEquals(List.of("img has bytes after its 2 images; they were ignored"), im.warnings());
    }

    @Test
    void fashionMnistImportsQuickly() {
        Assumptions.assumeTrue(Files.isDirectory(FASHION), "Fashion-MNIST is not installed at " + FASHION);
        List<Path[]> files = List.of(
                new Path[]{FASHION.resolve("train-images-idx3-ubyte.gz"), FASHION.resolve("train-labels-idx1-ubyte.gz")},
                new Path[]{FASHION.resolve("t10k-images-idx3-ubyte.gz"), FASHION.resolve("t10k-labels-idx1-ubyte.gz")});
        long t0 = System.nanoTime();
        Imported im = IdxImporter.read(files, "fashion", "Fashion-MNIST", null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Fashion-MNIST import (70,000 images, gzipped): %.2f s%n", seconds);
        Dataset d = im.dataset();
        assertEquals(70_000, d.size());
        assertEquals(60_000, im.sourceTrainCount());
        assertEquals(10, d.classes());
        assertEquals(Shape.of(1, 28, 28), d.featureShape());
        assertEquals(9f, d.targets()[0], "the first training image is an ankle boot");
        float max = 0;
        for (float v : d.features()) max = Math.max(max, v);
        assertEquals(1f, max);
        assertTrue(seconds < 15, "import took " + seconds + " s; it should take well under 5 s on an idle machine");
    }
}
