package dev.netwright.graph.layer;

import dev.netwright.engine.Tensor;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Module;

import java.util.function.UnaryOperator;

/**
 * An engine module fitted to the graph's layout: {@code before} runs on the batch, then the module, then
 * {@code after} (a transpose to the engine's seq-first layout and back, a reshape, an activation, padding).
 * Parameters and buffers keep the inner module's names, so ONNX initializers are {@code <nodeId>.weight} etc.;
 * training mode reaches the inner module.
 */
public final class Adapted extends Module {
    private final Module inner;
    private final UnaryOperator<Tensor> before;
    private final UnaryOperator<Tensor> after;

    Adapted(Module inner, UnaryOperator<Tensor> before, UnaryOperator<Tensor> after) {
        this.inner = inner;
        this.before = before;
        this.after = after;
        inner.parameters().forEach(this::parameter);
        inner.buffers().forEach(this::buffer);
    }

    /** {@code m} followed by {@code kind} with its default alpha (as Dense applies its activation). */
    static Module withActivation(Module m, Activation.Kind kind) {
        if (kind == Activation.Kind.IDENTITY) return m;
        return new Adapted(m, x -> x, y -> Activation.apply(kind, Activation.defaultAlpha(kind), y));
    }

    public Module inner() {
        return inner;
    }

    @Override
    public Tensor forward(Tensor x) {
        return after.apply(inner.forward(before.apply(x)));
    }

    @Override
    public void train(boolean on) {
        super.train(on);
        inner.train(on);
    }

    /** Appends {@code n} zeros at the end of {@code axis} (the odd zero of "same" padding). */
    static Tensor padEnd(Tensor x, int axis, int n) {
        if (n == 0) return x;
        // zeros on x's own backend, from a slice of x; the gradient through them is zero
        Tensor zero = x.narrow(axis, 0, 1).mul(0f);
        java.util.List<Tensor> parts = new java.util.ArrayList<>();
        parts.add(x);
        for (int i = 0; i < n; i++) parts.add(zero);
        return Tensor.concat(axis, parts);
    }
}
