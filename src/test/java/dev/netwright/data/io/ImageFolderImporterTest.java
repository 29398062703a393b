package dev.netwright.data.io;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading zips of class folders: layout, pixel values, resizing, and refusing unsafe or broken zips. */
class ImageFolderImporterTest {
    @TempDir
    Path dir;

    /** A w×h image in the given type with every pixel set by {@code argb(x, y)}. */
    private static BufferedImage image(int w, int h, int type, IntBinaryOperator argb) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, argb.applyAsInt(x, y));
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    private static byte[] png(int gray) throws IOException {
        return encode(image(2, 2, BufferedImage.TYPE_INT_RGB, (x, y) -> gray * 0x010101), "png");
    }

    private Path zip(Map<String, byte[]> entries) throws IOException {
        Path p = Files.createTempFile(dir, "images", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != null) out.write(e.getValue());
                out.closeEntry();
            }
        }
        return p;
    }

    private static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        return m;
    }

    private static Imported read(Path zip, int w, int h, boolean rgb) {
        return ImageFolderImporter.read(zip, "id", "name", w, h, rgb, ImportLimits.DEFAULT);
    }

    private String error(Map<String, byte[]> entries) throws IOException {
        return error(zip(entries), ImportLimits.DEFAULT);
    }

    private static String error(Path zip, ImportLimits limits) {
        return assertThrows(DataImportException.class, () -> ImageFolderImporter.read(zip, "id", "name", 2, 2, false, limits)).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }

    @Test
    void foldersAreClassesInSortedOrderAndACommonRootIsStripped() throws IOException {
        Path z = zip(entries(
                "pets/", null,
                "pets/dogs/", null,
                "pets/dogs/b.png", png(200),
                "pets/cats/a.png", png(10),
                "pets/cats/c.png", png(30),
                "__MACOSX/pets/cats/._a.png", new byte[]{1, 2, 3},
                "pets/cats/.DS_Store", new byte[]{4, 5},
                "pets/dogs/Thumbs.db", new byte[]{6}));
        Imported im = read(z, 2, 2, false);
        Dataset d = im.dataset();
        assertEquals(Task.MULTICLASS, d.task());
        assertEquals(List.of("cats", "dogs"), d.classNames());
        assertEquals(Shape.of(1, 2, 2), d.featureShape());
        assertArrayEquals(new float[]{0, 0, 1}, d.targets());
        // a 2×2 image read at 2×2 keeps its pixels exactly
        float[] expected = new float[12];
        Arrays.fill(expected, 0, 4, 10 / 255f);
        Arrays.fill(expected, 4, 8, 30 / 255f);
        Arrays.fill(expected, 8, 12, 200 / 255f);
        assertArrayEquals(expected, d.features());
        assertEquals(3, im.sourceTrainCount());
        assertEquals(List.of(), im.featureNames());
        assertContains(d.description(), "3 images in 2 classes, 2×2 grayscale");
    }

    @Test
    void rgbKeepsChannelsAndGrayscaleIsLuma() throws IOException {
        // pixel (1,0) is pure red, the others are (0, 128, 255)
        byte[] img = encode(image(2, 2, BufferedImage.TYPE_INT_RGB, (x, y) -> x == 1 && y == 0 ? 0xff0000 : 0x0080ff), "png");
        Path z = zip(entries("a/1.png", img, "b/1.png", png(0)));
        Dataset rgb = read(z, 2, 2, true).dataset();
        assertEquals(Shape.of(3, 2, 2), rgb.featureShape());
        float[] first = Arrays.copyOf(rgb.features(), 12);
        assertArrayEquals(new float[]{0, 1, 0, 0, 128 / 255f, 0, 128 / 255f, 128 / 255f, 1, 0, 1, 1}, first);

        Dataset gray = read(z, 2, 2, false).dataset();
        assertEquals(0.299f, gray.features()[1], 1e-6);
        assertEquals((0.587f * 128 + 0.114f * 255) / 255f, gray.features()[0], 1e-6);
    }

    @Test
    void grayImagesKeepTheirValuesAndTransparencyIsWhite() throws IOException {
        BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 2, 2, 0, new int[]{100, 0, 255, 37});
        byte[] translucent = encode(image(2, 2, BufferedImage.TYPE_INT_ARGB, (x, y) -> x == 0 ? 0x00000000 : 0x80000000), "png");
        Dataset d = read(zip(entries("g/1.png", encode(gray, "png"), "t/1.png", translucent)), 2, 2, false).dataset();
        assertArrayEquals(new float[]{100 / 255f, 0, 1, 37 / 255f}, Arrays.copyOf(d.features(), 4));
        // fully transparent: white; half transparent black: 255 * (1 - 128/255)
        assertEquals(1f, d.features()[4]);
        assertEquals(127 / 255f, d.features()[5], 1e-6);
    }

    @Test
    void imagesAreResizedWithAFilterThatAveragesWhenShrinking() throws IOException {
        assertArrayEquals(new float[]{0, 63.75f, 191.25f, 255}, ImageFolderImporter.resize(new float[]{0, 255}, 2, 1, 4, 1));
        float[] shrunk = ImageFolderImporter.resize(new float[]{0, 0, 255, 255, 0, 0, 255, 255}, 4, 2, 2, 1);
        assertEquals(2, shrunk.length);
        assertEquals(255 - shrunk[1], shrunk[0], 1e-4, "symmetric");
        assertTrue(shrunk[0] > 0 && shrunk[0] < 64, "the left half is mostly dark: " + shrunk[0]);

        byte[] jpeg = encode(image(40, 30, BufferedImage.TYPE_INT_RGB, (x, y) -> 0x808080), "jpeg");
        byte[] bmp = encode(image(3, 5, BufferedImage.TYPE_INT_RGB, (x, y) -> 0x404040), "bmp");
        byte[] gif = encode(image(7, 7, BufferedImage.TYPE_INT_RGB, (x, y) -> 0xffffff), "gif");
        Dataset d = read(zip(entries("j/1.jpg", jpeg, "b/1.bmp", bmp, "g/1.gif", gif)), 8, 6, false).dataset();
        assertEquals(Shape.of(1, 6, 8), d.featureShape());
        assertEquals(List.of("b", "g", "j"), d.classNames());
        for (int p = 0; p < 48; p++) {
            assertEquals(64 / 255f, d.features()[p], 1e-5, "bmp");
            assertEquals(1f, d.features()[48 + p], 1e-5, "gif");
            assertEquals(128 / 255f, d.features()[96 + p], 3 / 255f, "jpeg");
        }
    }

    @Test
    void unsafeEntryNamesAreRefused() throws IOException {
        for (String name : List.of("../x.png", "cats/../../x.png", "/etc/x.png", "cats\\x.png", "C:/x.png", "cats/./x.png")) {
            assertContains(error(entries("dogs/a.png", png(1), name, png(2))), "Entry '" + name + "' has an unsafe path");
        }
    }

    @Test
    void aZipBombIsStoppedAtTheLimit() throws IOException {
        byte[] zeros = new byte[50 << 20];
        Path bomb = zip(entries("cats/bomb.png", zeros, "dogs/a.png", png(1)));
        assertTrue(Files.size(bomb) < 200_000, "the bomb compresses well: " + Files.size(bomb));
        assertContains(error(bomb, new ImportLimits(1_000_000, 100, 4096 * 4096)),
                "would decompress to 52428", "more than the limit of 1000000 bytes");
    }

    @Test
    void aZipThatUnderstatesItsSizesIsStoppedWhileReading() throws IOException {
        byte[] bmp = encode(new BufferedImage(1500, 1500, BufferedImage.TYPE_3BYTE_BGR), "bmp");
        Path z = zip(entries("cats/big.bmp", bmp, "dogs/a.png", png(1)));
        byte[] bytes = Files.readAllBytes(z);
        // rewrite the central directory's uncompressed size of every entry to 100 bytes
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int patched = 0;
        for (int i = 0; i + 28 < bytes.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                b.putInt(i + 24, 100);
                patched++;
            }
        }
        assertEquals(2, patched);
        Path liar = Files.write(dir.resolve("liar.zip"), bytes);
        assertContains(error(liar, new ImportLimits(1_000_000, 100, 4096 * 4096)),
                "liar.zip decompresses to more than the limit of 1000000 bytes", "entry 'cats/big.bmp'");
    }

    @Test
    void tooManyEntriesOrPixelsAreRefused() throws IOException {
        Path z = zip(entries("a/1.png", png(1), "a/2.png", png(2), "b/1.png", png(3)));
        assertContains(error(z, new ImportLimits(1 << 20, 2, 100)), "has 3 entries, more than the limit of 2");
        Path big = zip(entries("a/1.png", encode(new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB), "png"), "b/1.png", png(3)));
        assertContains(error(big, new ImportLimits(1 << 20, 10, 5000)), "Entry 'a/1.png' is 100×80 pixels, more than the limit of 5000");
    }

    @Test
    void entriesThatAreNotImagesAreNamed() throws IOException {
        assertContains(error(entries("cats/a.png", png(1), "cats/readme.txt", "hello".getBytes(), "dogs/b.png", png(2))),
                "Entry 'cats/readme.txt' is not a PNG, JPEG, GIF or BMP image");
        byte[] good = png(1);
        assertContains(error(entries("cats/a.png", Arrays.copyOf(good, 40), "dogs/b.png", good)),
                "Entry 'cats/a.png' is not a readable PNG image");
    }

    @Test
    void theLayoutMustBeOneFolderPerClass() throws IOException {
        assertContains(error(entries("cats/a.png", png(1), "dogs/b.png", png(2), "c.png", png(3))),
                "Entry 'c.png' is not inside a class folder");
        assertContains(error(entries("cats/a.png", png(1), "cats/b.png", png(2))), "has only one class folder ('cats')");
        assertContains(error(entries("root/cats/a.png", png(1), "root/cats/b.png", png(2))), "has only one class folder ('cats')");
        assertContains(error(entries("empty/", null, "__MACOSX/x", new byte[1])), "contains no images");
        Path notZip = Files.writeString(dir.resolve("plain.zip"), "not a zip at all");
        assertContains(error(notZip, ImportLimits.DEFAULT), "plain.zip is not a valid zip file");
    }
}
