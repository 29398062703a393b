package dev.netwright.data.io;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a zip of images sorted into one folder per class ({@code cats/1.png}, {@code dogs/7.jpg}; a single folder
 * around them all is stripped) into an image classification data set.
 *
 * <p>Images (PNG, JPEG, GIF, BMP, decoded with {@code javax.imageio}, no display needed) are composited over white
 * where transparent, converted to grayscale (luma 0.299 R + 0.587 G + 0.114 B) or kept RGB, resized with a
 * triangle filter (bilinear, widened when shrinking) and scaled to 0..1: shape [1, h, w] or [3, h, w]. Classes are
 * the folder names in sorted order.
 *
 * <p>The zip is never unpacked to disk. Entries with unsafe names ({@code ..}, absolute, backslashes) are refused,
 * the decompressed bytes are counted as they are read against {@link ImportLimits#maxUncompressedBytes()}, and an
 * image's size is read from its header before it is decoded. {@code __MACOSX/}, dot-files and
 * {@code Thumbs.db}/{@code desktop.ini} are ignored.
 */
public final class ImageFolderImporter {
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");
    private static final Set<String> IGNORED_FILES = Set.of("thumbs.db", "desktop.ini");

    private ImageFolderImporter() {
    }

    /** An image entry and the folder (class) it is in. */
    private record Image(ZipEntry entry, String className) {
    }

    /**
     * Reads {@code zip} into a data set of {@code width}×{@code height} images.
     *
     * @param rgb three channels (else one, grayscale)
     * @throws DataImportException when the zip is unsafe, over the limits, not laid out by class, or holds an entry
     *                             that is not a readable image (the message names the entry)
     */
    public static Imported read(Path zip, String id, String name, int width, int height, boolean rgb, ImportLimits limits) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image width and height must be positive. Received: " + width + "×" + height);
        }
        Objects.requireNonNull(limits, "limits");
        String zipName = String.valueOf(zip.getFileName());
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > limits.maxEntries()) {
                throw new DataImportException(zipName + " has " + file.size() + " entries, more than the limit of " + limits.maxEntries());
            }
            List<Image> images = images(file, zipName, limits);
            List<String> classes = new ArrayList<>(new TreeSet<>(images.stream().map(Image::className).toList()));
            if (classes.size() < 2) {
                throw new DataImportException(zipName + " has only one class folder ('" + classes.getFirst()
                        + "'): put the images of each class in its own folder, at least 2 classes");
            }
            int channels = rgb ? 3 : 1, size = channels * width * height;
            if ((long) images.size() * size > Integer.MAX_VALUE - 8) {
                throw new DataImportException(zipName + " has too many images for one data set: " + images.size() + " images of "
                        + channels + "×" + height + "×" + width + " values");
            }
            float[] x = new float[images.size() * size];
            float[] y = new float[images.size()];
            Budget budget = new Budget(zipName, limits.maxUncompressedBytes());
            for (int i = 0; i < images.size(); i++) {
                Image image = images.get(i);
                BufferedImage decoded;
                try (InputStream in = new CountingInputStream(file.getInputStream(image.entry()), budget, image.entry().getName())) {
                    decoded = decode(in, image.entry().getName(), limits.maxPixels());
                }
                float[][] planes = planes(decoded, rgb);
                for (int c = 0; c < channels; c++) {
                    float[] resized = resize(planes[c], decoded.getWidth(), decoded.getHeight(), width, height);
                    int base = i * size + c * width * height;
                    for (int p = 0; p < resized.length; p++) x[base + p] = resized[p] / 255f;
                }
                y[i] = classes.indexOf(image.className());
            }
            String description = "Image folders in " + zipName + ": " + images.size() + " images in " + classes.size() + " classes, "
                    + width + "×" + height + (rgb ? " RGB" : " grayscale");
            Dataset d = new Dataset(id, name, description, Task.MULTICLASS, Shape.of(channels, height, width), 1, classes, x, y);
            return new Imported(d, List.of(), List.of(), List.of(), d.size());
        } catch (ZipException e) {
            throw new DataImportException(zipName + " is not a valid zip file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DataImportException(zipName + " has entry names that cannot be read (" + e.getMessage() + "); zip it again with UTF-8 names", e);
        } catch (IOException e) {
            throw new DataImportException("Cannot read " + zipName + ": " + e.getMessage(), e);
        }
    }

    /** The image entries sorted by class and name, after the safety checks and the stripping of a common root folder. */
    private static List<Image> images(ZipFile file, String zipName, ImportLimits limits) {
        List<ZipEntry> files = new ArrayList<>();
        List<String[]> paths = new ArrayList<>();
        long declared = 0;
        for (ZipEntry e : file.stream().toList()) {
            String[] parts = safeParts(e.getName());
            if (e.isDirectory() || ignored(parts)) continue;
            files.add(e);
            paths.add(parts);
            declared += Math.max(0, e.getSize());
        }
        if (files.isEmpty()) throw new DataImportException(zipName + " contains no images");
        if (declared > limits.maxUncompressedBytes()) {
            throw new DataImportException(zipName + " would decompress to " + declared + " bytes, more than the limit of "
                    + limits.maxUncompressedBytes() + " bytes");
        }
        int root = 0;
        while (sharedFolder(paths, root)) root++;
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String[] parts = paths.get(i);
            if (parts.length - root < 2) {
                throw new DataImportException("Entry '" + files.get(i).getName()
                        + "' is not inside a class folder: put each image in a folder named after its class");
            }
            images.add(new Image(files.get(i), parts[root]));
        }
        images.sort(Comparator.comparing(Image::className).thenComparing(im -> im.entry().getName()));
        return images;
    }

    /** Whether every path has a folder at {@code depth} with a class folder below it, and that folder is the same for all. */
    private static boolean sharedFolder(List<String[]> paths, int depth) {
        String first = paths.getFirst().length > depth + 2 ? paths.getFirst()[depth] : null;
        return first != null && paths.stream().allMatch(p -> p.length > depth + 2 && p[depth].equals(first));
    }

    /** The entry name's segments; refuses names that could point outside a folder if they were ever unpacked. */
    private static String[] safeParts(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String[] parts = trimmed.split("/", -1);
        boolean unsafe = trimmed.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || name.length() > 1 && name.charAt(1) == ':';
        for (String p : parts) unsafe |= p.isEmpty() || p.equals(".") || p.equals("..");
        if (unsafe) {
            throw new DataImportException("Entry '" + name + "' has an unsafe path: absolute paths, drive letters, '..' or '.' segments "
                    + "and backslashes are not allowed in the zip");
        }
        return parts;
    }

    private static boolean ignored(String[] parts) {
        for (String p : parts) {
            if (p.equals("__MACOSX") || p.startsWith(".")) return true;
        }
        return IGNORED_FILES.contains(parts[parts.length - 1].toLowerCase(Locale.ROOT));
    }

    /** Decodes one image, checking its size from the header before decoding the pixels. */
    private static BufferedImage decode(InputStream in, String entry, int maxPixels) throws IOException {
        try (ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
            ImageReader reader = null;
            for (Iterator<ImageReader> it = ImageIO.getImageReaders(stream); reader == null && it.hasNext(); ) {
                ImageReader r = it.next();
                if (FORMATS.contains(r.getFormatName().toLowerCase(Locale.ROOT))) reader = r;
            }
            if (reader == null) throw new DataImportException("Entry '" + entry + "' is not a PNG, JPEG, GIF or BMP image");
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            try {
                reader.setInput(stream, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if ((long) w * h > maxPixels) {
                    throw new DataImportException("Entry '" + entry + "' is " + w + "×" + h + " pixels, more than the limit of " + maxPixels + " pixels per image");
                }
                return reader.read(0);
            } catch (DataImportException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new DataImportException("Entry '" + entry + "' is not a readable " + format + " image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The image as planes of 0..255 values, row-major: 3 (R, G, B) or 1 (luma). Transparent pixels are composited
     * over white. Gray images are read from their raster, as {@code getRGB} would convert linear gray to sRGB.
     */
    public static float[][] planes(BufferedImage img, boolean rgb) {
        int w = img.getWidth(), h = img.getHeight(), n = w * h;
        float[][] out = new float[rgb ? 3 : 1][n];
        ColorModel cm = img.getColorModel();
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            Raster raster = img.getRaster();
            double scale = 255.0 / ((1L << cm.getComponentSize(0)) - 1);
            int[] gray = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            int[] alpha = cm.hasAlpha() ? raster.getSamples(0, 0, w, h, 1, (int[]) null) : null;
            double alphaScale = cm.hasAlpha() ? 1.0 / ((1L << cm.getComponentSize(1)) - 1) : 0;
            for (int i = 0; i < n; i++) {
                double v = gray[i] * scale;
                if (alpha != null) v = over(v, alpha[i] * alphaScale);
                for (float[] plane : out) plane[i] = (float) v;
            }
            return out;
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < n; i++) {
            int p = argb[i];
            double a = (p >>> 24) / 255.0;
            double r = over(p >> 16 & 0xff, a), g = over(p >> 8 & 0xff, a), b = over(p & 0xff, a);
            if (rgb) {
                out[0][i] = (float) r;
                out[1][i] = (float) g;
                out[2][i] = (float) b;
            } else {
                out[0][i] = (float) ((299 * r + 587 * g + 114 * b) / 1000);
            }
        }
        return out;
    }

    /** {@code v} with opacity {@code a} over white. */
    private static double over(double v, double a) {
        return a >= 1 ? v : v * a + 255 * (1 - a);
    }

    /**
     * Resizes a plane with a separable triangle filter: bilinear when enlarging, and widened to the scale when
     * shrinking so that every source pixel contributes. The same size is returned unchanged.
     */
    public static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) return src;
        Weights wx = Weights.of(sw, dw), wy = Weights.of(sh, dh);
        float[] rows = new float[dw * sh];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < dw; x++) {
                double s = 0;
                double[] w = wx.weights[x];
                for (int k = 0; k < w.length; k++) s += src[y * sw + wx.first[x] + k] * w[k];
                rows[y * dw + x] = (float) s;
            }
        }
        float[] out = new float[dw * dh];
        for (int y = 0; y < dh; y++) {
            double[] w = wy.weights[y];
            for (int x = 0; x < dw; x++) {
                double s = 0;
                for (int k = 0; k < w.length; k++) s += rows[(wy.first[y] + k) * dw + x] * w[k];
                out[y * dw + x] = (float) s;
            }
        }
        return out;
    }

    /** Per output pixel along one axis: the first source pixel it reads and the normalised weights from there. */
    private record Weights(int[] first, double[][] weights) {
        static Weights of(int in, int out) {
            double scale = (double) in / out, support = Math.max(1, scale);
            int[] first = new int[out];
            double[][] weights = new double[out][];
            for (int o = 0; o < out; o++) {
                double center = (o + 0.5) * scale - 0.5;
                int lo = Math.max(0, (int) Math.floor(center - support) + 1);
                int hi = Math.min(in - 1, (int) Math.ceil(center + support) - 1);
                double[] w = new double[hi - lo + 1];
                double sum = 0;
                for (int i = lo; i <= hi; i++) sum += w[i - lo] = Math.max(0, 1 - Math.abs(i - center) / support);
                for (int k = 0; k < w.length; k++) w[k] /= sum;
                first[o] = lo;
                weights[o] = w;
            }
            return new Weights(first, weights);
        }
    }

    /** Decompressed bytes left for the whole zip. */
    private static final class Budget {
        private final String zipName;
        private final long limit;
        private long used;

        Budget(String zipName, long limit) {
            this.zipName = zipName;
            this.limit = limit;
        }

        void use(long n, String entry) {
            used += n;
            if (used > limit) {
                throw new DataImportException(zipName + " decompresses to more than the limit of " + limit + " bytes (reached in entry '"
                        + entry + "'); is it a zip bomb?");
            }
        }
    }

    /** Counts every byte read (or skipped) from an entry against the zip's {@link Budget}. */
    private static final class CountingInputStream extends FilterInputStream {
        private final Budget budget;
        private final String entry;

        CountingInputStream(InputStream in, Budget budget, String entry) {
            super(in);
            this.budget = budget;
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) budget.use(1, entry);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) budget.use(n, entry);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
            long skipped = 0;
            for (int k; skipped < n && (k = read(scratch, 0, (int) Math.min(scratch.length, n - skipped))) > 0; ) skipped += k;
            return skipped;
        }
    }
}
