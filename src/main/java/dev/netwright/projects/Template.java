package dev.netwright.projects;

import dev.netwright.graph.GraphSpec;

/** A ready-made design: its graph, the data set it is meant for, and training settings that work. */
public record Template(String id, String name, String description, String datasetId, String optimizer,
                      double learningRate, int epochs, int batchSize, GraphSpec graph) {
}
