package dev.netwright.graph.layer;

/**
 * Zero padding of a convolution: {@code valid} (none), {@code same} (enough that the output has ceil(in / stride)
 * positions, the odd one at the end, as Keras and PyTorch do) or an explicit size on every side.
 */
public record Padding(Mode mode, int size) {
    public enum Mode { VALID, SAME, EXPLICIT }

    public static final Padding VALID = new Padding(Mode.VALID, 0);
    public static final Padding SAME = new Padding(Mode.SAME, 0);

    public Padding {
        if (size < 0) throw new IllegalArgumentException("padding must be >= 0. Received: " + size);
    }

    /** "valid", "same" or an integer >= 0. */
    public static Padding parse(String s) {
        return switch (s) {
            case "valid" -> VALID;
            case "same" -> SAME;
            default -> {
                if (!s.matches("\\d+")) throw new IllegalArgumentException("padding must be valid, same or an integer. Received: " + s);
                int n = Integer.parseInt(s);
                yield n == 0 ? VALID : new Padding(Mode.EXPLICIT, n);
            }
        };
    }

    /** Zeros {before, after} one axis of length {@code in} for a kernel of {@code kernel} taps. */
    public int[] pads(int in, int kernel, int stride, int dilation) {
        return switch (mode) {
            case VALID -> new int[]{0, 0};
            case EXPLICIT -> new int[]{size, size};
            case SAME -> {
                int out = Math.ceilDiv(in, stride);
                int total = Math.max((out - 1) * stride + dilation * (kernel - 1) + 1 - in, 0);
                yield new int[]{total / 2, total - total / 2};
            }
        };
    }

    @Override
    public String toString() {
        return mode == Mode.EXPLICIT ? String.valueOf(size) : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
