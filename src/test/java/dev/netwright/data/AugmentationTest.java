package dev.netwright.data;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {
    private static final int H = 9, W = 11;
    private static final Shape SHAPE = Shape.of(2, H, W);

    /** Distinct positive values: channel c, pixel (x, y) → 1 + c·H·W + y·W + x. */
    static float[] ramp() {
        float[] x = new float[SHAPE.size()];
        for (int i = 0; i < x.length; i++) x[i] = 1 + i;
        return x;
    }

    static float at(float[] img, int c, int y, int x) {
        return img[c * H * W + y * W + x];
    }

    static boolean mirrored(float[] a, float[] b) {
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) if (at(a, c, y, x) != at(b, c, y, W - 1 - x)) return false;
        }
        return true;
    }

    @Test
    void flipMirrorsHalfTheTimeAndTwiceIsIdentity() {
        Augmentation flip = new Augmentation(true, 0, 0, 0);
        Rng rng = new Rng(1);
        float[] scratch = new float[SHAPE.size()];
        float[] original = ramp();
        int flips = 0;
        float[] once = null;
        for (int k = 0; k < 200; k++) {
            float[] img = ramp();
            flip.apply(img, 0, SHAPE, rng, scratch);
            if (mirrored(img, original)) {
                flips++;
                once = img;
            } else {
                assertArrayEquals(original, img, "not flipped means unchanged");
            }
        }
        assertTrue(flips > 70 && flips < 130, "flips " + flips);
        float[] twice = once.clone();
        do {
            twice = once.clone();
            flip.apply(twice, 0, SHAPE, rng, scratch);
        } while (Arrays.equals(twice, once));
        assertArrayEquals(original, twice);
    }

    @Test
    void shiftMovesEveryPixelByTheSameWholeAmountWithZeroFill() {
        int max = 2;
        Augmentation shift = new Augmentation(false, max, 0, 0);
        Rng rng = new Rng(2);
        float[] scratch = new float[SHAPE.size()];
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < 400; k++) {
            float[] img = ramp(), in = ramp();
            shift.apply(img, 0, SHAPE, rng, scratch);
            // the centre pixel cannot fall off the image: its value tells where it came from
            int source = (int) at(img, 0, H / 2, W / 2) - 1, sx = source % W, sy = source / W;
            int dx = W / 2 - sx, dy = H / 2 - sy;
            assertTrue(Math.abs(dx) <= max && Math.abs(dy) <= max, dx + ", " + dy);
            seen.add(dx + "," + dy);
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int fx = x - dx, fy = y - dy;
                        float want = fx >= 0 && fx < W && fy >= 0 && fy < H ? at(in, c, fy, fx) : 0f;
                        assertEquals(want, at(img, c, y, x), "shift " + dx + "," + dy + " at " + c + "," + y + "," + x);
                    }
                }
            }
        }
        assertEquals(25, seen.size(), "every shift in [-2, 2]² occurs: " + seen);
    }

    @Test
    void aKnownShiftMovesOnePixel() {
        float[] img = new float[SHAPE.size()];
        img[3 * W + 4] = 1;   // channel 0, (x, y) = (4, 3)
        float[] scratch = new float[img.length];
        Rng rng = new Rng(5);
        Augmentation shift = new Augmentation(false, 1, 0, 0);
        for (int k = 0; k < 50; k++) {
            float[] out = img.clone();
            shift.apply(out, 0, SHAPE, rng, scratch);
            int on = -1;
            for (int i = 0; i < out.length; i++) {
                if (out[i] != 0) {
                    assertEquals(-1, on, "one pixel lit");
                    on = i;
                }
            }
            int x = on % W, y = on / W;
            assertTrue(Math.abs(x - 4) <= 1 && Math.abs(y - 3) <= 1 && on < H * W, "moved to " + x + "," + y);
        }
    }

    @Test
    void noRotationAndNoNoiseIsIdentity() {
        float[] img = ramp();
        new Augmentation(false, 0, 0.0, 0.0).apply(img, 0, SHAPE, new Rng(1), new float[img.length]);
        assertArrayEquals(ramp(), img);
        Augmentation.NONE.apply(img, 0, SHAPE, new Rng(1), new float[img.length]);
        assertArrayEquals(ramp(), img);
        assertTrue(Augmentation.NONE.isNone());
        assertFalse(new Augmentation(false, 0, 0, 0.1).isNone());
    }

    @Test
    void rotationTurnsAPointAboutTheCentreWithinTheMaximumAngle() {
        Shape s = Shape.of(1, 21, 21);
        Augmentation rot = new Augmentation(false, 0, 30, 0);
        Rng rng = new Rng(3);
        float[] scratch = new float[s.size()];
        double minAngle = 0, maxAngle = 0;
        for (int k = 0; k < 100; k++) {
            float[] img = new float[s.size()];
            img[10 * 21 + 17] = 1;   // (x, y) = (17, 10): 7 px right of the centre (10, 10)
            img[10 * 21 + 10] = 1;   // the centre itself
            rot.apply(img, 0, s, rng, scratch);
            assertEquals(1f, img[10 * 21 + 10], 1e-6, "the centre stays");
            double mass = 0, mx = 0, my = 0;
            for (int y = 0; y < 21; y++) {
                for (int x = 0; x < 21; x++) {
                    float v = img[y * 21 + x];
                    if (Math.hypot(x - 10, y - 10) < 3) continue;
                    mass += v;
                    mx += v * (x - 10);
                    my += v * (y - 10);
                }
            }
            assertEquals(1, mass, 0.25, "bilinear sampling keeps about the mass");
            double radius = Math.hypot(mx / mass, my / mass), angle = Math.toDegrees(Math.atan2(my / mass, mx / mass));
            assertEquals(7, radius, 0.6, "distance to the centre");
            assertTrue(Math.abs(angle) <= 31, "angle " + angle);
            minAngle = Math.min(minAngle, angle);
            maxAngle = Math.max(maxAngle, angle);
        }
        assertTrue(minAngle < -20 && maxAngle > 20, "angles spread over ±30: " + minAngle + ".." + maxAngle);
    }

    @Test
    void noiseIsAdditiveGaussianWithTheGivenStd() {
        Shape s = Shape.of(1, 40, 40);
        float[] img = new float[s.size()];
        Arrays.fill(img, 0.5f);
        new Augmentation(false, 0, 0, 0.2).apply(img, 0, s, new Rng(4), new float[img.length]);
        double sum = 0, sq = 0;
        for (float v : img) {
            sum += v - 0.5;
            sq += (v - 0.5) * (v - 0.5);
        }
        assertEquals(0, sum / img.length, 0.02);
        assertEquals(0.2, Math.sqrt(sq / img.length), 0.02);
    }

    @Test
    void appliesAtAnOffsetWithoutTouchingNeighbours() {
        float[] batch = new float[3 * SHAPE.size()];
        Arrays.fill(batch, 7f);
        new Augmentation(false, 2, 10, 0.1).apply(batch, SHAPE.size(), SHAPE, new Rng(6), new float[SHAPE.size()]);
        for (int i = 0; i < SHAPE.size(); i++) {
            assertEquals(7f, batch[i]);
            assertEquals(7f, batch[2 * SHAPE.size() + i]);
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Augmentation(true, 0, 0, 0).apply(batch, 0, SHAPE, new Rng(1), new float[10]));
        assertTrue(e.getMessage().contains("scratch of " + SHAPE.size()), e.getMessage());
    }

    @Test
    void problemsNameTheShapeAndTheValues() {
        assertEquals(List.of("Augmentation needs image samples [C,H,W]; this data set has samples of shape [4]"),
                new Augmentation(true, 0, 0, 0).problems(Shape.of(4)));
        assertEquals(List.of(), Augmentation.NONE.problems(Shape.of(4)));
        assertEquals(List.of(), new Augmentation(true, 2, 10, 0.1).problems(Shape.of(1, 28, 28)));
        List<String> p = new Augmentation(false, -1, 200, Double.NaN).problems(Shape.of(1, 28, 28));
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).contains("-1") && p.get(1).contains("200") && p.get(2).contains("NaN"), p.toString());
        assertTrue(new Augmentation(false, 28, 0, 0).problems(Shape.of(1, 28, 28)).getFirst().contains("28"));
    }

    @Test
    void labelWarningsForMirrorAndRotationPairs() {
        Augmentation flip = new Augmentation(true, 0, 0, 0);
        List<String> w = Augmentation.labelWarnings(flip, List.of("b", "d"));
        assertTrue(w.contains("Horizontal flip may change the label: 'b' mirrored looks like 'd'"), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.contains("letters and digits")), w.toString());
        assertEquals(List.of(), Augmentation.labelWarnings(new Augmentation(true, 3, 90, 0.1), List.of("cat", "dog")));
        assertEquals(List.of(), Augmentation.labelWarnings(new Augmentation(false, 3, 10, 0), List.of("b", "d", "6", "9")));
        List<String> digits = Augmentation.labelWarnings(flip, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        assertEquals(1, digits.size(), digits.toString());
        List<String> rot = Augmentation.labelWarnings(new Augmentation(false, 0, 60, 0), List.of("6", "9", "M", "W"));
        assertTrue(rot.contains("Rotation up to 60° may change the label: '6' rotated looks like '9'"), rot.toString());
        assertTrue(rot.contains("Rotation up to 60° may change the label: 'M' rotated looks like 'W'"), rot.toString());
        assertEquals(List.of(), Augmentation.labelWarnings(new Augmentation(false, 0, 45, 0), List.of("6", "9")));
        List<String> arrows = Augmentation.labelWarnings(flip, List.of("Left arrow", "right arrow", "up"));
        assertEquals(List.of("Horizontal flip may change the label: 'Left arrow' mirrored looks like 'right arrow'"), arrows);
    }

    @Test
    void previewGivesCountDeterministicCopies() {
        Dataset d = GeneratorCatalog.generate("shapes-28", java.util.Map.of("size", 6.0), "s", "s");
        Augmentation a = new Augmentation(true, 2, 10, 0.05);
        float[] p = Augmentation.preview(d, 4, a, 5, 9);
        assertEquals(5 * 784, p.length);
        assertArrayEquals(p, Augmentation.preview(d, 4, a, 5, 9));
        assertFalse(Arrays.equals(Arrays.copyOf(p, 784), Arrays.copyOfRange(d.features(), 4 * 784, 5 * 784)));
        float[] same = Augmentation.preview(d, 4, Augmentation.NONE, 2, 9);
        assertArrayEquals(Arrays.copyOfRange(d.features(), 4 * 784, 5 * 784), Arrays.copyOf(same, 784));
        var e = assertThrows(IllegalArgumentException.class, () -> Augmentation.preview(d, 6, a, 5, 9));
        assertTrue(e.getMessage().contains("0..5") && e.getMessage().contains("6"), e.getMessage());
        Dataset tabular = BuiltinDatasets.find("moons").orElseThrow();
        e = assertThrows(IllegalArgumentException.class, () -> Augmentation.preview(tabular, 0, a, 5, 9));
        assertTrue(e.getMessage().contains("[C,H,W]"), e.getMessage());
    }
}
