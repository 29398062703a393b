package dev.netwright.engine.nn;

import dev.netwright.engine.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer: holds named parameters and computes its output from its inputs with tensor ops.
 * Single-input layers override {@link #forward(Tensor)}; merge layers override {@link #forward(List)}.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    protected boolean training = true;
    private dev.netwright.engine.Rng rng;

    /** Registers a trainable parameter under {@code name} (ONNX initializer names derive from it). */
    protected Tensor parameter(String name, Tensor value) {
        parameters.put(name, value.requireGrad());
        return value;
    }

    /** Registers non-trainable state that is saved and exported (e.g. BatchNorm running statistics). */
    protected Tensor buffer(String name, Tensor value) {
        buffers.put(name, value);
        return value;
    }

    /** Registers the generator a layer draws from while training (masks, noise), so checkpoints can save its state. */
    protected dev.netwright.engine.Rng randomness(dev.netwright.engine.Rng rng) {
        this.rng = rng;
        return rng;
    }

    /** The generator registered with {@link #randomness}, or null for a deterministic layer. */
    public dev.netwright.engine.Rng rng() {
        return rng;
    }

    public Map<String, Tensor> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public Map<String, Tensor> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    public Tensor forward(Tensor x) {
        throw new IllegalStateException(getClass().getSimpleName() + " takes several inputs; call forward(List)");
    }

    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " takes 1 input. Received: " + inputs.size());
        }
        return forward(inputs.getFirst());
    }

    /** Training mode (dropout active, batch statistics) vs evaluation mode. */
    public void train(boolean on) {
        this.training = on;
    }

    public boolean isTraining() {
        return training;
    }

    public int parameterCount() {
        return parameters.values().stream().mapToInt(t -> t.shape().size()).sum();
    }
}
