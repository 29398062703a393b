package dev.netwright.projects;

import dev.netwright.data.Scaling;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.WeightsCodec;

import java.util.Map;
import java.util.Optional;

/**
 * A ready-made design: its graph, the data set it is meant for, and training settings that work.
 *
 * @param weights parameters to start from, by name as {@link dev.netwright.graph.Network#parameters()} names them
 *                ("hidden.weight", in the layer's own layout); null: a run initialises them from its seed
 */
public record Template(String id, String name, String description, String datasetId, String optimizer,
                       double learningRate, int epochs, int batchSize, GraphSpec graph, Map<String, float[]> weights,
                       Scaling scaling) {

    /** The input scaling its runs use: NONE unless the template asks for one (the SELU network: STANDARDIZE). */
    public Scaling scalingOrNone() {
        return scaling == null ? Scaling.NONE : scaling;
    }

    /** This template with another graph (the same design, laid out anew). */
    public Template withGraph(GraphSpec g) {
        return new Template(id, name, description, datasetId, optimizer, learningRate, epochs, batchSize, g, weights, scaling);
    }

    /** The template's weights, ready to store with a version; empty when it has none. */
    public Optional<WeightsCodec.Weights> initialWeights() {
        return weights == null || weights.isEmpty() ? Optional.empty() : Optional.of(new WeightsCodec.Weights(weights, Map.of()));
    }
}
