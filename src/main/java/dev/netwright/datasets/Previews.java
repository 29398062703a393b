package dev.netwright.datasets;

import dev.netwright.data.Augmentation;
import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Builds {@link DatasetPreview}s: table rows, images per class (PNG), image pairs, scatter points, sequences. */
public final class Previews {
    private static final int IMAGES_PER_CLASS = 8;
    private static final int MAX_POINTS = 2000;
    private static final int MAX_SEQUENCES = 6;
    private static final int PAIRS = 12;

    /** The original sample and its augmented copies, as PNG data URLs, with label warnings. */
    public record AugmentationPreview(int sample, String label, String original, List<String> augmented, List<String> warnings) {
    }

    private Previews() {
    }

    static DatasetPreview of(Dataset d, String kind, List<String> featureNames, int limit) {
        List<String> header = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        List<DatasetPreview.ImageSample> images = new ArrayList<>();
        List<DatasetPreview.Point> points = new ArrayList<>();
        List<DatasetPreview.Sequence> sequences = new ArrayList<>();
        switch (kind) {
            case "images" -> images(d, images);
            case "image-pairs" -> pairs(d, images);
            case "sequence" -> {
                for (int i = 0; i < Math.min(MAX_SEQUENCES, d.size()); i++) sequences.add(sequence(d, i));
            }
            default -> {
                table(d, featureNames, limit, header, rows);
                if (kind.equals("points")) points(d, points);
            }
        }
        return new DatasetPreview(d.id(), kind, header, rows, images, points, sequences, d.classNames(), DatasetStats.classCounts(d));
    }

    private static void table(Dataset d, List<String> featureNames, int limit, List<String> header, List<List<Object>> rows) {
        int f = d.featureSize();
        int shown = Math.min(f, 50);
        for (int j = 0; j < shown; j++) header.add(j < featureNames.size() ? featureNames.get(j) : "x" + j);
        if (d.targetSize() == 1) header.add("target");
        else for (int k = 0; k < d.targetSize(); k++) header.add("target" + k);
        float[] x = d.features();
        for (int i = 0; i < Math.min(limit, d.size()); i++) {
            List<Object> row = new ArrayList<>(shown + d.targetSize());
            for (int j = 0; j < shown; j++) row.add(x[i * f + j]);
            if (d.task() == Task.REGRESSION) {
                for (int k = 0; k < d.targetSize(); k++) row.add(d.targets()[i * d.targetSize() + k]);
            } else {
                row.add(label(d, i));
            }
            rows.add(row);
        }
    }

    private static void points(Dataset d, List<DatasetPreview.Point> points) {
        float[] x = d.features();
        int f = d.featureSize();
        int step = Math.max(1, d.size() / MAX_POINTS);
        for (int i = 0; i < d.size(); i += step) {
            if (f == 2) points.add(new DatasetPreview.Point(x[i * 2], x[i * 2 + 1], d.task() == Task.REGRESSION ? null : label(d, i)));
            else points.add(new DatasetPreview.Point(x[i], d.targets()[i * d.targetSize()], d.task() == Task.REGRESSION ? null : label(d, i)));
        }
    }

    private static void images(Dataset d, List<DatasetPreview.ImageSample> images) {
        int classes = d.task() == Task.REGRESSION ? 1 : Math.max(2, d.classes());
        int[] shown = new int[classes];
        int total = 0;
        for (int i = 0; i < d.size() && total < classes * IMAGES_PER_CLASS; i++) {
            int c = d.task() == Task.REGRESSION ? 0 : (int) d.targets()[i * d.targetSize()];
            if (c < 0 || c >= classes || shown[c] >= IMAGES_PER_CLASS) continue;
            shown[c]++;
            total++;
            images.add(new DatasetPreview.ImageSample(i, label(d, i), png(d.features(), i * d.featureSize(), d.featureShape())));
        }
    }

    /** The first samples of an image-pairs set: each sample's features and targets as two square grey images. */
    private static void pairs(Dataset d, List<DatasetPreview.ImageSample> images) {
        int side = DatasetStats.squareSide(d.featureSize());
        Shape image = Shape.of(1, side, side);
        for (int i = 0; i < Math.min(PAIRS, d.size()); i++) {
            images.add(new DatasetPreview.ImageSample(i, "target", png(d.features(), i * d.featureSize(), image),
                    png(d.targets(), i * d.targetSize(), image)));
        }
    }

    private static DatasetPreview.Sequence sequence(Dataset d, int i) {
        Shape s = d.featureShape();
        int t = s.dim(0);
        int cols = s.dim(1);
        List<float[]> values = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            float[] v = new float[t];
            for (int k = 0; k < t; k++) v[k] = d.features()[i * d.featureSize() + k * cols + c];
            values.add(v);
        }
        return new DatasetPreview.Sequence(i, values, label(d, i));
    }

    static AugmentationPreview augmentation(Dataset d, int sample, Augmentation a, int count, long seed) {
        float[] copies = Augmentation.preview(d, sample, a, count, seed);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < count; k++) out.add(png(copies, k * d.featureSize(), d.featureShape()));
        return new AugmentationPreview(sample, label(d, sample), png(d.features(), sample * d.featureSize(), d.featureShape()), out,
                Augmentation.labelWarnings(a, d.classNames()));
    }

    /** The target of sample i as text: its class name, or the numbers. */
    static String label(Dataset d, int i) {
        if (d.task() == Task.REGRESSION) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < d.targetSize(); k++) {
                if (k > 0) b.append(", ");
                b.append(String.format(java.util.Locale.ROOT, "%.4g", d.targets()[i * d.targetSize() + k]));
            }
            return b.toString();
        }
        int c = (int) d.targets()[i * d.targetSize()];
        return c >= 0 && c < d.classes() ? d.classNames().get(c) : String.valueOf(c);
    }

    /**
     * One image sample [C,H,W] (C = 1 or 3) as a PNG data URL. Values in [0, 1] map to 0..255; samples outside that
     * range (generated with noise) are scaled by their own minimum and maximum.
     */
    static String png(float[] x, int offset, Shape s) {
        int c = s.dim(0), h = s.dim(1), w = s.dim(2);
        int size = c * h * w;
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < size; j++) {
            min = Math.min(min, x[offset + j]);
            max = Math.max(max, x[offset + j]);
        }
        float lo = min >= 0 && max <= 1 ? 0 : min;
        float range = min >= 0 && max <= 1 ? 1 : Math.max(1e-6f, max - min);
        BufferedImage img = new BufferedImage(w, h, c == 3 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                if (c == 3) {
                    int r = byteOf(x[offset + yy * w + xx], lo, range);
                    int g = byteOf(x[offset + h * w + yy * w + xx], lo, range);
                    int b = byteOf(x[offset + 2 * h * w + yy * w + xx], lo, range);
                    img.setRGB(xx, yy, (r << 16) | (g << 8) | b);
                } else {
                    img.getRaster().setSample(xx, yy, 0, byteOf(x[offset + yy * w + xx], lo, range));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static int byteOf(float v, float lo, float range) {
        return Math.max(0, Math.min(255, Math.round((v - lo) / range * 255f)));
    }
}
