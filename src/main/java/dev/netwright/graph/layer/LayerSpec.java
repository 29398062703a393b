package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * A layer type with its parameters parsed. Shapes here are per sample (no batch dimension).
 * This is the one place a layer's shape rule lives: shape inference, the canvas, the compiler and
 * the docs all call it. A permitted record without an engine module or ONNX emitter does not compile.
 */
public sealed interface LayerSpec permits InputLayer, DenseLayer, ActivationLayer, DropoutLayer, FlattenLayer, OutputLayer {

    /** The output shape for these input shapes; throws {@link IllegalArgumentException} naming what does not fit. */
    Shape outputShape(List<Shape> inputs);

    /** Trainable parameters for these input shapes. */
    long parameterCount(List<Shape> inputs);

    /** The engine module for these input shapes, initialised from {@code rng}. */
    Module build(List<Shape> inputs, Rng rng);

    /** Checks that exactly one input arrived and returns it. */
    static Shape single(String type, List<Shape> inputs) {
        if (inputs.size() != 1) throw new IllegalArgumentException(type + " takes exactly 1 input, got " + inputs.size());
        return inputs.getFirst();
    }
}
