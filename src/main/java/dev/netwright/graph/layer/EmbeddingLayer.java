package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Embedding;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * Lookup table: y[t] = weight[x[t]] for integer ids x (whole numbers in 0..vocabulary-1, carried as floats by the
 * network's input); only the rows looked up are trained.
 * <p>Shape: ids [T] (or any shape) → [T, dim]; weight [vocabulary, dim]. Parameters: vocabulary·dim.
 * <p>ONNX: Cast(to=INT64), Gather(weight, ids).
 */
public record EmbeddingLayer(int vocabulary, int dim) implements LayerSpec {
    public EmbeddingLayer {
        if (vocabulary < 1) throw new IllegalArgumentException("Embedding.vocabulary must be >= 1. Received: vocabulary=" + vocabulary);
        if (dim < 1) throw new IllegalArgumentException("Embedding.dim must be >= 1. Received: dim=" + dim);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single("Embedding", inputs);
        if (in.rank() < 1) throw new IllegalArgumentException("Embedding expects a sequence of ids [T], got " + in);
        return append(in, dim);
    }

    private static Shape append(Shape s, int last) {
        int[] d = java.util.Arrays.copyOf(s.toArray(), s.rank() + 1);
        d[s.rank()] = last;
        return Shape.of(d);
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return (long) vocabulary * dim;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new Embedding(vocabulary, dim, rng);
    }
}
