package dev.netwright.data;

import java.util.List;

/**
 * How to divide a data set into training, validation and test parts: the fractions (each ≥ 0, train &gt; 0, summing
 * to 1 within 10⁻⁶), whether classes keep their proportions in every part ({@code stratified}; BINARY and
 * MULTICLASS only, ignored for regression) and the shuffle seed. {@link Splits} does the dividing.
 */
public record SplitSpec(double train, double validation, double test, boolean stratified, long seed) {
    /** The preset names {@link #preset} knows. */
    public static final List<String> PRESETS = List.of("70/30", "60/20/20", "98/1/1");

    public SplitSpec {
        if (!(train > 0 && train <= 1)) throw new IllegalArgumentException("The training fraction must be in (0, 1]. Received: " + train);
        if (!(validation >= 0 && validation <= 1)) {
            throw new IllegalArgumentException("The validation fraction must be in [0, 1]. Received: " + validation);
        }
        if (!(test >= 0 && test <= 1)) throw new IllegalArgumentException("The test fraction must be in [0, 1]. Received: " + test);
        double sum = train + validation + test;
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("The fractions must add up to 1. Received: train " + train + " + validation "
                    + validation + " + test " + test + " = " + sum);
        }
    }

    /**
     * A named preset, stratified: "70/30" (train/validation, no test), "60/20/20" or "98/1/1" (train/validation/test;
     * the last one for large sets).
     */
    public static SplitSpec preset(String name, long seed) {
        return switch (name == null ? "" : name.trim()) {
            case "70/30" -> new SplitSpec(0.7, 0.3, 0, true, seed);
            case "60/20/20" -> new SplitSpec(0.6, 0.2, 0.2, true, seed);
            case "98/1/1" -> new SplitSpec(0.98, 0.01, 0.01, true, seed);
            default -> throw new IllegalArgumentException("Unknown split preset '" + name + "'. Choose one of " + PRESETS);
        };
    }

    /** Any fractions (validated like the constructor). */
    public static SplitSpec custom(double train, double validation, double test, boolean stratified, long seed) {
        return new SplitSpec(train, validation, test, stratified, seed);
    }
}
