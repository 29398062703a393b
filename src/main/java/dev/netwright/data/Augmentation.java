package dev.netwright.data;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Random transforms of training images [C, H, W], drawn afresh for every sample and applied to all its channels:
 * a horizontal flip with probability ½ (when {@code flipHorizontal}), a shift by whole pixels dx, dy uniform in
 * [−maxShift, maxShift], a rotation by θ uniform in [−maxRotationDegrees, maxRotationDegrees] about the image
 * centre, and additive Gaussian noise of std {@code noiseStd} on every value. Pixels that come from outside the
 * image are 0.
 *
 * <p>Geometry: with centre c = ((W−1)/2, (H−1)/2), the output pixel p takes the input at
 * q = R(−θ)·(p − d − c) + c, mirrored q_x → W−1−q_x when flipped, where d = (dx, dy); without rotation the pixels
 * move exactly, with rotation q is sampled bilinearly.
 *
 * <p>The transform must not change what the image shows: {@link #labelWarnings} names the class pairs a flip or a
 * large rotation would confuse ('b' mirrored is 'd', '6' rotated is '9').
 */
public record Augmentation(boolean flipHorizontal, int maxShift, double maxRotationDegrees, double noiseStd) {
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(false, 0, 0, 0);

    /** Largest noise std and rotation accepted by {@link #problems}. */
    public static final double MAX_NOISE_STD = 10, MAX_ROTATION_DEGREES = 180;

    private static final String[][] MIRROR_PAIRS = {{"b", "d"}, {"p", "q"}, {"(", ")"}, {"[", "]"}, {"{", "}"}, {"<", ">"}, {"/", "\\"}};
    private static final String[][] ROTATION_PAIRS = {{"6", "9"}, {"M", "W"}, {"m", "w"}, {"n", "u"}, {"b", "q"}, {"d", "p"}, {"N", "Z"}};

    /** Whether this changes nothing. */
    public boolean isNone() {
        return !flipHorizontal && maxShift == 0 && maxRotationDegrees == 0 && noiseStd == 0;
    }

    /** Why this cannot augment samples of {@code featureShape} (empty when it can, and always for {@link #NONE}). */
    public List<String> problems(Shape featureShape) {
        List<String> p = new ArrayList<>();
        if (isNone()) return p;
        if (maxShift < 0) p.add("The maximum shift must be >= 0 pixels. Received: " + maxShift);
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= MAX_ROTATION_DEGREES)) {
            p.add("The maximum rotation must be in 0.." + degrees(MAX_ROTATION_DEGREES) + " degrees. Received: " + maxRotationDegrees);
        }
        if (!(noiseStd >= 0 && noiseStd <= MAX_NOISE_STD)) p.add("The noise std must be in [0, " + MAX_NOISE_STD + "]. Received: " + noiseStd);
        if (featureShape.rank() != 3) {
            p.add("Augmentation needs image samples [C,H,W]; this data set has samples of shape " + featureShape);
        } else if (maxShift >= Math.min(featureShape.dim(1), featureShape.dim(2))) {
            p.add("The maximum shift of " + maxShift + " pixels would move " + featureShape.dim(1) + "×" + featureShape.dim(2)
                    + " images out of view; use less than " + Math.min(featureShape.dim(1), featureShape.dim(2)));
        }
        return p;
    }

    /**
     * Augments the sample at {@code batch[offset .. offset + C·H·W)} in place, drawing from {@code rng};
     * {@code scratch} (at least C·H·W values) holds the original meanwhile. Allocates nothing.
     */
    public void apply(float[] batch, int offset, Shape sampleShape, Rng rng, float[] scratch) {
        if (sampleShape.rank() != 3) {
            throw new IllegalArgumentException("Augmentation needs image samples [C,H,W]; this data set has samples of shape " + sampleShape);
        }
        int c = sampleShape.dim(0), h = sampleShape.dim(1), w = sampleShape.dim(2), size = c * h * w;
        if (offset < 0 || offset + size > batch.length || scratch.length < size) {
            throw new IllegalArgumentException("A sample of " + sampleShape + " at offset " + offset + " needs a batch of at least "
                    + (offset + size) + " values and a scratch of " + size + ". Received: " + batch.length + " and " + scratch.length);
        }
        if (maxShift < 0 || !(maxRotationDegrees >= 0) || !(noiseStd >= 0)) {
            throw new IllegalArgumentException("Invalid augmentation " + this + ": " + problems(sampleShape));
        }
        boolean flip = flipHorizontal && rng.nextDouble() < 0.5;
        int dx = 0, dy = 0;
        if (maxShift > 0) {
            dx = rng.nextInt(2 * maxShift + 1) - maxShift;
            dy = rng.nextInt(2 * maxShift + 1) - maxShift;
        }
        double theta = maxRotationDegrees > 0 ? Math.toRadians((2 * rng.nextDouble() - 1) * maxRotationDegrees) : 0;
        if (flip || dx != 0 || dy != 0 || theta != 0) {
            System.arraycopy(batch, offset, scratch, 0, size);
            if (theta == 0) move(scratch, batch, offset, c, h, w, flip, dx, dy);
            else rotate(scratch, batch, offset, c, h, w, flip, dx, dy, theta);
        }
        if (noiseStd > 0) {
            float std = (float) noiseStd;
            for (int i = offset, e = offset + size; i < e; i++) batch[i] += rng.normal(0, std);
        }
    }

    /** Flip and whole-pixel shift: out(x, y) = in(x − dx mirrored when flipped, y − dy), 0 outside. */
    private static void move(float[] in, float[] out, int offset, int c, int h, int w, boolean flip, int dx, int dy) {
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y - dy, row = offset + plane + y * w;
                if (sy < 0 || sy >= h) {
                    Arrays.fill(out, row, row + w, 0f);
                    continue;
                }
                int src = plane + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = x - dx;
                    if (flip) sx = w - 1 - sx;
                    out[row + x] = sx >= 0 && sx < w ? in[src + sx] : 0f;
                }
            }
        }
    }

    /**
     * Rotation (with flip and shift) by bilinear sampling at q = R(−θ)(p − d − c) + c, mirrored when flipped. Along a
     * row q moves by a constant step, q = q(0) + x·step, so the pixels whose four neighbours all lie inside form one
     * run [lo, hi) per row; that run is sampled without bounds checks, the rest through {@link #edge}.
     */
    private static void rotate(float[] in, float[] out, int offset, int c, int h, int w, boolean flip, int dx, int dy, double theta) {
        float cos = (float) Math.cos(theta), sin = (float) Math.sin(theta), cx = (w - 1) / 2f, cy = (h - 1) / 2f;
        float stepX = flip ? -cos : cos, stepY = -sin;
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            float u = -dx - cx, v = y - dy - cy;
            float qx0 = cos * u + sin * v + cx, qy0 = -sin * u + cos * v + cy;
            if (flip) qx0 = w - 1 - qx0;
            int lo = runStart(qx0, stepX, w - 1, w), hi = runEnd(qx0, stepX, w - 1, w);
            lo = Math.max(lo, runStart(qy0, stepY, h - 1, w));
            hi = Math.min(hi, runEnd(qy0, stepY, h - 1, w));
            if (hi < lo) hi = lo;
            for (int ch = 0; ch < c; ch++) {
                int src = ch * plane, dst = offset + ch * plane + y * w;
                for (int x = 0; x < lo; x++) out[dst + x] = edge(in, src, w, h, qx0 + x * stepX, qy0 + x * stepY);
                for (int x = lo; x < hi; x++) {
                    float qx = qx0 + x * stepX, qy = qy0 + x * stepY;
                    int x0 = (int) qx, y0 = (int) qy;   // both ≥ 0 here, so truncation is the floor
                    float fx = qx - x0, fy = qy - y0;
                    int at = src + y0 * w + x0;
                    float top = in[at] + fx * (in[at + 1] - in[at]), bottom = in[at + w] + fx * (in[at + w + 1] - in[at + w]);
                    out[dst + x] = top + fy * (bottom - top);
                }
                for (int x = hi; x < w; x++) out[dst + x] = edge(in, src, w, h, qx0 + x * stepX, qy0 + x * stepY);
            }
        }
    }

    /** Whether q = q0 + x·step, computed in float as {@link #rotate} does, lies in [0, max). */
    private static boolean inside(float q0, float step, int max, int x) {
        float q = q0 + x * step;
        return q >= 0 && q < max;
    }

    /** The first x in 0..w with q0 + x·step in [0, max) (w when none); the x where it holds form one run. */
    private static int runStart(float q0, float step, int max, int w) {
        int x = 0;
        if (step > 0 && q0 < 0) x = (int) Math.min(w, Math.max(0, Math.ceil(-q0 / step)));
        else if (step < 0 && q0 >= max) x = (int) Math.min(w, Math.max(0, Math.ceil((max - q0) / step)));
        while (x > 0 && inside(q0, step, max, x - 1)) x--;
        while (x < w && !inside(q0, step, max, x)) x++;
        return x;
    }

    /** One past the last x in 0..w−1 with q0 + x·step in [0, max), given that the run starts at runStart. */
    private static int runEnd(float q0, float step, int max, int w) {
        int start = runStart(q0, step, max, w);
        if (start == w) return w;
        int x = w;
        if (step > 0) x = (int) Math.min(w, Math.max(start, Math.ceil((max - q0) / step)));
        else if (step < 0) x = (int) Math.min(w, Math.max(start, Math.ceil(-q0 / step)));
        while (x > start && !inside(q0, step, max, x - 1)) x--;
        while (x < w && inside(q0, step, max, x)) x++;
        return x;
    }

    /** Bilinear sample at (qx, qy) of one channel where neighbours may lie outside the image (they count as 0). */
    private static float edge(float[] in, int base, int w, int h, float qx, float qy) {
        int x0 = (int) Math.floor(qx), y0 = (int) Math.floor(qy);
        if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) return 0f;
        float fx = qx - x0, fy = qy - y0, s = 0;
        for (int j = 0; j < 2; j++) {
            int yy = y0 + j;
            if (yy < 0 || yy >= h) continue;
            float wy = j == 0 ? 1 - fy : fy;
            for (int i = 0; i < 2; i++) {
                int xx = x0 + i;
                if (xx >= 0 && xx < w) s += wy * (i == 0 ? 1 - fx : fx) * in[base + yy * w + xx];
            }
        }
        return s;
    }

    /**
     * {@code count} augmented copies of sample {@code sampleIndex} (row-major, one after another), for a preview grid.
     *
     * @throws IllegalArgumentException for a sample or count out of range, or an augmentation with {@link #problems}
     */
    public static float[] preview(Dataset d, int sampleIndex, Augmentation a, int count, long seed) {
        if (sampleIndex < 0 || sampleIndex >= d.size()) {
            throw new IllegalArgumentException("sample must be in 0.." + (d.size() - 1) + ". Received: " + sampleIndex);
        }
        if (count < 1 || count > 256) throw new IllegalArgumentException("count must be in 1..256. Received: " + count);
        List<String> problems = a.problems(d.featureShape());
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        int f = d.featureSize();
        float[] out = new float[count * f], scratch = new float[f];
        Rng rng = new Rng(seed);
        for (int k = 0; k < count; k++) {
            System.arraycopy(d.features(), sampleIndex * f, out, k * f, f);
            a.apply(out, k * f, d.featureShape(), rng, scratch);
        }
        return out;
    }

    /**
     * Warnings where the augmentation may turn a sample into another class: with a flip, mirror pairs among the
     * class names ('b'/'d', 'p'/'q', brackets, "left …"/"right …") and a general note when classes are single
     * letters or digits; with a rotation above 45°, pairs that a half turn swaps ('6'/'9', 'M'/'W', 'n'/'u', …).
     */
    public static List<String> labelWarnings(Augmentation a, List<String> classNames) {
        Set<String> names = new LinkedHashSet<>();
        for (String n : classNames) if (n != null) names.add(n.trim());
        List<String> out = new ArrayList<>();
        if (a.flipHorizontal()) {
            for (String[] pair : MIRROR_PAIRS) {
                if (names.contains(pair[0]) && names.contains(pair[1])) {
                    out.add("Horizontal flip may change the label: '" + pair[0] + "' mirrored looks like '" + pair[1] + "'");
                }
            }
            String left = containing(names, "left"), right = containing(names, "right");
            if (left != null && right != null) {
                out.add("Horizontal flip may change the label: '" + left + "' mirrored looks like '" + right + "'");
            }
            if (names.stream().anyMatch(Augmentation::letterOrDigit)) {
                out.add("Horizontal flip mirrors letters and digits, and most of them read differently mirrored ('2', 'R', 'S'): "
                        + "check the preview that flipped samples still look like their class");
            }
        }
        if (a.maxRotationDegrees() > 45) {
            for (String[] pair : ROTATION_PAIRS) {
                if (names.contains(pair[0]) && names.contains(pair[1])) {
                    out.add("Rotation up to " + degrees(a.maxRotationDegrees()) + "° may change the label: '" + pair[0]
                            + "' rotated looks like '" + pair[1] + "'");
                }
            }
        }
        return out;
    }

    private static boolean letterOrDigit(String name) {
        return name.codePointCount(0, name.length()) == 1 && Character.isLetterOrDigit(name.codePointAt(0));
    }

    /** The first name containing {@code word} as a whole word, ignoring case, or null. */
    private static String containing(Set<String> names, String word) {
        for (String n : names) {
            if (List.of(n.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).contains(word)) return n;
        }
        return null;
    }

    private static String degrees(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
