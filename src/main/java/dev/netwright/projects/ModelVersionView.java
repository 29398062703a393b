package dev.netwright.projects;

import dev.netwright.graph.GraphSpec;

import java.time.Instant;

/**
 * One saved design of a project.
 *
 * @param hasWeights the version carries weights (an imported model): training starts from them instead of a fresh init
 * @param author     who saved it; null for versions saved before authors were kept
 */
public record ModelVersionView(long id, long projectId, int version, String name, GraphSpec graph, Instant createdAt,
                               boolean hasWeights, String author) {
}
