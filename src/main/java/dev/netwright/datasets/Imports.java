package dev.netwright.datasets;

import dev.netwright.data.Dataset;
import dev.netwright.data.SplitSpec;
import dev.netwright.data.Task;
import dev.netwright.data.io.CsvImporter;
import dev.netwright.data.io.IdxImporter;
import dev.netwright.data.io.ImageFolderImporter;
import dev.netwright.data.io.ImportLimits;
import dev.netwright.data.io.Imported;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an upload (files on disk plus text options, as a form sends them) into an importer call.
 *
 * <ul>
 *   <li>{@code csv}: field {@code file}; options {@code delimiter} (, ; | tab; default: sniffed), {@code header}
 *       (true, false, auto), {@code target} (column names, comma separated; default: the last column), {@code task}
 *       (binary, multiclass, regression; default: inferred), {@code missing} (error, impute, drop),
 *       {@code categorical} (columns to treat as categories).</li>
 *   <li>{@code idx}: fields {@code images} and {@code labels}, optionally {@code testImages} and {@code testLabels};
 *       option {@code classNames} (comma separated).</li>
 *   <li>{@code images}: field {@code file}, a zip with one folder per class; options {@code width}, {@code height}
 *       (default 28), {@code color} (grayscale or rgb).</li>
 *   <li>All: {@code split} (70/30, 60/20/20, 98/1/1 or any a/b[/c] in percent), {@code stratified} (true), {@code seed} (1).</li>
 * </ul>
 */
public final class Imports {
    public static final List<String> FORMATS = List.of("csv", "idx", "images");

