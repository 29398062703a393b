package dev.netwright.graph.layer;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Module;

import java.util.List;

/**
 * The network's output and the loss it is trained with. The prediction passes through unchanged.
 * Class losses need a vector of at least 2 scores per sample.
 */
public record OutputLayer(Loss loss) implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single("Output", inputs);
        if (loss.takesClassIndices() || loss == Loss.CROSS_ENTROPY_ONE_HOT) {
            if (in.rank() != 1 || in.dim(0) < 2) {
                throw new IllegalArgumentException("Loss " + loss.id() + " needs one score per class, a vector of at least 2, got " + in);
            }
        }
        return in;
    }

    @Override
    public long parameterCount(List<Shape> inputs) {
        return 0;
    }

    @Override
    public Module build(List<Shape> inputs, Rng rng) {
        return new Activation(Activation.Kind.IDENTITY);
    }
}
