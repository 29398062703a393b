package dev.netwright.projects;

import java.time.Instant;
import java.util.List;

/** A project with the summaries of its saved versions (oldest first). */
public record ProjectView(long id, String name, String description, Instant createdAt, List<VersionSummary> versions) {
    /** @param author who saved the version; null for versions saved before authors were kept */
    public record VersionSummary(long id, int version, String name, Instant createdAt, String author) {
    }
}