    /** One uploaded file, already on disk. */
    public record Upload(String fileName, Path path, long size, String sha256) {
        /** Describes a file on disk: its size and SHA-256 (recorded as the data set's provenance). */
        public static Upload of(String fileName, Path path) {
            try {
                return new Upload(fileName, path, Files.size(path), DatasetStore.sha256(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code format} may be null: inferred from the fields and file names. */
    public record Request(String format, String name, Map<String, Upload> files, Map<String, String> options) {
        public Request {
            files = files == null ? Map.of() : new LinkedHashMap<>(files);
            options = options == null ? Map.of() : new LinkedHashMap<>(options);
        }
    }

    private Imports() {
    }

    /** The format of a request: as given, else idx when images+labels were sent, else by the file's extension. */
    public static String format(Request r) {
        if (r.format() != null && !r.format().isBlank()) {
            String f = r.format().trim().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(f)) throw new IllegalArgumentException("format must be one of " + FORMATS + ". Received: " + r.format());
            return f;
        }
        if (r.files().containsKey("images") || r.files().containsKey("labels")) return "idx";
        Upload file = r.files().get("file");
        if (file == null) throw new IllegalArgumentException("No file was uploaded: send the field 'file' (or 'images' and 'labels' for IDX)");
        String n = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        if (n.endsWith(".zip")) return "images";
        if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt")) return "csv";
        throw new IllegalArgumentException("Cannot tell the format of '" + file.fileName() + "': name it .csv/.tsv/.zip or send format=csv|idx|images");
    }

    static Imported parse(Request r, ImportLimits limits) {
        Imported imported = read(r, limits);
        // the importers name the files they read; uploads arrive under temporary names, so say the user's names
        Dataset d = imported.dataset();
        String description = d.description();
        for (Upload u : r.files().values()) {
            if (u.fileName() != null && !u.fileName().isBlank()) {
                description = description.replace(u.path().getFileName().toString(), u.fileName());
            }
        }
        if (description.equals(d.description())) return imported;
        Dataset renamed = new Dataset(d.id(), d.name(), description, d.task(), d.featureShape(), d.targetSize(), d.classNames(),
                d.features(), d.targets());
        return new Imported(renamed, imported.columns(), imported.featureNames(), imported.warnings(), imported.sourceTrainCount());
    }

    private static Imported read(Request r, ImportLimits limits) {
        String format = format(r);
        Map<String, String> o = r.options();
        String baseName = baseName(r);
        return switch (format) {
            case "csv" -> CsvImporter.read(required(r, "file").path(), "new", baseName, csvOptions(o));
            case "idx" -> {
                List<Path[]> pairs = new ArrayList<>();
                pairs.add(new Path[]{required(r, "images").path(), required(r, "labels").path()});
                Upload ti = r.files().get("testImages");
                Upload tl = r.files().get("testLabels");
                if ((ti == null) != (tl == null)) throw new IllegalArgumentException("Send both testImages and testLabels, or neither");
                if (ti != null) pairs.add(new Path[]{ti.path(), tl.path()});
                List<String> names = list(o.get("classNames"));
                yield IdxImporter.read(pairs, "new", baseName, names.isEmpty() ? null : names);
            }
            case "images" -> ImageFolderImporter.read(required(r, "file").path(), "new", baseName,
                    intOption(o, "width", 28, 1, 512), intOption(o, "height", 28, 1, 512), color(o.get("color")), limits);
            default -> throw new IllegalStateException(format);
        };
    }

    /** The split an import asked for, or the default for its size. */
    static SplitSpec split(Map<String, String> o, int samples) {
        String text = o.get("split");
        if (text == null || text.isBlank()) return DatasetService.defaultSplit(samples);
        boolean stratified = o.get("stratified") == null || Boolean.parseBoolean(o.get("stratified").trim());
        long seed = o.get("seed") == null || o.get("seed").isBlank() ? 1 : parseLong("seed", o.get("seed"));
        return parseSplit(text, stratified, seed);
    }

    /** "70/30", "60/20/20", "98/1/1" or any train/validation[/test] in percent (or fractions summing to 1). */
    public static SplitSpec parseSplit(String text, boolean stratified, long seed) {
        String[] parts = text.trim().split("/");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("split must look like 70/30 or 60/20/20 (train/validation[/test]). Received: " + text);
        }
        double[] f = new double[3];
        double sum = 0;
        for (int i = 0; i < parts.length; i++) {
            try {
                f[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("split: '" + parts[i].trim() + "' is not a number (in " + text + ")");
            }
            sum += f[i];
        }
        double scale = Math.abs(sum - 100) < 1e-6 ? 100 : Math.abs(sum - 1) < 1e-6 ? 1 : Double.NaN;
        if (Double.isNaN(scale)) throw new IllegalArgumentException("split parts must add up to 100 (percent). Received: " + text + " (sum " + sum + ")");
        return new SplitSpec(f[0] / scale, f[1] / scale, f[2] / scale, stratified, seed);
    }

    /** A split as percentages: "70/30" (no test part), "60/20/20", "100/0/0" (everything for training). */
    public static String percent(SplitSpec s) {
        long a = Math.round(s.train() * 100), b = Math.round(s.validation() * 100), c = Math.round(s.test() * 100);
        if (b == 0 && c == 0) return a + "/0/0";
        return c == 0 ? a + "/" + b : a + "/" + b + "/" + c;
    }

    private static CsvImporter.Options csvOptions(Map<String, String> o) {
        Character delimiter = null;
        String d = o.get("delimiter");
        if (d != null && !d.isEmpty() && !d.equalsIgnoreCase("auto")) {
            delimiter = switch (d.toLowerCase(Locale.ROOT)) {
                case "tab", "\\t", "\t" -> '\t';
                case ",", ";", "|" -> d.charAt(0);
                default -> throw new IllegalArgumentException("delimiter must be one of , ; | tab (or auto). Received: " + d);
            };
        }
        Boolean header = null;
        String h = o.get("header");
        if (h != null && !h.isBlank() && !h.equalsIgnoreCase("auto")) {
            if (!h.equalsIgnoreCase("true") && !h.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("header must be true, false or auto. Received: " + h);
            }
            header = Boolean.parseBoolean(h);
        }
        Task task = null;
        String t = o.get("task");
        if (t != null && !t.isBlank() && !t.equalsIgnoreCase("auto")) {
            try {
                task = Task.valueOf(t.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("task must be binary, multiclass, regression or auto. Received: " + t);
            }
        }
        CsvImporter.Missing missing = CsvImporter.Missing.ERROR;
        String m = o.get("missing");
        if (m != null && !m.isBlank()) {
            missing = switch (m.trim().toLowerCase(Locale.ROOT)) {
                case "error" -> CsvImporter.Missing.ERROR;
                case "impute" -> CsvImporter.Missing.IMPUTE;
                case "drop", "drop_rows" -> CsvImporter.Missing.DROP_ROWS;
                default -> throw new IllegalArgumentException("missing must be error, impute or drop. Received: " + m);
            };
        }
        Set<String> categorical = new HashSet<>(list(o.get("categorical")));
        return new CsvImporter.Options(delimiter, header, list(o.get("target")), task, missing, categorical);
    }

    private static boolean color(String c) {
        if (c == null || c.isBlank() || c.equalsIgnoreCase("grayscale") || c.equalsIgnoreCase("gray")) return false;
        if (c.equalsIgnoreCase("rgb")) return true;
        throw new IllegalArgumentException("color must be grayscale or rgb. Received: " + c);
    }

    private static Upload required(Request r, String field) {
        Upload u = r.files().get(field);
        if (u == null) throw new IllegalArgumentException("The field '" + field + "' (a file) is required for format " + format(r));
        return u;
    }

    private static String baseName(Request r) {
        Upload u = r.files().getOrDefault("file", r.files().get("images"));
        String n = u == null || u.fileName() == null ? "data" : u.fileName();
        n = n.replaceAll("(?i)(\\.gz)$", "").replaceAll("\\.[A-Za-z0-9]+$", "");
        return n.isBlank() ? "data" : n;
    }

    private static List<String> list(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static int intOption(Map<String, String> o, String key, int dflt, int min, int max) {
        String v = o.get(key);
        if (v == null || v.isBlank()) return dflt;
        long n = parseLong(key, v);
        if (n < min || n > max) throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ". Received: " + v);
        return (int) n;
    }

    private static long parseLong(String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number. Received: " + v);
        }
    }
}
