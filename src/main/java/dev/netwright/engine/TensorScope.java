package dev.netwright.engine;

import dev.netwright.engine.backend.Backend;
import dev.netwright.engine.backend.Buffer;

/**
 * Recycles the buffers of one training or evaluation step, so a training loop allocates no arrays in steady state.
 * While a scope is open on a thread, every buffer that tensor ops allocate on that thread is owned by the scope:
 * op results (activations, the loss, reshaped views share their source's), the values ops save for the backward pass
 * (max-pooling indices, normalization statistics) and the temporaries of gradient rules. {@link #close} hands them
 * all back to their backend, whose next {@code alloc} of the same size reuses them.
 *
 * <p>Not owned, so untouched by {@link #close}: tensors made by the factories ({@link Tensor#of}, {@code zeros},
 * {@code full}, {@code scalar}, {@code parameter}, {@link Tensor#detach}), parameters' gradients (reset by
 * {@code zeroGrad}) and optimizer state. A training loop therefore keeps its input and target tensors across steps
 * and refills them with {@link Tensor#copyFrom(float[], int)}.
 *
 * <p>{@link #close} invalidates every op result created inside the scope: their buffers hold other values, or are
 * reused by the next step. Read what you need first ({@link Tensor#item}, {@link Tensor#copyTo}, or keep a
 * {@link Tensor#detach} copy), and run {@code backward()} inside the scope that created the graph. One step:
 * <pre>{@code
 * x.copyFrom(batch, 0);                 // leaves made once, outside any scope
 * t.copyFrom(targets, 0);
 * try (TensorScope step = TensorScope.open()) {
 *     opt.zeroGrad();
 *     Tensor y = net.forward(x);
 *     Tensor l = loss.compute(y, t);
 *     float lv = l.item();
 *     l.backward();
 *     opt.step();
 *     y.copyTo(outputs, 0);             // before close: y is freed with the step
 * }
 * }</pre>
 *
 * <p>Scopes nest (closing an inner one frees only what was created since it opened) and belong to the thread that
 * opened them. Outside any scope ops allocate as before and their buffers are left to the garbage collector.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<Owned> OWNED = ThreadLocal.withInitial(Owned::new);

    private final Owned owned;
    private final int depth;
    private boolean open = true;

    private TensorScope(Owned owned, int depth) {
        this.owned = owned;
        this.depth = depth;
    }

    /** Opens a scope on the calling thread; close it on the same thread (try-with-resources). */
    public static TensorScope open() {
        Owned o = OWNED.get();
        if (o.depth == o.marks.length) o.marks = java.util.Arrays.copyOf(o.marks, o.depth * 2);
        o.marks[o.depth] = o.size;
        return new TensorScope(o, ++o.depth);
    }

    /** True while a scope is open on the calling thread. */
    public static boolean active() {
        return OWNED.get().depth > 0;
    }

    /** Buffers owned by the scopes open on the calling thread (for tests and diagnostics). */
    public static int ownedBuffers() {
        return OWNED.get().size;
    }

    /**
     * Frees every buffer ops allocated on this thread since this scope opened (the tensors holding them must not be
     * used afterwards). Closing twice does nothing; closing with an inner scope still open, or on another thread,
     * throws.
     */
    @Override
    public void close() {
        if (!open) return;
        if (OWNED.get() != owned) throw new IllegalStateException("A TensorScope must be closed on the thread that opened it");
        if (owned.depth != depth) throw new IllegalStateException("An inner TensorScope is still open");
        open = false;
        owned.depth--;
        int mark = owned.marks[owned.depth];
        RuntimeException failure = null;
        for (int i = owned.size - 1; i >= mark; i--) {
            try {
                owned.backends[i].free(owned.buffers[i]);
            } catch (RuntimeException e) {
                // free the rest anyway; report the first problem (a buffer freed twice is a bug in an op)
                if (failure == null) failure = e;
            }
            owned.backends[i] = null;
            owned.buffers[i] = null;
        }
        owned.size = mark;
        if (failure != null) throw failure;
    }

    // ***** for the ops (package-private) *****

    /** Records {@code buffer}, just allocated by an op, for the innermost open scope (nothing when none is open). */
    static void own(Backend backend, Buffer buffer) {
        Owned o = OWNED.get();
        if (o.depth == 0) return;
        if (o.size == o.buffers.length) {
            o.buffers = java.util.Arrays.copyOf(o.buffers, o.size * 2);
            o.backends = java.util.Arrays.copyOf(o.backends, o.size * 2);
        }
        o.backends[o.size] = backend;
        o.buffers[o.size++] = buffer;
    }

    /**
     * Frees {@code buffer} now (a temporary a gradient rule is done with, max-pooling indices once used), dropping it
     * from whichever open scope owns it so that closing does not free it again.
     */
    static void freeNow(Backend backend, Buffer buffer) {
        Owned o = OWNED.get();
        // temporaries are freed soon after they were made: search from the end
        for (int i = o.size - 1; i >= 0; i--) {
            if (o.buffers[i] == buffer) {
                System.arraycopy(o.buffers, i + 1, o.buffers, i, o.size - i - 1);
                System.arraycopy(o.backends, i + 1, o.backends, i, o.size - i - 1);
                o.size--;
                o.buffers[o.size] = null;
                o.backends[o.size] = null;
                for (int d = 0; d < o.depth; d++) if (o.marks[d] > i) o.marks[d]--;
                break;
            }
        }
        backend.free(buffer);
    }

    /** One thread's owned buffers; scope d owns those from marks[d] to the next scope's mark (or size). */
    private static final class Owned {
        Buffer[] buffers = new Buffer[64];
        Backend[] backends = new Backend[64];
        int size;
        int[] marks = new int[4];
        int depth;
    }
}
