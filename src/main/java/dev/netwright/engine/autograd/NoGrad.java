package dev.netwright.engine.autograd;

/**
 * Inference mode for the current thread: while a {@code NoGrad} scope is open, ops record no graph.
 * <pre>try (var ignored = NoGrad.enter()) { model.forward(x); }</pre>
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private NoGrad() {
    }

    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        DEPTH.get()[0]--;
    }
}
