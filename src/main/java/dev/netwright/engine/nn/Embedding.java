package dev.netwright.engine.nn;

import dev.netwright.engine.MovementOps;
import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;

/**
 * Lookup table: y[..., :] = weight[index, :] for each whole-number index (stored as a float) in the input;
 * only the weight is trained. Initialized N(0, 1) like PyTorch.
 * <p>Shape: indices [...] → [..., dim]; weight [numEmbeddings, dim]. Parameters: numEmbeddings*dim.
 * <p>ONNX: Gather.
 */
public final class Embedding extends Module {
    private final Tensor weight;

    public Embedding(int numEmbeddings, int dim, Rng rng) {
        if (numEmbeddings <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding needs numEmbeddings > 0 and dim > 0. Received: numEmbeddings="
                    + numEmbeddings + ", dim=" + dim);
        }
        Shape ws = Shape.of(numEmbeddings, dim);
        this.weight = parameter("weight", Tensor.of(ws, Init.NORMAL.sample(ws, rng, 1f, 1f)));
    }

    @Override
    public Tensor forward(Tensor indices) {
        return MovementOps.embedding(weight, indices);
    }

    public Tensor weight() {
        return weight;
    }
}
