package dev.netwright.ui;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How numbers, times and statuses read in the UI. */
public final class Formats {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** A fraction in 0..1 as a percentage with one decimal: {@code 1.0 → "100.0%"}; "–" for null. */
    public static String percent(Double fraction) {
        return fraction == null || fraction.isNaN() ? "–" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Four significant digits, scientific notation for very small or large values; "–" for null. */
    public static String number(Double v) {
        if (v == null) return "–";
        if (v.isNaN() || v.isInfinite()) return v.toString();
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e7)) return String.format(Locale.ROOT, "%.3e", v);
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A learning rate or similar setting as typed: {@code 0.05 → "0.05"}. */
    public static String setting(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Whole number with thousands separators: {@code 12345.6 → "12,346"}. */
    public static String count(double v) {
        return String.format(Locale.ENGLISH, "%,d", Math.round(v));
    }

    /** "1 epoch", "10 epochs": {@code n} and the noun, plural unless n is 1. */
    public static String plural(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    public static String dateTime(Instant t) {
        return t == null ? "–" : DATE_TIME.format(t);
    }

    /** Who saved a version: the name, or "unknown" for versions saved before authors were kept (null). */
    public static String author(String name) {
        return name == null || name.isBlank() ? "unknown" : name;
    }

    /** "just now", "5 min ago", "3 h ago", else the date. */
    public static String ago(Instant t) {
        if (t == null) return "–";
        Duration d = Duration.between(t, Instant.now());
        if (d.toSeconds() < 60) return "just now";
        if (d.toMinutes() < 60) return d.toMinutes() + " min ago";
        if (d.toHours() < 24) return d.toHours() + " h ago";
        return dateTime(t);
    }

    /** Elapsed milliseconds as "0.4 s", "12 s", "3 min 05 s". */
    public static String duration(long ms) {
        if (ms < 10_000) return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        long s = ms / 1000;
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    /** The optimizers offered, in the order shown, with their display names. */
    public static final Map<String, String> OPTIMIZERS = optimizers();

    private static Map<String, String> optimizers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("adam", "Adam");
        m.put("sgd", "SGD");
        m.put("momentum", "SGD with momentum");
        m.put("nesterov", "SGD with Nesterov momentum");
        m.put("rmsprop", "RMSprop");
        m.put("adagrad", "Adagrad");
        m.put("adadelta", "Adadelta");
        m.put("adamw", "AdamW");
        m.put("rprop", "Rprop");
        m.put("quickprop", "Quickprop");
        m.put("delta_bar_delta", "Delta-bar-delta");
        m.put("least_squares", "Least squares (closed form; linear model, mse)");
        m.put("perceptron", "Perceptron rule (one threshold unit)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** "adam" → "Adam"; unknown names as they are. */
    public static String optimizer(String id) {
        return id == null ? "–" : OPTIMIZERS.getOrDefault(id.toLowerCase(Locale.ROOT), id);
    }

    /** Run status as users read it. */
    public static String status(String stored) {
        return stored == null ? "–" : stored;
    }

    /** 1536 → "1.5 KB", 256 MiB → "256 MB". */
    public static String bytes(long n) {
        if (n < 1024) return n + " B";
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
