package dev.netwright.projects;

import dev.netwright.graph.GraphSpec;

import java.time.Instant;

/** One saved design of a project. */
public record ModelVersionView(long id, long projectId, int version, String name, GraphSpec graph, Instant createdAt) {
}
