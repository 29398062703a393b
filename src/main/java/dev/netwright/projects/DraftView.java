package dev.netwright.projects;

import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.WeightsCodec;

import java.time.Instant;
import java.util.Optional;

/**
 * A project's autosaved, unsaved design, the weights that came with it (a template's) if any, and when it was last
 * written.
 */
public record DraftView(long projectId, GraphSpec graph, Optional<WeightsCodec.Weights> weights, Instant updatedAt) {
}
