package dev.netwright.projects;

import dev.netwright.graph.GraphSpec;

import java.time.Instant;

/** A project's autosaved, unsaved design and when it was last written. */
public record DraftView(long projectId, GraphSpec graph, Instant updatedAt) {
}
