package dev.netwright.engine.autograd;

import dev.netwright.engine.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reverse-mode differentiation: a topological walk from the root, applying each op's gradient rule. */
public final class Backward {
    private Backward() {
    }

    /** Tensors reachable from {@code root} in topological order (inputs before outputs). Iterative: deep graphs are fine. */
    public static List<Tensor> topoOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (int) frame[1];
            Tensor[] parents = t.parents();
            if (next < parents.length) {
                frame[1] = next + 1;
                Tensor p = parents[next];
                if (p.requiresGrad() && visited.add(p)) stack.push(new Object[]{p, 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /**
     * Runs backward from {@code root} whose gradient has been seeded, then frees the graph. Each intermediate
     * tensor is detached as soon as its rule has passed its gradient on (nothing reads it again), which hands its
     * gradient buffer back to the backend for reuse; leaves keep theirs.
     */
    public static void run(Tensor root) {
        List<Tensor> order = topoOrder(root);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            GradFn fn = t.gradFn();
            if (fn != null && t.gradBuffer() != null) fn.backward(t);
            if (!t.isLeaf()) t.detachGraph();
        }
    }
}
