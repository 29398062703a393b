package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * A layer type with its parameters parsed. Shapes here are per sample (no batch dimension); the modules
 * {@link #build} returns take batches [N, ...shape].
 * This is the one place a layer's shape rule lives: shape inference, the canvas, the compiler and
 * the docs all call it. A permitted record without an engine module or ONNX emitter does not compile.
 */
public sealed interface LayerSpec permits InputLayer, DenseLayer, PerceptronLayer, ActivationLayer, PReLULayer, FlattenLayer,
        ReshapeLayer, OutputLayer,
        Conv1DLayer, Conv2DLayer, ConvTranspose2DLayer,
        MaxPool1DLayer, MaxPool2DLayer, AvgPool1DLayer, AvgPool2DLayer, GlobalAvgPool2DLayer, GlobalMaxPool2DLayer,
        BatchNormLayer, LayerNormLayer, WeightNormDenseLayer,
        DropoutLayer, AlphaDropoutLayer, GaussianNoiseLayer,
        EmbeddingLayer, SimpleRNNLayer, LSTMLayer, GRULayer,
        ConcatLayer, AddLayer, MultiplyLayer {

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

    /** Checks that {@code n} inputs arrived. */
    static void arity(String type, List<Shape> inputs, int n) {
        if (inputs.size() != n) throw new IllegalArgumentException(type + " takes " + n + " inputs, got " + inputs.size());
    }

    /** Checks that all inputs have one shape and returns it; the message names the ports and shapes that differ. */
    static Shape sameShape(String type, List<Shape> inputs) {
        Shape first = inputs.getFirst();
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(first)) {
                throw new IllegalArgumentException(type + " needs inputs of one shape: in0 is " + first + " but in" + i + " is "
                        + inputs.get(i) + (first.size() == inputs.get(i).size() ? "; add a Reshape" : ""));
            }
        }
        return first;
    }
}
