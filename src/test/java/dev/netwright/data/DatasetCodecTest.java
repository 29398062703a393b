package dev.netwright.data;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetCodecTest {
    @TempDir
    Path dir;

    /** n 8-bit images [1, 5, 4] scaled to [0, 1] (k / 255f), labels 0..2. */
    static Dataset bytesImages(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 20], y = new float[n];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(256) / 255f;
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(3);
        return new Dataset("img", "Tiny images", "8-bit pixels", Task.MULTICLASS, Shape.of(1, 5, 4), 1, List.of("a", "b", "c"), x, y);
    }

    private Path write(Dataset d, String file) throws IOException {
        Path p = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(p)) {
            DatasetCodec.write(d, out);
        }
        return p;
    }

    private static void assertSameData(Dataset want, Dataset got) {
        assertEquals(want.name(), got.name());
        assertEquals(want.description(), got.description());
        assertEquals(want.task(), got.task());
        assertEquals(want.featureShape(), got.featureShape());
        assertEquals(want.targetSize(), got.targetSize());
        assertEquals(want.classNames(), got.classNames());
        assertArrayEquals(want.features(), got.features());
        assertArrayEquals(want.targets(), got.targets());
    }

    @Test
    void floatDataRoundTrips() throws IOException {
        Dataset d = BuiltinDatasets.find("moons").orElseThrow();
        Path p = write(d, "moons.nwds");
        Dataset back = DatasetCodec.read(p, "other-id");
        assertEquals("other-id", back.id());
        assertSameData(d, back);
        assertTrue(Files.size(p) > (long) d.features().length * 4, "F32: four bytes per value");
    }

    @Test
    void eightBitImagesAreStoredOneBytePerValueAndRoundTripExactly() throws IOException {
        Dataset d = bytesImages(50, 1);
        assertTrue(DatasetCodec.bytePixels(d.features()));
        Path p = write(d, "img.nwds");
        long body = 50 * 20 + 50 * 4;
        assertTrue(Files.size(p) >= body && Files.size(p) < body + 100, "U8 file of " + Files.size(p) + " bytes");
        assertSameData(d, DatasetCodec.read(p, "x"));
    }

    @Test
    void almostBytesStayFloat() throws IOException {
        Dataset d = bytesImages(10, 2);
        float[] x = d.features().clone();
        x[7] = 0.5f;   // 127.5 / 255: not a byte value
        Dataset mixed = new Dataset("m", d.name(), d.description(), d.task(), d.featureShape(), 1, d.classNames(), x, d.targets());
        assertFalse(DatasetCodec.bytePixels(x));
        assertFalse(DatasetCodec.bytePixels(new float[]{-0f}));
        assertFalse(DatasetCodec.bytePixels(new float[]{Float.NaN}));
        Path p = write(mixed, "mixed.nwds");
        assertTrue(Files.size(p) > 10 * 20 * 4);
        assertSameData(mixed, DatasetCodec.read(p, "m"));
    }

    @Test
    void unusualTextsAndSequenceShapesRoundTrip() throws IOException {
        Dataset d = new Dataset("s", "Séquences ✓ 日本", null, Task.REGRESSION, Shape.of(3, 2), 2, List.of(),
                new float[]{1, 2, 3, 4, 5, 6, -1, Float.NaN, 1e-30f, 7, 8, 9}, new float[]{0.5f, -0.5f, 1, 2});
        Dataset back = DatasetCodec.read(write(d, "s.nwds"), "s");
        assertNull(back.description());
        assertSameData(d, back);
        Dataset empty = new Dataset("e", "Empty", "", Task.BINARY, Shape.of(2), 1, List.of("no", "yes"), new float[0], new float[0]);
        assertSameData(empty, DatasetCodec.read(write(empty, "e.nwds"), "e"));
    }

    @Test
    void theHashAddressesTheContentNotTheId() throws Exception {
        Dataset a = bytesImages(30, 3), b = bytesImages(30, 3);
        Dataset renamedId = new Dataset("another-id", a.name(), a.description(), a.task(), a.featureShape(), 1, a.classNames(), a.features(), a.targets());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String ha = DatasetCodec.write(a, bytes);
        assertEquals(64, ha.length());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())), ha, "the hash of the bytes written");
        assertEquals(ha, DatasetCodec.sha256(b));
        assertEquals(ha, DatasetCodec.sha256(renamedId));
        float[] x = a.features().clone();
        x[0] = x[0] == 0 ? 1 / 255f : 0;
        Dataset changed = new Dataset("img", a.name(), a.description(), a.task(), a.featureShape(), 1, a.classNames(), x, a.targets());
        assertNotEquals(ha, DatasetCodec.sha256(changed));
        Dataset renamed = new Dataset("img", "Other name", a.description(), a.task(), a.featureShape(), 1, a.classNames(), a.features(), a.targets());
        assertNotEquals(ha, DatasetCodec.sha256(renamed));
    }

    @Test
    void wrongMagicTruncationAndTrailingBytesAreReported() throws IOException {
        Path notData = dir.resolve("x.csv");
        Files.writeString(notData, "a,b,c\n1,2,3\n");
        var e = assertThrows(UncheckedIOException.class, () -> DatasetCodec.read(notData, "x"));
        assertTrue(e.getMessage().contains("not a Netwright data set file"), e.getMessage());

        Path p = write(bytesImages(20, 4), "img.nwds");
        byte[] all = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.nwds");
        Files.write(cut, Arrays.copyOf(all, all.length - 3));
        e = assertThrows(UncheckedIOException.class, () -> DatasetCodec.read(cut, "c"));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(String.valueOf(all.length - 3)), e.getMessage());

        Path headerOnly = dir.resolve("head.nwds");
        Files.write(headerOnly, Arrays.copyOf(all, 10));
        e = assertThrows(UncheckedIOException.class, () -> DatasetCodec.read(headerOnly, "h"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path longer = dir.resolve("long.nwds");
        Files.write(longer, Arrays.copyOf(all, all.length + 1));
        e = assertThrows(UncheckedIOException.class, () -> DatasetCodec.read(longer, "l"));
        assertTrue(e.getMessage().contains("trailing bytes"), e.getMessage());

        byte[] v2 = all.clone();
        v2[4] = 2;
        Path future = dir.resolve("v2.nwds");
        Files.write(future, v2);
        e = assertThrows(UncheckedIOException.class, () -> DatasetCodec.read(future, "v"));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }
}
