package dev.netwright.ui.data;

import dev.netwright.data.SplitSpec;
import dev.netwright.data.Task;
import dev.netwright.datasets.SplitView;
import dev.netwright.ui.Formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How data sets read on the data page: sizes, shapes, tasks, splits, where the data came from. */
final class DataTexts {
    private DataTexts() {
    }

    /** "1 sample", "12 samples", "60,000 samples". */
    static String samples(int n) {
        return Formats.count(n) + (n == 1 ? " sample" : " samples");
    }

    /** "[2]", "[1 × 28 × 28]". */
    static String shape(List<Integer> dims) {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(" × ", "[", "]"));
    }

    static String task(Task task) {
        return switch (task) {
            case BINARY -> "binary classification";
            case MULTICLASS -> "multiclass classification";
            case REGRESSION -> "regression";
        };
    }

    /** "binary", "multiclass", "regression": short, for the list. */
    static String taskShort(Task task) {
        return task.name().toLowerCase(Locale.ROOT);
    }

    /** Sizes of the parts: "8 / 2 / 2" (train / validation / test), the test part left out when empty. */
    static String splitSizes(SplitView s) {
        if (s == null) return "–";
        String text = Formats.count(s.train()) + " / " + Formats.count(s.validation());
        return s.test() > 0 ? text + " / " + Formats.count(s.test()) : text;
    }

    /** The fractions of a split in percent, as the presets read: "70/30", "60/20/20", "100/0". */
    static String splitPercent(SplitSpec s) {
        String text = percent(s.train()) + "/" + percent(s.validation());
        return s.test() > 0 ? text + "/" + percent(s.test()) : text;
    }

    /** The split in words: "70/30 · stratified · seed 1", with the source's own test part where it has one. */
    static String splitDescription(SplitView s) {
        if (s == null || s.spec() == null) return "";
        SplitSpec spec = s.spec();
        return splitPercent(spec) + (spec.stratified() ? " · stratified" : "") + " · seed " + spec.seed()
                + (s.sourceTest() ? " · test part as shipped with the files" : "");
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return Math.abs(p - Math.rint(p)) < 1e-6 ? String.valueOf(Math.round(p)) : String.format(Locale.ROOT, "%.1f", p);
    }

    /** "512 bytes", "1.2 KiB", "45.0 MiB". */
    static String bytes(long n) {
        if (n >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        if (n >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        if (n >= 1L << 10) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        return n + (n == 1 ? " byte" : " bytes");
    }

    /** Where the data came from: "Built-in", "CSV upload", "Generated: moons", ... */
    static String source(String source, Map<String, Object> provenance) {
        if (source == null) return "–";
        return switch (source) {
            case "builtin" -> "Built-in";
            case "csv" -> "CSV upload";
            case "idx" -> "IDX upload (MNIST format)";
            case "images" -> "Image folder upload";
            case "generated" -> "Generated" + (provenance.get("generator") == null ? "" : ": " + provenance.get("generator"));
            default -> source;
        };
    }

    /**
     * The uploaded files of a provenance, one line each: "iris.csv · 1.2 KiB · sha256 1a2b3c4d5e6f"; the generator's
     * parameters for generated data ("n = 400, noise = 0.1").
     */
    static List<String> origin(Map<String, Object> provenance) {
        List<String> out = new ArrayList<>();
        if (provenance.get("files") instanceof List<?> files) {
            for (Object f : files) {
                if (!(f instanceof Map<?, ?> file)) continue;
                StringBuilder b = new StringBuilder(String.valueOf(file.get("name")));
                if (file.get("field") instanceof String field && !field.equals(UploadFiles.FILE)) {
                    b.append(" (").append(UploadFiles.describe(field)).append(")");
                }
                if (file.get("bytes") instanceof Number n) b.append(" · ").append(bytes(n.longValue()));
                if (file.get("sha256") instanceof String sha) b.append(" · sha256 ").append(shortHash(sha));
                out.add(b.toString());
            }
        }
        if (provenance.get("params") instanceof Map<?, ?> params && !params.isEmpty()) {
            out.add(params.entrySet().stream()
                    .map(e -> e.getKey() + " = " + (e.getValue() instanceof Number n ? Formats.setting(n.doubleValue()) : e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        return out;
    }

    /** The first 12 hex digits: enough to tell files apart by eye. */
    static String shortHash(String sha256) {
        return sha256 == null ? "–" : sha256.substring(0, Math.min(12, sha256.length()));
    }
}
