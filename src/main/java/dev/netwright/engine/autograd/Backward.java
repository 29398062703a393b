package dev.netwright.engine.autograd;

import dev.netwright.engine.Tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/** Reverse-mode differentiation: a topological walk from the root, applying each op's gradient rule. */
public final class Backward {
    /** Each thread's walk state, reused by {@link #run} so a backward pass allocates nothing once it has grown. */
    private static final ThreadLocal<Walk> WALKS = ThreadLocal.withInitial(Walk::new);

    private Backward() {
    }

    /** Tensors reachable from {@code root} in topological order (inputs before outputs). Iterative: deep graphs are fine. */
    public static List<Tensor> topoOrder(Tensor root) {
        Walk w = new Walk();
        w.sort(root);
        return new ArrayList<>(w.order);
    }

    /**
     * Runs backward from {@code root} whose gradient has been seeded, then frees the graph. Each intermediate
     * tensor is detached as soon as its rule has passed its gradient on (nothing reads it again), which hands its
     * gradient buffer back to the backend for reuse; leaves keep theirs.
     */
    public static void run(Tensor root) {
        Walk w = WALKS.get();
        if (w.busy) w = new Walk();   // a backward pass started from inside a gradient rule
        w.busy = true;
        try {
            w.sort(root);
            ArrayList<Tensor> order = w.order;
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                GradFn fn = t.gradFn();
                if (fn != null && t.gradBuffer() != null) fn.backward(t);
                if (!t.isLeaf()) t.detachGraph();
            }
        } finally {
            w.clear();
            w.busy = false;
        }
    }

    /** A depth-first walk's stack, visited set and result, kept between walks (cleared, so they hold no tensors). */
    private static final class Walk {
        final ArrayList<Tensor> order = new ArrayList<>();
        final IdentityHashMap<Tensor, Boolean> visited = new IdentityHashMap<>();
        Tensor[] stack = new Tensor[32];
        int[] next = new int[32];
        boolean busy;

        /** Fills {@link #order} with the tensors reachable from root through parents that require a gradient, inputs first. */
        void sort(Tensor root) {
            stack[0] = root;
            next[0] = 0;
            int depth = 1;
            visited.put(root, Boolean.TRUE);
            while (depth > 0) {
                Tensor t = stack[depth - 1];
                int n = next[depth - 1];
                Tensor[] parents = t.parents();
                if (n < parents.length) {
                    next[depth - 1] = n + 1;
                    Tensor p = parents[n];
                    if (p.requiresGrad() && visited.put(p, Boolean.TRUE) == null) {
                        if (depth == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, depth * 2);
                            next = java.util.Arrays.copyOf(next, depth * 2);
                        }
                        stack[depth] = p;
                        next[depth] = 0;
                        depth++;
                    }
                } else {
                    stack[--depth] = null;
                    order.add(t);
                }
            }
        }

        void clear() {
            order.clear();
            visited.clear();
            java.util.Arrays.fill(stack, null);   // after a failed walk some entries may remain
        }
    }
}
